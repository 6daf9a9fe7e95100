// complaints.cpp - an employee's queue, an account's complaints and the card's complaint section for
// people (see complaints.hpp; one complaint's timeline: timeline.cpp).
#include "render/complaints.hpp"

#include "render/complaint_items.hpp"
#include "render/format.hpp"
#include "text/escape.hpp"
#include "time_text.hpp"

namespace kamhost {

using nlohmann::json;
using namespace complaint_render;

std::string priority_name(int64_t priority) {
  switch (priority) {
    case 1: return "low";
    case 2: return "normal";
    case 3: return "high";
    case 4: return "critical";
    default: return "-";
  }
}

namespace {

std::string count_words(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The items as a table (indent prefixes every line: the card's section is indented).
void item_table(std::ostream& out, const json& items, const std::string& zone_name, const std::string& indent) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& item : items) {
    std::vector<std::string> row = item_row(item, zone_name);
    row.front() = indent + row.front();
    rows.push_back(std::move(row));
  }
  std::vector<std::string> header = item_header(zone_name);
  header.front() = indent + header.front();
  print_table(out, header, rows, item_right_aligned());
}

}  // namespace

void render_complaint_queue(std::ostream& out, const json& queue) {
  const json& items = member(queue, "complaints");
  const std::size_t n = items.is_array() ? items.size() : 0;
  std::string zone_name = text_of(queue, "time_zone");
  if (zone_name.empty()) zone_name = "UTC";
  const date::time_zone* zone = find_zone(zone_name);
  out << "Queue of " << printable(text_of(queue, "employee_id"));
  if (const auto now = integer_at(queue, "now_ms")) out << " at " << zone_time(*now, zone) << " (" << zone_name << ")";
  out << ": " << count_words(n, "open complaint", "open complaints");
  if (bool_of(queue, "truncated")) out << " shown, more are open (--limit N)";
  out << "\n";
  if (n == 0) return;
  std::size_t breached = 0, warned = 0;
  for (const auto& item : items) {
    if (bool_of(item, "breached")) ++breached;
    else if (bool_of(item, "warning")) ++warned;
  }
  if (breached + warned > 0)
    out << count_words(breached, "breached", "breached") << ", " << count_words(warned, "warning", "warnings") << "\n";
  out << "\n";
  item_table(out, items, zone_name, "");
  out << "\nLEFT is business time (working hours on the complaint's calendar) until the deadline of its clock.\n";
}

void render_account_complaints(std::ostream& out, const json& complaints) {
  const json& open = member(complaints, "open");
  const std::size_t n = open.is_array() ? open.size() : 0;
  std::string zone_name;
  for (const auto& item : open)
    if (zone_name.empty()) zone_name = text_of(item, "time_zone");
  if (zone_name.empty()) zone_name = "UTC";
  out << "Complaints of account " << printable(text_of(complaints, "account_id"));
  if (const auto now = integer_at(complaints, "now_ms"))
    out << " at " << zone_time(*now, find_zone(zone_name)) << " (" << zone_name << ")";
  out << ": " << integer_of(complaints, "open_count") << " open, " << integer_of(complaints, "breached_open_count")
      << " of them breached\n";
  if (n > 0) {
    out << "\n";
    item_table(out, open, zone_name, "");
  }
  const json& closed = member(complaints, "closed");
  if (closed.is_array()) {
    out << "\nResolved and closed (newest first): " << closed.size() << "\n";
    if (!closed.empty()) {
      std::vector<std::vector<std::string>> rows;
      for (const auto& item : closed) {
        const date::time_zone* zone = zone_of(item);
        rows.push_back({text_of(item, "complaint_id"), local_time(item, "received_at_ms", zone),
                        text_of(item, "phase"), priority_name(integer_of(item, "priority")),
                        text_of(item, "first_owner"), text_of(item, "assignee"),
                        bool_of(item, "breached") ? "BREACH" : ""});
      }
      out << "\n";
      print_table(out, {"COMPLAINT", "RECEIVED", "STATE", "PRIORITY", "FIRST OWNER", "ASSIGNEE", "STATUS"}, rows);
    }
  }
}

void render_card_complaints(std::ostream& out, const json& complaints) {
  if (!complaints.is_object()) return;
  out << "\nComplaints\n";
  const int64_t open_count = integer_of(complaints, "open_count");
  if (open_count == 0) {
    out << "  none open\n";
    return;
  }
  out << "  " << open_count << " open, " << integer_of(complaints, "breached_open_count") << " of them breached";
  const json& open = member(complaints, "open");
  const std::size_t shown = open.is_array() ? open.size() : 0;
  if (static_cast<int64_t>(shown) < open_count) out << " (the " << shown << " most urgent below)";
  out << "\n";
  if (shown == 0) return;
  std::string zone_name;
  for (const auto& item : open)
    if (zone_name.empty()) zone_name = text_of(item, "time_zone");
  if (zone_name.empty()) zone_name = "UTC";
  item_table(out, open, zone_name, "  ");
}

}  // namespace kamhost
