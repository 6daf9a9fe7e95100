// complaint_fixture.cpp - the shared config, org, builders and calls of the complaint use-case
// tests; see complaint_fixture.hpp.
#include "complaints/complaint_fixture.hpp"

namespace kam::store::test {

std::string complaint_config_text(const std::string& extra_holidays) {
  return "kam: 1\n"
         "business: {time_zone: Asia/Shanghai, reporting_currency: CNY}\n"
         "access:\n"
         "  roles:\n"
         "    staff: [complaints.read]\n"
         "    supervisor: [complaints.read, complaints.read.department]\n"
         "    auditor: [complaints.read, complaints.read.all, complaints.kpi]\n"
         "    kam.admin: [\"*\"]\n"
         "calendars:\n"
         "  office:\n"
         "    time_zone: Asia/Shanghai\n"
         "    hours: {weekdays: [\"09:00-12:00\", \"13:00-18:00\"]}\n"
         "    holidays: [2026-01-01" +
         extra_holidays +
         "]\n"
         "complaints:\n"
         "  calendar: office\n"
         "  targets:\n"
         "    - {first_response: 2h, resolution: 16h, warnings: [\"50%\"]}\n"
         "  escalation:\n"
         "    - {clock: first_response, at: \"50%\", to: [owner, assignee]}\n"
         "    - {clock: first_response, at: breach, to: [owner_manager]}\n"
         "    - {clock: resolution, at: breach, to: [owner_manager, {role: director}]}\n";
}

config::Config complaint_config(const std::string& extra_holidays) {
  return config::load_config_text(complaint_config_text(extra_holidays), "complaints_test.yaml");
}

core::Event employee(const std::string& event_id, const std::string& id, const std::string& department,
                     const std::string& manager, int64_t at_ms) {
  core::EmployeeEvent e;
  e.employee_id = id;
  e.name = id;
  e.department = department;
  e.manager_id = manager;
  e.calendar = "office";
  return core::Event{event_id, at_ms, e};
}

core::Event step(const std::string& event_id, const std::string& complaint_id, core::ComplaintAction action,
                 const std::string& employee_id, int64_t at_ms) {
  core::ComplaintEvent c;
  c.complaint_id = complaint_id;
  c.account_id = "A1";
  c.action = static_cast<int32_t>(action);
  c.employee_id = employee_id;
  c.department = employee_id == "e-ann" ? "sales" : "";
  c.channel = "hotline";
  c.text = event_id;
  return core::Event{event_id, at_ms, c};
}

core::Event hand_off(const std::string& event_id, const std::string& complaint_id, const std::string& from,
                     const std::string& to, const std::string& to_department, int64_t at_ms) {
  core::Event e = step(event_id, complaint_id, core::ComplaintAction::handed_off, from, at_ms);
  auto& c = std::get<core::ComplaintEvent>(e.payload);
  c.to_employee_id = to;
  c.to_department = to_department;
  return e;
}

void ComplaintTest::SetUp() {
  StoreTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  config_ = complaint_config();
  store_ = open();
  core::Event a1 = account_event("acc-1", "A1", 1000, "Acme");
  std::get<core::AccountUpserted>(a1.payload).account_manager_id = "e-mgr";
  ingest_ok({a1, account_event("acc-2", "A2", 1000, "Beta"), employee("emp-ann", "e-ann", "sales", "e-max"),
             employee("emp-bob", "e-bob", "quality", "e-bmx"), employee("emp-cai", "e-cai", "logistics", ""),
             employee("emp-sup", "e-sup", "quality", "e-max"), employee("emp-max", "e-max", "sales", "")});
}

BatchResult ComplaintTest::ingest(std::vector<core::Event> events, int64_t now_ms) {
  IngestOptions o = options(true, "complaints-test", now_ms ? now_ms : cst(1, 5, 9));
  o.config = &config_;
  return store_->ingestion().ingest(items(std::move(events)), o);
}

void ComplaintTest::ingest_ok(std::vector<core::Event> events) {
  const std::size_t n = events.size();
  const BatchResult r = ingest(std::move(events));
  for (const ItemResult& i : r.items) EXPECT_EQ(i.message, "");
  EXPECT_EQ(r.accepted, n);
}

nlohmann::json ComplaintTest::queue(const std::string& employee, int64_t now_ms, const core::Actor* as) {
  const app::ComplaintQueryContext c{as ? *as : admin_, config_.access, now_ms};
  return nlohmann::json::parse(app::complaint_queue_json(*store_, config_, c, employee, 0));
}

nlohmann::json ComplaintTest::timeline(const std::string& complaint, int64_t now_ms, const core::Actor* as) {
  const app::ComplaintQueryContext c{as ? *as : admin_, config_.access, now_ms};
  return nlohmann::json::parse(app::complaint_timeline_json(*store_, config_, c, complaint));
}

nlohmann::json ComplaintTest::account(const std::string& account, int64_t now_ms, bool closed, const core::Actor* as) {
  const app::ComplaintQueryContext c{as ? *as : admin_, config_.access, now_ms};
  return nlohmann::json::parse(app::account_complaints_json(*store_, config_, c, account, closed, 0));
}

nlohmann::json ComplaintTest::kpis(int32_t group_by, int64_t from_ms, int64_t to_ms, int64_t now_ms) {
  const app::ComplaintQueryContext c{auditor_, config_.access, now_ms};
  return nlohmann::json::parse(app::complaint_kpis_json(*store_, config_, c, app::KpiRequest{group_by, from_ms, to_ms}));
}

app::SlaCheckSummary ComplaintTest::check(int64_t now_ms, Store* on) {
  return app::check_sla(on ? *on : *store_, config_, now_ms, "", log_fn());
}

std::vector<std::string> ComplaintTest::escalation_keys() {
  std::vector<std::string> keys;
  const int64_t n = count(*store_, "sla_escalations");
  for (int64_t i = 0; i < n; ++i)
    keys.push_back(query_text(*store_, "SELECT escalation_key FROM sla_escalations ORDER BY escalation_key LIMIT 1 OFFSET " +
                                           std::to_string(i)));
  return keys;
}

int64_t ComplaintTest::sla_notifications() {
  return query_int(*store_, "SELECT COUNT(*) FROM notifications WHERE kind IN (2, 3)");
}

}  // namespace kam::store::test
