// service.cpp - service queues, timelines and the service report for people
// (see service.hpp).
#include "render/service.hpp"

#include <sstream>
#include <vector>

#include "render/format.hpp"
#include "render/svg.hpp"
#include "text/escape.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

const json& array_at(const json& j, const char* key) {
  static const json kEmpty = json::array();
  return j.is_object() && j.contains(key) && j[key].is_array() ? j[key] : kEmpty;
}

const date::time_zone* zone_of(const json& j, std::string& name) {
  name = text_of(j, "time_zone");
  if (name.empty()) name = "UTC";
  return find_zone(name);
}

std::string left_text(const json& item) {
  const auto left = integer_at(item, "left_ms");
  if (!left) return "-";
  return *left < 0 ? format_business(-*left) + " over" : format_business(*left);
}

std::string marks(const json& item) {
  if (text_of(item, "type") == "complaint") {
    if (bool_of(item, "breached")) return "BREACH";
    if (bool_of(item, "warning")) return "warning";
    return bool_of(item, "paused") ? "paused" : "";
  }
  return bool_of(item, "overdue") ? "OVERDUE" : "";
}

// One queue row: service requests and complaints side by side.
std::vector<std::string> item_row(const json& item, const date::time_zone* zone) {
  const bool complaint = text_of(item, "type") == "complaint";
  const auto deadline = integer_at(item, "deadline_ms");
  return {complaint ? "complaint" : "service",
          text_of(item, complaint ? "complaint_id" : "request_id"),
          text_of(item, "account_id"),
          text_of(item, "tier"),
          complaint ? text_of(item, "clock") : text_of(item, "workflow") + "/" + text_of(item, "state"),
          deadline ? zone_time(*deadline, zone) : "-",
          left_text(item),
          complaint ? text_of(item, "assignee") : text_of(item, "assignee"),
          marks(item)};
}

void item_table(std::ostream& out, const json& items, const date::time_zone* zone, const std::string& zone_name) {
  std::vector<std::vector<std::string>> rows;
  for (const json& item : items) rows.push_back(item_row(item, zone));
  print_table(
      out, {"kind", "id", "account", "tier", "workflow/state", "deadline (" + zone_name + ")", "left", "assignee", ""},
      rows, {false, false, false, false, false, false, true, false, false});
}

}  // namespace

void render_service_queue(std::ostream& out, const json& queue) {
  std::string zone_name;
  const date::time_zone* zone = zone_of(queue, zone_name);
  const json& items = array_at(queue, "items");
  out << "Service queue of " << printable(text_of(queue, "employee_id"));
  if (const auto now = integer_at(queue, "now_ms")) out << " at " << zone_time(*now, zone) << " (" << zone_name << ")";
  out << ": " << items.size() << (items.size() == 1 ? " open item" : " open items");
  if (bool_of(queue, "complaints_included")) out << " (service requests and complaints)";
  if (bool_of(queue, "truncated")) out << " shown, more are open (--limit N)";
  out << "\n";
  if (!items.empty()) item_table(out, items, zone, zone_name);
}

void render_account_requests(std::ostream& out, const json& requests) {
  std::string zone_name = "UTC";
  const json& open = array_at(requests, "open");
  if (!open.empty()) zone_name = text_of(open[0], "time_zone");
  const date::time_zone* zone = find_zone(zone_name.empty() ? "UTC" : zone_name);
  out << "Service requests of " << printable(text_of(requests, "account_id")) << " "
      << printable(text_of(requests, "account_name")) << ": " << integer_of(requests, "open_count") << " open, "
      << integer_of(requests, "overdue_count") << " overdue\n";
  if (!open.empty()) item_table(out, open, zone, zone_name);
  const json& closed = array_at(requests, "closed");
  if (!closed.empty()) {
    out << "Done:\n";
    item_table(out, closed, zone, zone_name);
  }
}

void render_service_request(std::ostream& out, const json& r) {
  std::string zone_name;
  const date::time_zone* zone = zone_of(r, zone_name);
  out << "Service request " << printable(text_of(r, "request_id")) << " of " << printable(text_of(r, "account_id"))
      << " " << printable(text_of(r, "account_name")) << "\n";
  out << "  workflow " << printable(text_of(r, "workflow")) << " (tier " << printable(text_of(r, "tier")) << "), state "
      << printable(text_of(r, "state")) << (bool_of(r, "open") ? "" : " (done)") << ", assignee "
      << printable(text_of(r, "assignee")) << " (" << printable(text_of(r, "routed_by")) << ")\n";
  if (const auto d = integer_at(r, "deadline_ms"))
    out << "  deadline " << zone_time(*d, zone) << " (" << zone_name << "), left " << left_text(r) << "\n";
  out << "Ledger:\n";
  std::vector<std::vector<std::string>> rows;
  for (const json& e : array_at(r, "ledger")) {
    const auto d = integer_at(e, "deadline_ms");
    rows.push_back({std::to_string(integer_of(e, "seq")), zone_time(integer_of(e, "at_ms"), zone), text_of(e, "kind"),
                    text_of(e, "who"), text_of(e, "state"), text_of(e, "assignee"), d ? zone_time(*d, zone) : ""});
  }
  print_table(out, {"  seq", "at", "kind", "who", "state", "assignee", "deadline"}, rows, {true});
  const json& sent = array_at(r, "notifications");
  out << "Notifications: " << sent.size() << "\n";
  rows.clear();
  for (const json& n : sent) {
    std::string to;
    for (const json& e : array_at(n, "employees")) to += (to.empty() ? "" : ", ") + text_of(e);
    for (const json& e : array_at(n, "roles")) to += (to.empty() ? "role " : ", role ") + text_of(e);
    rows.push_back({"  " + text_of(n, "kind"), text_of(n, "step"), text_of(n, "state"),
                    zone_time(integer_of(n, "due_at_ms"), zone), to});
  }
  if (!rows.empty()) print_table(out, {"  kind", "step", "state", "due", "to"}, rows);
}

void render_service_report(std::ostream& out, const json& kpis) {
  std::string zone_name;
  const date::time_zone* zone = zone_of(kpis, zone_name);
  const std::string by = text_of(kpis, "group_by");
  out << "Service" << (by == "all" || by.empty() ? "" : " by " + by) << ": requests opened "
      << zone_time(integer_of(kpis, "from_ms"), zone) << " to " << zone_time(integer_of(kpis, "to_ms"), zone) << " ("
      << zone_name << ", the end excluded)\n";
  std::vector<std::vector<std::string>> rows;
  auto row = [](const std::string& label, const json& r) {
    const auto bp = integer_at(r, "within_bp");
    return std::vector<std::string>{label,
                                    std::to_string(integer_of(r, "requests")),
                                    std::to_string(integer_of(r, "stays_with_deadline")),
                                    std::to_string(integer_of(r, "decided")),
                                    std::to_string(integer_of(r, "within_deadline")),
                                    bp ? format_bp_fixed(*bp) : "-",
                                    std::to_string(integer_of(r, "missed_still_open"))};
  };
  for (const json& r : array_at(kpis, "rows")) rows.push_back(row(text_of(r, "group"), r));
  if (kpis.contains("total")) rows.push_back(row("total", kpis["total"]));
  print_table(out, {by.empty() ? "group" : by, "requests", "stays", "decided", "within", "within %", "missed, open"},
              rows, {false, true, true, true, true, true, true});
}

std::string service_svg(const json& kpis) {
  const json& rows = array_at(kpis, "rows");
  const double bar_h = 24, left = 180, width = 420, top = 40;
  const double height = top + bar_h * static_cast<double>(rows.size()) + 30;
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << coord(left + width + 80) << "\" height=\""
    << coord(height) << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  s << "<text x=\"10\" y=\"20\" font-size=\"14\">"
    << xml_escape("Service: state stays within their deadline, by " + text_of(kpis, "group_by")) << "</text>\n";
  double y = top;
  for (const json& r : rows) {
    const auto bp = integer_at(r, "within_bp");
    const double w = bp ? width * static_cast<double>(*bp) / 10000.0 : 0;
    s << "<text x=\"10\" y=\"" << coord(y + 16) << "\">" << xml_escape(text_of(r, "group")) << "</text>\n";
    s << "<rect x=\"" << coord(left) << "\" y=\"" << coord(y + 4) << "\" width=\"" << coord(width)
      << "\" height=\"16\" fill=\"#eee\"/>\n";
    s << "<rect x=\"" << coord(left) << "\" y=\"" << coord(y + 4) << "\" width=\"" << coord(w)
      << "\" height=\"16\" fill=\"#3a7\"/>\n";
    s << "<text x=\"" << coord(left + width + 8) << "\" y=\"" << coord(y + 16) << "\">"
      << xml_escape(bp ? format_bp_fixed(*bp) : "-") << "</text>\n";
    y += bar_h;
  }
  s << "</svg>\n";
  return s.str();
}

}  // namespace kamhost
