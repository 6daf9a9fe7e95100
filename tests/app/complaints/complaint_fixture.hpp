// complaint_fixture.hpp - what the complaint use-case tests share: a config with an office calendar
// in Asia/Shanghai (09:00-12:00, 13:00-18:00 on weekdays), targets of 2 business hours to the first
// response and 16 to the resolution, a three-step escalation chain; the org (employee events), the
// accounts, event builders, and the store opened on each backend (StoreTest).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "app/complaints/complaints.hpp"
#include "config/config.hpp"
#include "core/time/calendar.hpp"
#include "store/store_fixture.hpp"

namespace kam::store::test {

// UTC ms of a wall-clock reading in Asia/Shanghai (UTC+8, no DST), 2026.
inline int64_t cst(unsigned month, unsigned day, int hour, int minute = 0) {
  const int64_t minutes =
      int64_t{core::time::LocalDate::from_ymd(2026, month, day).days_since_epoch} * 1440 + hour * 60 + minute - 8 * 60;
  return minutes * 60000;
}

// The calendars section of the test config; `extra_holidays` is added to the office's holidays.
std::string complaint_config_text(const std::string& extra_holidays = "");
config::Config complaint_config(const std::string& extra_holidays = "");

core::Event employee(const std::string& event_id, const std::string& id, const std::string& department,
                     const std::string& manager, int64_t at_ms = 1000);
core::Event step(const std::string& event_id, const std::string& complaint_id, core::ComplaintAction action,
                 const std::string& employee_id, int64_t at_ms);
core::Event hand_off(const std::string& event_id, const std::string& complaint_id, const std::string& from,
                     const std::string& to, const std::string& to_department, int64_t at_ms);

class ComplaintTest : public StoreTest {
 protected:
  void SetUp() override;

  // Ingests with the config (SKIP_REJECTED) and returns the batch's result.
  BatchResult ingest(std::vector<core::Event> events, int64_t now_ms = 0);
  void ingest_ok(std::vector<core::Event> events);

  nlohmann::json queue(const std::string& employee, int64_t now_ms, const core::Actor* as = nullptr);
  nlohmann::json timeline(const std::string& complaint, int64_t now_ms, const core::Actor* as = nullptr);
  nlohmann::json account(const std::string& account, int64_t now_ms, bool closed = false,
                         const core::Actor* as = nullptr);
  nlohmann::json kpis(int32_t group_by, int64_t from_ms, int64_t to_ms, int64_t now_ms);
  app::SlaCheckSummary check(int64_t now_ms, Store* on = nullptr);

  // The escalation keys written so far, in key order, and the outbox's SLA notifications.
  std::vector<std::string> escalation_keys();
  int64_t sla_notifications();

  config::Config config_;
  std::unique_ptr<Store> store_;
  // complaints.read for everyone; the supervisor also by department, the auditor everything.
  const core::Actor ann_{"e-ann", {"staff"}}, bob_{"e-bob", {"staff"}}, zed_{"e-zed", {"staff"}},
      manager_{"e-mgr", {"staff"}}, supervisor_{"e-sup", {"supervisor"}}, auditor_{"e-aud", {"auditor"}},
      admin_{"admin", {"kam.admin"}};
};

}  // namespace kam::store::test
