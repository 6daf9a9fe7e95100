// csv_org.cpp - the complaints and employees CSV formats (docs/import.md): one complaint step or one
// employee record per row, by the header's column names (CsvMapper reads the header).
#include <cstring>

#include "import/csv_cells.hpp"
#include "import/fields.hpp"
#include "import/fingerprint.hpp"

namespace kamhost::import {
namespace {

// Column numbers, in documented order.
enum ComplaintColumn : int {
  c_complaint_id, c_account_id, c_action, c_occurred_at, c_employee_id, c_priority, c_department,
  c_to_employee_id, c_to_department, c_response_flags, c_channel, c_category, c_text, c_event_id
};
enum EmployeeColumn : int {
  e_employee_id, e_name, e_department, e_manager_id, e_calendar, e_time_zone, e_flags, e_occurred_at, e_event_id
};

const std::vector<std::string> kComplaintColumns = {
    "complaint_id",  "account_id",     "action", "occurred_at", "employee_id", "priority", "department",
    "to_employee_id", "to_department", "response_flags", "channel", "category", "text", "event_id"};
const std::vector<std::string> kEmployeeColumns = {"employee_id", "name",  "department",  "manager_id", "calendar",
                                                   "time_zone",   "flags", "occurred_at", "event_id"};

// The derived id: PREFIX:<id>:<fnv of "KIND" and every column but event_id as sent, times as ms>.
std::string derived_id(const CsvCells& cells, const char* kind, std::string_view id, int count, int time_column,
                       int64_t time_ms) {
  Fingerprint fp;
  fp.add(kind);
  for (int c = 0; c < count; ++c) fp.add(c == time_column ? std::to_string(time_ms) : std::string(cells.cell(c)));
  return "csv-" + std::string(kind) + ":" + std::string(id) + ":" + fnv1a64_hex(fp.data);
}

}  // namespace

const std::vector<std::string>& complaint_columns() { return kComplaintColumns; }
const std::vector<std::string>& employee_columns() { return kEmployeeColumns; }
std::vector<int> complaint_required_columns() { return {c_complaint_id, c_action, c_occurred_at, c_employee_id}; }
std::vector<int> employee_required_columns() { return {e_employee_id}; }

void complaint_row(const CsvCells& cells, AnyEvent& out) {
  auto& e = out.complaint;
  kam_event_header& h = out.header;
  h.struct_size = sizeof e;
  h.kind = KAM_EVENT_COMPLAINT;
  const std::string_view id = cells.required_id(c_complaint_id);
  h.occurred_at_ms = cells.time(c_occurred_at, true);
  e.complaint_id = cells.arena().str(id);
  e.account_id = cells.opt(c_account_id);
  const std::string_view action = trim(cells.required_id(c_action));
  const auto code = complaint_action_from_name(action);
  if (!code)
    throw ParseError("action: " + in_quotes(action) + " is not a complaint action (" + names(kComplaintActions) + ")");
  e.action = *code;
  e.employee_id = cells.arena().str(cells.required_id(c_employee_id));
  const std::string_view priority = trim(cells.cell(c_priority));
  e.severity = priority.empty() ? 0 : priority_from_text(priority, "priority");
  e.department = cells.opt(c_department);
  e.to_employee_id = cells.opt(c_to_employee_id);
  e.to_department = cells.opt(c_to_department);
  e.response_flags = flag_bits(kResponseFlags, std::size(kResponseFlags), cells.list(c_response_flags), "response_flags");
  e.channel = cells.opt(c_channel);
  e.category = cells.opt(c_category);
  e.text = cells.opt(c_text);
  const std::string_view given = cells.cell(c_event_id);
  h.event_id = cells.arena().str(given.empty() ? derived_id(cells, "complaint", id, c_event_id, c_occurred_at, h.occurred_at_ms)
                                               : std::string(given));
}

void employee_row(const CsvCells& cells, AnyEvent& out) {
  auto& e = out.employee;
  kam_event_header& h = out.header;
  h.struct_size = sizeof e;
  h.kind = KAM_EVENT_EMPLOYEE_UPSERTED;
  const std::string_view id = cells.required_id(e_employee_id);
  h.occurred_at_ms = cells.time(e_occurred_at, false);
  e.employee_id = cells.arena().str(id);
  e.name = cells.opt(e_name);
  e.department = cells.opt(e_department);
  e.manager_id = cells.opt(e_manager_id);
  e.calendar = cells.opt(e_calendar);
  e.time_zone = cells.opt(e_time_zone);
  e.flags = flag_bits(kEmployeeFlags, std::size(kEmployeeFlags), cells.list(e_flags), "flags");
  const std::string_view given = cells.cell(e_event_id);
  h.event_id = cells.arena().str(given.empty() ? derived_id(cells, "employee", id, e_event_id, e_occurred_at, h.occurred_at_ms)
                                               : std::string(given));
}

}  // namespace kamhost::import
