// kamhost_complaints_fixture.hpp - the complaint commands' fixture: a config on SQLite or on a fresh
// PostgreSQL database (KAM_TEST_PG_URL) with the demo office's calendar (Asia/Shanghai, Mon-Fri
// 09:00-12:00 and 13:00-18:00, the business zone too), SLA targets, an escalation chain, employees
// and two accounts; the built kamhost runs with the built plugin at host clocks given by --now.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "../support/db_probe.hpp"
#include "kamhost_test_support.hpp"

namespace kamhost_test {

using nlohmann::json;

inline std::string complaints_config(const std::string& database_url) {
  return "kam: 1\n"
         "instance: {name: kamhost-complaints-test}\n"
         "database:\n"
         "  url: " + database_url + "\n"
         "business: {time_zone: Asia/Shanghai, reporting_currency: CNY}\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "    scheduler: [complaints.tick]\n"
         "    agent: [complaints.read]\n"
         "    supervisor: [complaints.read.department, complaints.kpi]\n"
         "calendars:\n"
         "  office:\n"
         "    time_zone: Asia/Shanghai\n"
         "    hours: {weekdays: [\"09:00-12:00\", \"13:00-18:00\"]}\n"
         "complaints:\n"
         "  calendar: office\n"
         "  check_every: 1m\n"
         "  targets:\n"
         "    - {first_response: 4h, resolution: 16h}\n"
         "    - {priority: critical, first_response: 1h, resolution: 8h}\n"
         "  escalation:\n"
         "    - {clock: first_response, at: \"75%\", to: [owner, assignee]}\n"
         "    - {clock: first_response, at: breach, to: [owner_manager]}\n"
         "    - {clock: resolution, at: breach, to: [owner]}\n";
}

// A complaint step at a Shanghai local time ("2026-03-02T09:00"), with more members as JSON text.
inline std::string step(const std::string& event_id, const std::string& local, const std::string& complaint,
                        const std::string& action, const std::string& who, const std::string& more = "") {
  return R"({"kind":"complaint","event_id":")" + event_id + R"(","occurred_at":")" + local + R"(:00+08:00","complaint_id":")" +
         complaint + R"(","action":")" + action + R"(","employee_id":")" + who + "\"" + (more.empty() ? "" : "," + more) +
         "}\n";
}

inline std::string employee(const std::string& id, const std::string& department, const std::string& manager) {
  return R"({"kind":"employee_upserted","event_id":"emp-)" + id + R"(","occurred_at":"2026-01-01","employee_id":")" + id +
         R"(","name":")" + id + R"(","department":")" + department + "\"" +
         (manager.empty() ? "" : R"(,"manager_id":")" + manager + "\"") + "}\n";
}

class KamhostComplaintsTest : public testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    const std::string url = kam::test::test_database_url(GetParam(), "sqlite:" + (dir_.path() / "kam.db").string(), "kamhost");
    if (url.empty()) {
      if (kam::test::pg_required()) FAIL() << kam::test::kPgMissingRequired;
      GTEST_SKIP() << kam::test::kPgMissingSkipped;
    }
    config_ = dir_.write("kam.yaml", complaints_config(url));
  }

  Result run(std::vector<std::string> args) { return kamhost(dir_.path(), args); }
  // kamhost --now LOCAL ARGS... --config kam.yaml
  Result at(const std::string& local, std::vector<std::string> args) {
    std::vector<std::string> full = {"--now", local};
    full.insert(full.end(), args.begin(), args.end());
    full.push_back("--config");
    full.push_back(config_);
    return run(full);
  }
  // Imports lines at the host clock `local`; every line must be accepted.
  void import_at(const std::string& local, const std::string& name, const std::string& lines) {
    dir_.write(name, lines);
    Result r = at(local, {"import", name});
    ASSERT_EQ(r.exit, 0) << r << "\nrejects:\n" << read_file(dir_.path() / (name + ".rejects"));
  }
  json json_at(const std::string& local, std::vector<std::string> args) {
    args.push_back("--json");
    Result r = at(local, args);
    EXPECT_EQ(r.exit, 0) << r;
    return r.exit == 0 ? json::parse(r.out) : json();
  }

  TempDir dir_;
  std::string config_;
};

}  // namespace kamhost_test
