// complaints_fixture.hpp - what the complaint host suites share (ABI 1.3 through the real .so):
// config/kam.example.yaml itself (its China 2026 calendar, targets and escalation chain) pointed at a
// SQLite file or a fresh PostgreSQL database, a host clock the tests drive, China-time instants, and
// helpers that ingest employees, accounts and complaint steps and read the SLA notifications.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "db_probe.hpp"
#include "host_test_support.hpp"
#include "kam/host.hpp"

#ifndef KAM_EXAMPLE_CONFIG
#error "the build passes KAM_EXAMPLE_CONFIG, the path of config/kam.example.yaml"
#endif

namespace kam::host_test::complaints {

using json = nlohmann::json;
using kam::host::Actor;
using kam::host::ConfigSource;
using kam::host::Instance;
using kam::host::Plugin;

enum class Backend { sqlite, postgresql };
inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

inline constexpr int64_t kMinute = 60'000;
inline constexpr int64_t kHour = 3'600'000;
inline constexpr int64_t kDay = 86'400'000;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
// An instant of 2026 in China Standard Time (UTC+8 all year: China has no DST), as UTC epoch ms.
constexpr int64_t cst(unsigned month, unsigned day, unsigned hour, unsigned minute = 0) {
  return days_from_civil(2026, month, day) * kDay + (static_cast<int64_t>(hour) - 8) * kHour + minute * kMinute;
}
static_assert(cst(1, 1, 8) == 1'767'225'600'000, "2026-01-01T00:00:00Z");

// Everyone the suites use. kam.admin may do everything (the example config's role).
inline const Actor kAdmin("admin-1", {"kam.admin"});
inline const Actor kFeed("feed-1", {"erp.feed"});

// config/kam.example.yaml as shipped, with only its database pointed at `url` (and data_dir at
// `dir`), plus the roles the permission tests need. Everything the complaints read (calendars,
// targets, escalation, tiers) is the example's own.
inline std::string example_config(const std::filesystem::path& dir, const std::string& url,
                                  const std::string& instance_name = "acme-erp") {
  std::ifstream in(KAM_EXAMPLE_CONFIG);
  if (!in) throw std::runtime_error(std::string("cannot read ") + KAM_EXAMPLE_CONFIG);
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = yaml.find(from);
    if (at == std::string::npos) throw std::runtime_error("kam.example.yaml no longer has '" + from + "'");
    yaml.replace(at, from.size(), to);
  };
  replace("  name: acme-erp\n", "  name: " + instance_name + "\n");
  replace("  data_dir: /var/lib/kam\n", "  data_dir: " + dir.string() + "\n");
  replace("  url: sqlite:kam.db\n", "  url: \"" + url + "\"\n");
  // "synchronous: SQLite only ... Remove it for PostgreSQL."
  replace("  synchronous: full\n", url.rfind("sqlite:", 0) == 0 ? "  synchronous: normal\n" : "");
  replace("    auditor: [audit.read]\n",
          "    auditor: [audit.read]\n"
          "    cs.agent: [complaints.read]\n"
          "    cs.supervisor: [complaints.read.department]\n"
          "    cs.head: [complaints.read.all, complaints.kpi]\n"
          "    cs.ticker: [complaints.tick]\n"
          "    tier.ticker: [tiers.evaluate]\n");
  return yaml;
}

// Ingests one event from `source` through the ABI; the item must be accepted (or `expect_rejected`,
// then returns its message). The host suites of later capabilities use it too.
inline std::string ingest_one(const Instance& on, const kam_event_header& event, const char* source,
                              bool expect_rejected = false) {
  const kam_event_header* events[] = {&event};
  kam_event_result result{};
  kam_batch batch{};
  batch.struct_size = sizeof batch;
  batch.flags = KAM_BATCH_SKIP_REJECTED;
  batch.events = events;
  batch.event_count = 1;
  batch.source = source;
  batch.results = &result;
  batch.results_struct_size = sizeof result;
  kam_batch_summary summary{};
  summary.struct_size = sizeof summary;
  on.ingest(kFeed, batch, &summary);
  if (expect_rejected) {
    EXPECT_EQ(result.outcome, KAM_ITEM_REJECTED) << event.event_id;
  } else {
    EXPECT_EQ(summary.accepted, 1u) << event.event_id << ": " << result.message;
  }
  return result.message;
}

// One complaint step as the host sends it (every 1.3 member zero unless set).
struct Step {
  std::string event_id, complaint_id, account_id, employee, department, to_employee, to_department;
  int64_t at_ms = 0;
  kam_complaint_action action = KAM_COMPLAINT_OPENED;
  int32_t priority = 0;
  uint32_t response_flags = 0;
  uint32_t struct_size = sizeof(kam_event_complaint);  // a host built on the 1.2 header sends 104

  kam_event_complaint c_struct() const {
    kam_event_complaint e{};
    e.header = {struct_size, KAM_EVENT_COMPLAINT, event_id.c_str(), at_ms};
    e.complaint_id = complaint_id.c_str();
    e.account_id = account_id.empty() ? nullptr : account_id.c_str();
    e.action = action;
    e.severity = priority;
    e.employee_id = employee.c_str();
    e.department = department.empty() ? nullptr : department.c_str();
    e.to_employee_id = to_employee.empty() ? nullptr : to_employee.c_str();
    e.to_department = to_department.empty() ? nullptr : to_department.c_str();
    e.response_flags = response_flags;
    return e;
  }
};

class ComplaintsHostTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = kam::test::test_database_url(GetParam() == Backend::postgresql, "sqlite:" + dir_.file("kam.db"),
                                        "complaints");
    if (url_.empty()) {
      if (kam::test::pg_required()) FAIL() << kam::test::kPgMissingRequired;
      GTEST_SKIP() << kam::test::kPgMissingSkipped;
    }
  }

  kam::host::HostCallbacks callbacks() {
    kam::host::HostCallbacks cb;
    cb.now_ms = [this] { return clock_.load(); };
    return cb;
  }
  Instance make(const std::string& name = "acme-erp") {
    return Instance(plugin_, ConfigSource::text(example_config(dir_.path(), url_, name), "kam.example.yaml"),
                    callbacks());
  }
  Instance& instance() {
    if (!instance_) instance_.emplace(make());
    return *instance_;
  }
  kam::host::Complaints complaints() { return instance().complaints(); }
  void at(int64_t now) { clock_.store(now); }

  // Ingests one event; the item must be accepted (or `expect_rejected`, then returns its message).
  static std::string ingest(const Instance& on, const kam_event_header& event, bool expect_rejected = false) {
    return ingest_one(on, event, "complaints-host-test", expect_rejected);
  }
  std::string send(const Step& s, bool expect_rejected = false) {
    const kam_event_complaint e = s.c_struct();
    return ingest(instance(), e.header, expect_rejected);
  }

  void employee(const std::string& id, const std::string& department, const std::string& manager = {}) {
    const std::string event_id = "emp-" + id;
    kam_event_employee e{};
    e.header = {sizeof e, KAM_EVENT_EMPLOYEE_UPSERTED, event_id.c_str(), cst(1, 5, 9)};
    e.employee_id = id.c_str();
    e.name = id.c_str();
    e.department = department.c_str();
    e.manager_id = manager.empty() ? nullptr : manager.c_str();
    ingest(instance(), e.header);
  }
  // The org of the suites: e-ann (sales, manager m-lee), e-bob (quality) and e-cai (logistics), both
  // managed by m-wu.
  void org() {
    employee("m-lee", "sales");
    employee("m-wu", "service");
    employee("e-ann", "sales", "m-lee");
    employee("e-bob", "quality", "m-wu");
    employee("e-cai", "logistics", "m-wu");
  }

  // An account; `gold` gives it an order that makes it gold under the example's rules (revenue
  // >= 1,000,000.00 CNY at a margin >= 15%) and evaluates the tiers at the current host clock.
  void account(const std::string& id, bool gold) {
    const std::string event_id = "acc-" + id, name = "Account " + id;
    kam_event_account a{};
    a.header = {sizeof a, KAM_EVENT_ACCOUNT_UPSERTED, event_id.c_str(), cst(1, 5, 9)};
    a.account_id = id.c_str();
    a.name = name.c_str();
    a.account_manager_id = "e-ann";
    ingest(instance(), a.header);
    if (!gold) return;
    const std::string order_event = "ord-" + id, order = "SO-" + id;
    kam_event_order o{};
    o.header = {sizeof o, KAM_EVENT_ORDER_POSTED, order_event.c_str(), cst(1, 6, 10)};
    o.order_id = order.c_str();
    o.account_id = id.c_str();
    o.amount.minor_units = 200'000'000;  // CNY 2,000,000.00
    std::memcpy(o.amount.currency, "CNY", 4);
    o.margin.minor_units = 40'000'000;  // 20%
    std::memcpy(o.margin.currency, "CNY", 4);
    ingest(instance(), o.header);
    instance().evaluate_tiers(kAdmin, id);
    ASSERT_EQ(json::parse(instance().account_card(kAdmin, id)).at("tier").at("name"), "gold");
  }

  // The notifications of these kinds written since the last call (every pending one is polled,
  // then acknowledged), oldest first.
  std::vector<json> new_notifications(const Instance& on, std::initializer_list<int> kinds) {
    std::vector<json> out;
    for (;;) {
      const json pending = json::parse(on.notifications_poll(kAdmin, 1000));
      if (pending.empty()) break;
      std::vector<int64_t> ids;
      for (const json& n : pending) {
        ids.push_back(n.at("id").get<int64_t>());
        if (std::find(kinds.begin(), kinds.end(), n.at("kind").get<int>()) != kinds.end()) out.push_back(n);
      }
      on.notifications_ack(kAdmin, ids);
    }
    return out;
  }
  // The SLA notifications written since the last call, oldest first.
  std::vector<json> new_sla_notifications(const Instance& on) {
    return new_notifications(on, {KAM_NOTIFY_SLA_WARNING, KAM_NOTIFY_SLA_BREACH});
  }
  std::vector<json> new_sla_notifications() { return new_sla_notifications(instance()); }

  // The complaint ids of an employee's queue, in its order.
  std::vector<std::string> queue_ids(const std::string& employee_id) {
    std::vector<std::string> ids;
    const json queue = json::parse(complaints().queue(kAdmin, employee_id));  // kept: the loop reads into it
    for (const json& item : queue.at("complaints"))
      ids.push_back(item.at("complaint_id").get<std::string>());
    return ids;
  }
  // One clock ("first_response" | "resolution") of a complaint's timeline.
  json clock_of(const std::string& complaint_id, const std::string& clock) {
    const json timeline = json::parse(complaints().show(kAdmin, complaint_id));
    for (const json& c : timeline.at("clocks"))
      if (c.at("clock") == clock) return c;
    ADD_FAILURE() << complaint_id << " has no clock " << clock;
    return json::object();
  }

  // SQL through the database's own C API (never through the plugin): the first column of the first row.
  std::string scalar(const std::string& sql) const {
    return GetParam() == Backend::sqlite ? kam::test::sqlite_scalar(dir_.file("kam.db"), sql)
                                         : kam::test::pg_scalar(url_, sql);
  }

  TempDir dir_;
  std::string url_;
  std::atomic<int64_t> clock_{cst(1, 5, 9)};
  Plugin plugin_ = Plugin::load(kPluginPath);
  std::optional<Instance> instance_;
};

// A readable instant for failure messages: "2026-02-14 10:00 CST (1771034400000)".
inline std::string cst_text(int64_t ms) {
  const int64_t local = ms + 8 * kHour;
  const int64_t days = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
  int64_t d = days + 719468;
  const int64_t era = d / 146097;
  const int64_t doe = d - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2);
  const int64_t minute_of_day = (local - days * kDay) / kMinute;
  char text[160];
  std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld %02lld:%02lld CST (%lld)", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(minute_of_day / 60),
                static_cast<long long>(minute_of_day % 60), static_cast<long long>(ms));
  return text;
}

}  // namespace kam::host_test::complaints
