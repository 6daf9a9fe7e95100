// employee_writer.cpp - EmployeeWriter; see employee_writer.hpp.
#include "store/ingestion/employee_writer.hpp"

#include "store/complaints/calendar_versions.hpp"
#include "store/cursor.hpp"
#include "store/ingestion/writer_support.hpp"

namespace kam::store::detail {

ItemResult EmployeeWriter::write(const core::EmployeeEvent& e) {
  std::vector<std::string> calendars;
  if (ctx_.complaints)
    for (const auto& [name, key] : ctx_.complaints->sla.calendar_keys) calendars.push_back(name);
  if (auto problem = core::check_employee_calendar(e, calendars))
    return rejected_item(Status::invalid_argument, "employee '" + e.employee_id + "': " + *problem);
  RepeatedWrite upsert(
      ctx_.sql, ctx_.backend,
      "INSERT INTO employees (employee_id, name, department, manager_id, calendar, time_zone, flags, updated_at_ms,"
      " last_event_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
      " ON CONFLICT (employee_id) DO UPDATE SET name = excluded.name, department = excluded.department,"
      " manager_id = excluded.manager_id, calendar = excluded.calendar, time_zone = excluded.time_zone,"
      " flags = excluded.flags, updated_at_ms = excluded.updated_at_ms, last_event_id = excluded.last_event_id"
      " WHERE employees.updated_at_ms <= excluded.updated_at_ms");
  upsert.run({e.employee_id, e.name, e.department, e.manager_id, e.calendar, e.time_zone, int64_t{e.flags}, ctx_.at_ms,
              ctx_.event_id});
  return accepted_item();
}

}  // namespace kam::store::detail
