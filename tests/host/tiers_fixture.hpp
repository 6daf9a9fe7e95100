// tiers_fixture.hpp - what the account-tier host suites share: TiersHostTest (the plugin, an instance
// on a three-tier CNY config driven by a host clock, and helpers that ingest accounts and orders), the
// clock constants and the tier reader actor.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "host_test_support.hpp"
#include "instance_fixture.hpp"
#include "kam/host.hpp"

namespace kam::host_test {

using kam::host::ConfigSource;
using kam::host::Instance;
using kam::host::Plugin;

inline constexpr int64_t kDay = 86'400'000;
inline constexpr int64_t kHour = 3'600'000;
inline constexpr int64_t kT0 = 1'772'323'200'000;  // 2026-03-01T00:00:00Z

inline const kam::host::Actor kReader("am-1", {"tiers.reader"});

inline bool contains(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

// Three tiers in CNY on UTC days: gold from 1,000.00, silver from 100.00, standard.
inline std::string tiers_config(const std::filesystem::path& dir) {
  return "kam: 1\n"
         "instance:\n"
         "  name: tiers-host\n"
         "database:\n"
         "  url: sqlite:" + (dir / "kam.db").string() + "\n"
         "  synchronous: normal\n"
         "business:\n"
         "  time_zone: UTC\n"
         "  reporting_currency: CNY\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "    erp.feed: [ingest]\n"
         "    tiers.reader: [tiers.read]\n"
         "tiers:\n"
         "  window_days: 365\n"
         "  downgrade_after_days: 30\n"
         "  pareto_percent: \"80%\"\n"
         "  evaluate_every: 1h\n"
         "  levels:\n"
         "    - name: gold\n"
         "      rule:\n"
         "        all:\n"
         "          - {metric: revenue, op: \">=\", value: \"1000.00\"}\n"
         "      benefits:\n"
         "        hotline: \"+49 800 100\"\n"
         "        discount_authority: \"12.5%\"\n"
         "    - name: silver\n"
         "      rule:\n"
         "        all:\n"
         "          - {metric: revenue, op: \">=\", value: \"100.00\"}\n"
         "    - name: standard\n"
         "      default: true\n"
         // The benefits card's response time comes from the complaint targets (one source of truth).
         "calendars: {around: {time_zone: UTC, 24x7: true}}\n"
         "complaints: {calendar: around, targets: [{tier: gold, first_response: 4h}]}\n";
}

class TiersHostTest : public ::testing::Test {
 protected:
  TempDir dir;
  Plugin plugin = Plugin::load(kPluginPath);
  std::atomic<int64_t> clock{kT0};

  kam::host::HostCallbacks callbacks() {
    kam::host::HostCallbacks cb;
    cb.now_ms = [this] { return clock.load(); };
    return cb;
  }
  Instance make() { return Instance(plugin, ConfigSource::text(tiers_config(dir.path()), "tiers.yaml"), callbacks()); }

  static void ingest_one(const Instance& instance, const kam_event_header& event) {
    const kam_event_header* events[] = {&event};
    kam_batch batch{};
    batch.struct_size = sizeof batch;
    batch.events = events;
    batch.event_count = 1;
    batch.source = "tiers-host-test";
    kam_batch_summary summary{};
    summary.struct_size = sizeof summary;
    instance.ingest(kFeed, batch, &summary);
    ASSERT_EQ(summary.accepted + summary.duplicates, 1u);
  }
  static void account(const Instance& instance, const std::string& id) {
    const std::string event_id = "acc-" + id;
    const std::string name = "Account " + id;
    kam_event_account a{};
    a.header.struct_size = sizeof a;
    a.header.kind = KAM_EVENT_ACCOUNT_UPSERTED;
    a.header.event_id = event_id.c_str();
    a.header.occurred_at_ms = kT0 - 100 * kDay;
    a.account_id = id.c_str();
    a.name = name.c_str();
    ingest_one(instance, a.header);
  }
  // An order of `yuan` CNY (whole units) days_ago days before kT0.
  static void order(const Instance& instance, const std::string& id, const std::string& account_id, int64_t yuan,
                    int64_t days_ago = 10) {
    const std::string event_id = "ev-" + id;
    kam_event_order o{};
    o.header.struct_size = sizeof o;
    o.header.kind = KAM_EVENT_ORDER_POSTED;
    o.header.event_id = event_id.c_str();
    o.header.occurred_at_ms = kT0 - days_ago * kDay;
    o.order_id = id.c_str();
    o.account_id = account_id.c_str();
    o.amount.minor_units = yuan * 100;
    std::memcpy(o.amount.currency, "CNY", 4);
    o.margin.minor_units = yuan * 20;
    std::memcpy(o.margin.currency, "CNY", 4);
    ingest_one(instance, o.header);
  }
  // C1 2,000.00 (gold), C2 500.00 (silver), C3 10.00 (standard).
  void three_accounts(const Instance& instance) {
    account(instance, "C1");
    account(instance, "C2");
    account(instance, "C3");
    order(instance, "O1", "C1", 2000);
    order(instance, "O2", "C2", 500);
    order(instance, "O3", "C3", 10);
  }
};

}  // namespace kam::host_test
