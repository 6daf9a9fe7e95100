// timeline.cpp - one complaint's timeline for people (see render_complaint_timeline in
// complaints.hpp): who is accountable, both SLA clocks, the append-only ledger they are derived
// from, and the escalations sent. Business time as "3h 20m"; instants in the calendar's zone.
#include <algorithm>

#include "render/complaint_items.hpp"
#include "render/complaints.hpp"
#include "render/format.hpp"
#include "text/escape.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

using nlohmann::json;
using namespace complaint_render;

void row(std::ostream& out, const std::string& label, const std::string& value) {
  std::string s = "  " + label;
  s.append(label.size() < 16 ? 16 - columns(label) : 1, ' ');
  out << s << printable(value) << "\n";
}

std::string business_or_dash(const json& object, const char* key) {
  const auto v = integer_at(object, key);
  return v ? format_business(*v) : "-";
}

// The clock's state in words: met, breached (when, by how much), running, paused, no target.
std::string clock_status(const json& clock, const date::time_zone* zone) {
  if (integer_of(clock, "target_ms") == 0 && !integer_at(clock, "breached_at_ms")) return "no target";
  std::vector<std::string> parts;
  if (const auto at = integer_at(clock, "breached_at_ms")) {
    std::string s = "BREACHED at " + zone_time(*at, zone);
    if (const auto by = integer_at(clock, "breach_by_ms"); by && *by > 0) s += ", over by " + format_business(*by);
    parts.push_back(s);
  }
  if (const auto stopped = integer_at(clock, "stopped_at_ms")) {
    parts.push_back((integer_at(clock, "breached_at_ms") ? "stopped at " : "met at ") + zone_time(*stopped, zone));
  } else if (bool_of(clock, "paused")) {
    parts.push_back("paused (waiting on the customer)");
  } else if (bool_of(clock, "active")) {
    parts.push_back("running");
  }
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "; ") + p;
  return s;
}

std::string warnings_text(const json& clock, const date::time_zone* zone) {
  const json& warnings = member(clock, "warnings");
  std::string s;
  std::size_t level = 0;
  for (const auto& w : warnings.is_array() ? warnings : json::array()) {
    ++level;
    // The level's fraction of the target; a plugin that leaves it out gets the level's number.
    std::string one = integer_at(w, "bp") ? format_bp(integer_of(w, "bp")) : "level " + std::to_string(level);
    one += integer_at(w, "reached_at_ms") ? " reached " + local_time(w, "reached_at_ms", zone) : " not yet";
    s += (s.empty() ? "" : "; ") + one;
  }
  return s.empty() ? "-" : s;
}

// What a ledger entry adds beyond its kind and who.
std::string ledger_details(const json& e) {
  const std::string kind = text_of(e, "kind");
  std::vector<std::string> parts;
  if (!text_of(e, "to_employee").empty()) {
    std::string to = "to " + text_of(e, "to_employee");
    if (!text_of(e, "to_department").empty()) to += " (" + text_of(e, "to_department") + ")";
    parts.push_back(to);
  }
  if (kind == "priority_changed" || kind == "received") {
    if (const auto p = integer_at(e, "priority"); p && *p > 0) parts.push_back("priority " + priority_name(*p));
  }
  if (kind == "responded" && e.contains("counts") && e["counts"].is_boolean() && !e["counts"].get<bool>())
    parts.push_back("not a first response (inbound, automatic or internal)");
  if (!text_of(e, "calendar").empty()) parts.push_back("calendar " + text_of(e, "calendar"));
  if (!text_of(e, "event_id").empty()) parts.push_back("event " + text_of(e, "event_id"));
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : ", ") + p;
  return s;
}

std::string recipients(const json& escalation) {
  std::string s;
  auto add = [&](const char* key, const std::string& prefix) {
    const json& list = member(escalation, key);
    for (const auto& v : list.is_array() ? list : json::array()) s += (s.empty() ? "" : ", ") + prefix + text_of(v);
  };
  add("employees", "");
  add("roles", "role ");
  add("unresolved", "unresolved: ");
  return s.empty() ? "-" : s;
}

}  // namespace

void render_complaint_timeline(std::ostream& out, const json& c) {
  const date::time_zone* zone = zone_of(c);
  const std::string zone_name = text_of(c, "time_zone").empty() ? "UTC" : text_of(c, "time_zone");
  out << "Complaint " << printable(text_of(c, "complaint_id"));
  const std::string name = text_of(c, "account_name");
  out << " of " << printable(name.empty() ? text_of(c, "account_id") : name + " (" + text_of(c, "account_id") + ")")
      << "\n";
  const std::string phase = text_of(c, "phase");
  row(out, "state", phase == "waiting" ? "open, waiting on the customer (the clocks are paused)" : phase);
  const std::string tier = text_of(c, "tier");
  row(out, "tier", tier.empty() ? "none when received" : tier);
  row(out, "priority", priority_name(integer_of(c, "priority")));
  row(out, "first owner", text_of(c, "first_owner") + " (accountable until it is closed)");
  std::string assignee = text_of(c, "assignee");
  if (!text_of(c, "department").empty()) assignee += ", department " + text_of(c, "department");
  row(out, "assignee", assignee);
  row(out, "received", local_time(c, "received_at_ms", zone));
  std::string calendar = text_of(c, "calendar");
  row(out, "calendar", (calendar.empty() ? std::string("none") : calendar) + " (times below are " + zone_name + ")");
  row(out, "as of", local_time(c, "now_ms", zone));

  out << "\nClocks (business time)\n";
  std::vector<std::vector<std::string>> clocks;
  std::vector<std::pair<std::string, std::string>> warning_lines;
  const json& clock_list = member(c, "clocks");
  for (const auto& k : clock_list.is_array() ? clock_list : json::array()) {
    const int64_t target = integer_of(k, "target_ms");
    std::string left = "-";
    if (target > 0) {
      if (const auto l = integer_at(k, "left_ms")) left = *l < 0 ? format_business(-*l) + " over" : format_business(*l);
    }
    const std::string generation = integer_at(k, "generation") ? std::to_string(integer_of(k, "generation")) : "-";
    clocks.push_back({"  " + clock_words(text_of(k, "clock")), target > 0 ? format_business(target) : "-",
                      business_or_dash(k, "elapsed_ms"), business_or_dash(k, "paused_ms"), left,
                      target > 0 ? local_time(k, "deadline_ms", zone, bool_of(k, "paused") ? "(paused)" : "-") : "-",
                      generation, clock_status(k, zone)});
    warning_lines.emplace_back(clock_words(text_of(k, "clock")), warnings_text(k, zone));
  }
  print_table(out, {"  CLOCK", "TARGET", "ELAPSED", "PAUSED", "LEFT", "DEADLINE", "GEN", "STATUS"}, clocks,
              {false, true, true, true, true});
  for (const auto& [clock, text] : warning_lines) out << "  warnings of " << clock << ": " << printable(text) << "\n";

  out << "\nLedger (append-only; every deadline above is derived from it)\n";
  std::vector<std::vector<std::string>> ledger;
  const json& entries = member(c, "ledger");
  for (const auto& e : entries.is_array() ? entries : json::array())
    ledger.push_back({"  " + std::to_string(integer_of(e, "seq")), local_time(e, "at_ms", zone), text_of(e, "kind"),
                      text_of(e, "who"), ledger_details(e)});
  if (ledger.empty()) out << "  none\n";
  else print_table(out, {"  SEQ", "AT", "ENTRY", "WHO", "DETAILS"}, ledger, {true});

  out << "\nEscalations sent\n";
  std::vector<std::vector<std::string>> sent;
  const json& escalations = member(c, "escalations");
  for (const auto& e : escalations.is_array() ? escalations : json::array())
    sent.push_back({"  " + text_of(e, "kind"), clock_words(text_of(e, "clock")), local_time(e, "due_at_ms", zone),
                    local_time(e, "created_at_ms", zone), recipients(e), text_of(e, "key")});
  if (sent.empty()) out << "  none\n";
  else print_table(out, {"  KIND", "CLOCK", "DUE", "SENT", "TO", "KEY"}, sent);
}

}  // namespace kamhost
