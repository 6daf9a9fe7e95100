// The import formats of complaint tracking without a plugin (docs/import.md): a complaint step's
// priority (by name or 0..4), response flags, the 1.3 actions and the employee record, in JSON lines
// and in the complaints and employees CSV formats (derived event ids, required columns, messages).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "import_format.hpp"

namespace {

using namespace kamhost::import;

std::string str(const char* s) { return s ? s : "<null>"; }

std::string json_error(const std::string& line) {
  Arena arena;
  AnyEvent e;
  try {
    parse_json_event(line, arena, e);
  } catch (const ParseError& err) {
    return err.what();
  }
  return "";
}

CsvRecord row(const std::vector<std::string>& fields) {
  CsvRecord r;
  r.line = 2;
  r.fields = fields;
  return r;
}

TEST(ImportComplaints, JsonLinesPriorityFlagsAndNewActions) {
  Arena arena;
  AnyEvent e;
  parse_json_event(R"({"kind":"complaint","event_id":"c1","occurred_at":"2026-03-02T09:12:00+08:00","complaint_id":"CP-1",)"
                   R"("account_id":"A1","action":"opened","employee_id":"u.li","priority":"critical"})",
                   arena, e);
  EXPECT_EQ(e.header.kind, KAM_EVENT_COMPLAINT);
  EXPECT_EQ(e.header.struct_size, sizeof(kam_event_complaint));
  EXPECT_EQ(e.complaint.action, KAM_COMPLAINT_OPENED);
  EXPECT_EQ(e.complaint.severity, 4);
  EXPECT_EQ(e.complaint.response_flags, 0u) << "no flags: a first response if it is one";

  parse_json_event(R"({"kind":"complaint","event_id":"c2","occurred_at":"2026-03-02","complaint_id":"CP-1",)"
                   R"("action":"responded","employee_id":"u.li","response_flags":["internal"," automatic ",""]})",
                   arena, e);
  EXPECT_EQ(e.complaint.action, KAM_COMPLAINT_RESPONDED);
  EXPECT_EQ(e.complaint.response_flags, KAM_RESPONSE_INTERNAL | KAM_RESPONSE_AUTOMATIC);
  EXPECT_EQ(e.complaint.severity, 0);

  const std::pair<const char*, kam_complaint_action> actions[] = {
      {"waiting_on_customer", KAM_COMPLAINT_WAITING_ON_CUSTOMER},
      {"customer_replied", KAM_COMPLAINT_CUSTOMER_REPLIED},
      {"priority_changed", KAM_COMPLAINT_PRIORITY_CHANGED}};
  for (const auto& [name, code] : actions) {
    parse_json_event(std::string(R"({"kind":"complaint","event_id":"c3","occurred_at":"2026-03-02","complaint_id":"CP-1","action":")") +
                         name + R"(","employee_id":"u.li","priority":3})",
                     arena, e);
    EXPECT_EQ(e.complaint.action, code) << name;
    EXPECT_EQ(e.complaint.severity, 3) << name;
  }
  // severity, the C struct's name, still works; priority 0..4 as numbers or names.
  parse_json_event(R"({"kind":"complaint","event_id":"c4","occurred_at":"2026-03-02","complaint_id":"CP-1","action":"opened","employee_id":"u.li","severity":2})",
                   arena, e);
  EXPECT_EQ(e.complaint.severity, 2);

  const std::string base = R"({"kind":"complaint","event_id":"c5","occurred_at":"2026-03-02","complaint_id":"CP-1","action":"responded","employee_id":"u.li",)";
  EXPECT_EQ(json_error(base + R"("priority":"urgent"})"),
            "priority: 'urgent' is not a priority (low, normal, high, critical, or 0..4 with 0 = unspecified)");
  EXPECT_EQ(json_error(base + R"("priority":5})"), "priority: 5 is outside 0..4 (0 = unspecified, 4 = critical)");
  EXPECT_EQ(json_error(base + R"("priority":2,"severity":2})"),
            "priority: give priority or severity (the same thing), not both");
  EXPECT_EQ(json_error(base + R"("response_flags":["outbound"]})"),
            "response_flags: 'outbound' is not one of inbound, automatic, internal");
  EXPECT_EQ(json_error(base + R"("response_flags":"internal"})"),
            "response_flags: must be an array of strings, not a string");
}

TEST(ImportComplaints, JsonLinesEmployee) {
  Arena arena;
  AnyEvent e;
  parse_json_event(R"({"kind":"employee_upserted","event_id":"e1","occurred_at":"2026-01-01","employee_id":"u.li",)"
                   R"("name":"Li Na","department":"sales","manager_id":"u.sun","calendar":"china-office",)"
                   R"("time_zone":"Asia/Shanghai","flags":["inactive"]})",
                   arena, e);
  EXPECT_EQ(e.header.kind, KAM_EVENT_EMPLOYEE_UPSERTED);
  EXPECT_EQ(e.header.struct_size, sizeof(kam_event_employee));
  EXPECT_EQ(str(e.employee.employee_id), "u.li");
  EXPECT_EQ(str(e.employee.name), "Li Na");
  EXPECT_EQ(str(e.employee.department), "sales");
  EXPECT_EQ(str(e.employee.manager_id), "u.sun");
  EXPECT_EQ(str(e.employee.calendar), "china-office");
  EXPECT_EQ(str(e.employee.time_zone), "Asia/Shanghai");
  EXPECT_EQ(e.employee.flags, KAM_EMPLOYEE_INACTIVE);
  parse_json_event(R"({"kind":"employee_upserted","event_id":"e2","occurred_at":"2026-01-01","employee_id":"u.sun"})", arena, e);
  EXPECT_EQ(str(e.employee.manager_id), "<null>");
  EXPECT_EQ(e.employee.flags, 0u);
  EXPECT_EQ(json_error(R"({"kind":"employee_upserted","event_id":"e3","occurred_at":"2026-01-01","employee_id":"x","boss":"y"})"),
            "'boss': unknown field for kind employee_upserted (its fields: employee_id, name, department, manager_id, "
            "calendar, time_zone, flags)");
}

TEST(ImportComplaints, ComplaintsCsv) {
  const std::vector<std::string> header = {"complaint_id", "action", "occurred_at", "employee_id", "priority",
                                           "response_flags", "to_employee_id", "to_department", "account_id"};
  CsvMapper mapper(Format::complaints_csv, header);
  ASSERT_EQ(mapper.header_error(), "");
  Arena arena;
  AnyEvent e;
  mapper.to_event(row({"CP-1", "opened", "2026-03-02T09:12:00+08:00", "u.li", "high", "", "", "", "A1"}), arena, e);
  EXPECT_EQ(e.header.kind, KAM_EVENT_COMPLAINT);
  EXPECT_EQ(e.complaint.action, KAM_COMPLAINT_OPENED);
  EXPECT_EQ(e.complaint.severity, 3);
  EXPECT_EQ(str(e.complaint.account_id), "A1");
  EXPECT_EQ(e.header.occurred_at_ms, 1772413920000);
  const std::string id = str(e.header.event_id);
  EXPECT_EQ(id.rfind("csv-complaint:CP-1:", 0), 0u) << id;
  EXPECT_EQ(id.size(), std::string("csv-complaint:CP-1:").size() + 16);
  // The same row with its columns in another order has the same id; another row another.
  CsvMapper reordered(Format::complaints_csv, {"account_id", "occurred_at", "complaint_id", "action", "employee_id", "priority"});
  reordered.to_event(row({"A1", "2026-03-02T09:12:00+08:00", "CP-1", "opened", "u.li", "high"}), arena, e);
  EXPECT_EQ(str(e.header.event_id), id);
  mapper.to_event(row({"CP-1", "handed_off", "2026-03-02T10:00:00+08:00", "u.li", "", "", "q.tang", "quality", ""}), arena, e);
  EXPECT_EQ(e.complaint.action, KAM_COMPLAINT_HANDED_OFF);
  EXPECT_EQ(str(e.complaint.to_employee_id), "q.tang");
  EXPECT_EQ(str(e.complaint.to_department), "quality");
  EXPECT_EQ(str(e.complaint.account_id), "<null>");
  EXPECT_NE(str(e.header.event_id), id);
  mapper.to_event(row({"CP-1", "responded", "2026-03-02T10:05:00+08:00", "u.li", "", "inbound; internal", "", "", ""}), arena, e);
  EXPECT_EQ(e.complaint.response_flags, KAM_RESPONSE_INBOUND | KAM_RESPONSE_INTERNAL);

  auto error = [&](const std::vector<std::string>& fields) {
    try {
      mapper.to_event(row(fields), arena, e);
    } catch (const ParseError& err) {
      return std::string(err.what());
    }
    return std::string();
  };
  EXPECT_EQ(error({"CP-1", "escalated", "2026-03-02", "u.li", "", "", "", "", ""}),
            "action: 'escalated' is not a complaint action (opened, handed_off, responded, resolved, closed, reopened, "
            "commented, waiting_on_customer, customer_replied, priority_changed)");
  EXPECT_EQ(error({"CP-1", "opened", "2026-03-02", "", "", "", "", "", ""}), "employee_id: is required");
  EXPECT_EQ(error({"CP-1", "opened", "", "u.li", "", "", "", "", ""}), "occurred_at: is required");
  EXPECT_EQ(error({"CP-1", "responded", "2026-03-02", "u.li", "", "bot", "", "", ""}),
            "response_flags: 'bot' is not one of inbound, automatic, internal");
  CsvMapper missing(Format::complaints_csv, {"complaint_id", "action", "employee_id"});
  EXPECT_EQ(missing.header_error(), "the required column 'occurred_at' is missing");
}

TEST(ImportComplaints, EmployeesCsvAndFileNames) {
  CsvMapper mapper(Format::employees_csv, {"employee_id", "name", "department", "manager_id", "flags"});
  ASSERT_EQ(mapper.header_error(), "");
  Arena arena;
  AnyEvent e;
  mapper.to_event(row({"u.li", "Li Na", "sales", "u.sun", ""}), arena, e);
  EXPECT_EQ(e.header.kind, KAM_EVENT_EMPLOYEE_UPSERTED);
  EXPECT_EQ(str(e.employee.manager_id), "u.sun");
  EXPECT_EQ(e.header.occurred_at_ms, 0) << "without occurred_at the record dates from 1970, like accounts";
  EXPECT_EQ(std::string(e.header.event_id).rfind("csv-employee:u.li:", 0), 0u);
  mapper.to_event(row({"u.old", "", "", "", "inactive"}), arena, e);
  EXPECT_EQ(e.employee.flags, KAM_EMPLOYEE_INACTIVE);
  EXPECT_EQ(str(e.employee.name), "<null>");
  CsvMapper unknown(Format::employees_csv, {"employee_id", "boss"});
  EXPECT_EQ(unknown.header_error(),
            "unknown column 'boss'; employees-csv columns are employee_id,name,department,manager_id,calendar,"
            "time_zone,flags,occurred_at,event_id");

  EXPECT_EQ(format_from_file_name("complaints-2026.csv"), Format::complaints_csv);
  EXPECT_EQ(format_from_file_name("/x/Employees.CSV"), Format::employees_csv);
  EXPECT_EQ(format_from_name("complaints-csv"), Format::complaints_csv);
  EXPECT_EQ(format_from_name("employees-csv"), Format::employees_csv);
  EXPECT_STREQ(format_name(Format::employees_csv), "employees-csv");
}

}  // namespace
