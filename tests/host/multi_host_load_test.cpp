// multi_host_load_test.cpp - several plugin instances (hosts) on one database, 8 threads each, for a
// bounded time (KAM_LOAD_SECONDS, default 10; the SQLite variant a third of it): ingesting
// overlapping event ids (orders on a shared set of accounts, account upserts that set and clear the
// flag of the top tier), evaluating tiers and ticking on a host clock that advances.
//
// What it would catch: a call failing under contention (only KAM_ERR_BUSY is retried, and counted);
// an event stored twice or lost (accepted events = distinct event ids sent = rows, read with SQL);
// a notification written twice or without its history row (per (account, from, to, day) key as many
// tier_changed notifications as tier_history rows of a non-first classification: an account whose
// flag is set and cleared the same day moves standard>platinum twice on that day, legitimately);
// a change applied twice (each account's history, in id order, is one chain: every row's previous
// tier is the tier of the row before it).
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "host_test_support.hpp"
#include "db_probe.hpp"

namespace {

using kam::host::Actor;
using kam::host::ConfigSource;
using kam::host::Error;
using kam::host::Instance;
using kam::host::Plugin;
using json = nlohmann::json;

constexpr int64_t kMinute = 60'000;
constexpr int64_t kT0 = 1'772'323'200'000;  // 2026-03-01T00:00:00Z
constexpr int kAccounts = 40;
constexpr int kEventIds = 20'000;  // the shared pool every thread draws from
constexpr int kBatch = 8;
const Actor kAdmin("admin-1", {"kam.admin"});

enum class Backend { sqlite, postgresql };

// platinum by a flag the account upserts set and clear, gold by a day's revenue (orders fall out of
// the 1-day window as the clock advances), downgrades at once; a tick evaluates every minute.
std::string config(const std::string& url, int host) {
  return "kam: 1\n"
         "instance: {name: host" + std::to_string(host) + "}\n"
         "database: {url: \"" + url + "\"}\n"
         "business: {time_zone: UTC, reporting_currency: CNY}\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "tiers:\n"
         "  window_days: 1\n"
         "  downgrade_after_days: 0\n"
         "  evaluate_every: 1m\n"
         "  levels:\n"
         "    - {name: platinum, rule: {any: [{flag: strategic}]}}\n"
         "    - {name: gold, rule: {all: [{metric: revenue, op: \">=\", value: \"1000.00\"}]}}\n"
         "    - {name: standard, default: true}\n";
}

std::string account_id(int a) { return "ACC-" + std::to_string(a); }

// Event k of the pool, the same whoever sends it: every third an upsert of account k/3 % kAccounts
// (strategic on odd versions), the others an order of 400.00 CNY spread over a week of minutes.
struct PoolEvent {
  std::string event_id, account, order_id;
  kam_event_account a{};
  kam_event_order o{};
  const char* flag = "strategic";

  explicit PoolEvent(int k) : event_id("ev-" + std::to_string(k)), account(account_id(k / 3 % kAccounts)) {
    if (k % 3 == 0) {
      a.header = {sizeof a, KAM_EVENT_ACCOUNT_UPSERTED, event_id.c_str(), kT0 + k * kMinute / 3};
      a.account_id = account.c_str();
      a.name = "Account";
      a.flags = (k / (3 * kAccounts)) % 2 == 1 ? &flag : nullptr;
      a.flag_count = a.flags != nullptr ? 1 : 0;
    } else {
      order_id = "O-" + std::to_string(k);
      o.header = {sizeof o, KAM_EVENT_ORDER_POSTED, event_id.c_str(), kT0 + (k % 10'080) * kMinute};
      o.order_id = order_id.c_str();
      o.account_id = account.c_str();
      o.amount.minor_units = 40'000;
      std::memcpy(o.amount.currency, "CNY", 4);
      std::memcpy(o.margin.currency, "CNY", 4);
    }
  }
  const kam_event_header* header() const { return a.header.struct_size != 0 ? &a.header : &o.header; }
};

using kam::host_test::Failures;

class MultiHostLoadTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = kam::test::test_database_url(GetParam() == Backend::postgresql,
                                        "sqlite:" + (dir_.path() / "kam.db").string(), "load");
    if (url_.empty()) {
      if (kam::test::pg_required()) FAIL() << kam::test::kPgMissingRequired;
      GTEST_SKIP() << kam::test::kPgMissingSkipped;
    }
  }

  // Query through the database's own C API: the first column of the first row.
  std::string scalar(const std::string& sql) const {
    return GetParam() == Backend::sqlite ? kam::test::sqlite_scalar((dir_.path() / "kam.db").string(), sql)
                                         : kam::test::pg_scalar(url_, sql);
  }
  // A JSON array of `expr` over the rows of `from`, as text.
  std::vector<std::string> rows(const std::string& expr, const std::string& from) const {
    const std::string agg = GetParam() == Backend::sqlite ? "json_group_array(" + expr + ")"
                                                          : "coalesce(json_agg(" + expr + "), '[]')";
    const json out = json::parse(scalar("SELECT " + agg + " FROM " + from));
    return out.get<std::vector<std::string>>();
  }

  kam::test::TempDir dir_;
  std::string url_;
};

TEST_P(MultiHostLoadTest, ManyHostsLoseAndDoubleNothing) {
  const bool pg = GetParam() == Backend::postgresql;
  const int hosts = pg ? 4 : 2;
  const char* env = std::getenv("KAM_LOAD_SECONDS");
  const int seconds = env != nullptr && std::atoi(env) > 0 ? std::atoi(env) : 10;
  const auto run_for = std::chrono::milliseconds(pg ? seconds * 1000 : seconds * 1000 / 3);

  std::atomic<int64_t> clock{kT0};
  Plugin plugin = Plugin::load(kam::host_test::kPluginPath);
  std::vector<std::optional<Instance>> instances(hosts);
  for (int h = 0; h < hosts; ++h) {
    kam::host::HostCallbacks cb;
    cb.now_ms = [&clock] { return clock.load(); };
    instances[h].emplace(plugin, ConfigSource::text(config(url_, h), "host.yaml"), cb);
  }

  // Every account exists before the load (an order of an unknown account is refused).
  std::vector<std::string> base_ids, base_accounts;
  std::vector<kam_event_account> base(kAccounts);
  std::vector<const kam_event_header*> base_headers;
  for (int a = 0; a < kAccounts; ++a) {
    base_ids.push_back("base-" + std::to_string(a));
    base_accounts.push_back(account_id(a));
  }
  for (int a = 0; a < kAccounts; ++a) {
    base[a].header = {sizeof base[a], KAM_EVENT_ACCOUNT_UPSERTED, base_ids[a].c_str(), kT0 - 86'400'000};
    base[a].account_id = base_accounts[a].c_str();
    base[a].name = "Account";
    base_headers.push_back(&base[a].header);
  }
  kam_batch setup{};
  setup.struct_size = sizeof setup;
  setup.events = base_headers.data();
  setup.event_count = base_headers.size();
  setup.source = "load-test";
  kam_batch_summary setup_summary{};
  setup_summary.struct_size = sizeof setup_summary;
  instances[0]->ingest(kAdmin, setup, &setup_summary);
  ASSERT_EQ(setup_summary.accepted, static_cast<uint64_t>(kAccounts));

  Failures failures;
  std::atomic<uint64_t> accepted{kAccounts}, batches{0}, evaluations{0}, ticks{0}, ticks_ran{0};
  std::vector<std::atomic<bool>> sent(kEventIds);
  std::atomic<bool> stop{false};
  std::mutex busy_mutex;
  std::map<std::string, int> busy;  // KAM_ERR_BUSY retries per call
  // Runs `call`, retrying while it reports KAM_ERR_BUSY (documented as retryable); any other error fails.
  auto retrying = [&](const std::string& what, const auto& call) {
    for (;;) {
      try {
        call();
        return;
      } catch (const Error& e) {
        if (e.status() != KAM_ERR_BUSY) return failures.add(what + ": " + e.what());
        std::lock_guard<std::mutex> lock(busy_mutex);
        ++busy[what.substr(what.rfind(' ') + 1)];
      } catch (const std::exception& e) {
        return failures.add(what + ": " + e.what());
      }
    }
  };

  std::vector<std::thread> threads;
  for (int h = 0; h < hosts; ++h) {
    const Instance& instance = *instances[h];
    for (int t = 0; t < 8; ++t) {
      const std::string who = "host " + std::to_string(h) + " thread " + std::to_string(t);
      threads.emplace_back([&, t, who] {
        std::mt19937 random(static_cast<unsigned>(h * 8 + t));
        std::uniform_int_distribution<int> pick(0, kEventIds - 1);
        while (!stop.load()) {
          if (t == 0) {  // the host's scheduler: tick, then a minute passes (a host does not tick in a busy loop)
            retrying(who + " tick", [&] { ticks_ran.fetch_add(instance.tick(kAdmin).tier_evaluation_ran); });
            clock.fetch_add(kMinute);
            ticks.fetch_add(1);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          } else if (t == 1) {
            retrying(who + " tiers_evaluate", [&] { instance.evaluate_tiers(kAdmin); });
            evaluations.fetch_add(1);
          } else {
            std::vector<PoolEvent> events;
            events.reserve(kBatch);
            std::vector<const kam_event_header*> headers;
            for (int i = 0; i < kBatch; ++i) headers.push_back(events.emplace_back(pick(random)).header());
            kam_batch batch{};
            batch.struct_size = sizeof batch;
            batch.events = headers.data();
            batch.event_count = headers.size();
            batch.source = "load-test";
            retrying(who + " ingest", [&] {
              kam_batch_summary summary{};
              summary.struct_size = sizeof summary;
              instance.ingest(kAdmin, batch, &summary);
              if (summary.rejected != 0 || summary.not_applied != 0)
                failures.add(who + ": " + std::to_string(summary.rejected) + " rejected");
              accepted.fetch_add(summary.accepted);
            });
            for (const PoolEvent& e : events) sent[std::stoi(e.event_id.substr(3))].store(true);
            batches.fetch_add(1);
          }
        }
      });
    }
  }
  std::this_thread::sleep_for(run_for);
  stop.store(true);
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(failures.count(), 0) << failures.messages();

  uint64_t distinct = kAccounts, orders = 0;
  for (int k = 0; k < kEventIds; ++k) {
    distinct += sent[k].load();
    orders += sent[k].load() && k % 3 != 0;
  }
  EXPECT_EQ(accepted.load(), distinct) << "accepted events = distinct event ids sent";
  EXPECT_EQ(scalar("SELECT count(*) FROM ingested_events"), std::to_string(distinct));
  EXPECT_EQ(scalar("SELECT count(DISTINCT event_id) FROM ingested_events"), std::to_string(distinct));
  EXPECT_EQ(scalar("SELECT count(*) FROM orders"), std::to_string(orders));
  EXPECT_EQ(scalar("SELECT count(DISTINCT order_id) FROM orders"), std::to_string(orders));
  EXPECT_EQ(scalar("SELECT count(*) FROM accounts"), scalar("SELECT count(DISTINCT account_id) FROM accounts"));

  // Notifications against history, as (account, from, to, at) keys: each exactly once on both sides.
  const auto notified = rows(
      pg ? "account_id || ' ' || (payload_json::json->>'from') || '>' || (payload_json::json->>'to') || ' @' || "
           "created_at_ms"
         : "account_id || ' ' || json_extract(payload_json, '$.from') || '>' || json_extract(payload_json, '$.to') "
           "|| ' @' || created_at_ms",
      "notifications WHERE kind_name = 'tier_changed'");
  const auto changed = rows("account_id || ' ' || previous_tier || '>' || tier || ' @' || since_ms",
                            "tier_history WHERE previous_tier <> ''");
  std::map<std::string, int> keys;
  for (const auto& n : notified) ++keys[n];
  for (const auto& c : changed) keys[c] += 1000;
  int unmatched = 0;
  for (const auto& [key, count] : keys) {
    if (count % 1000 != count / 1000 && ++unmatched <= 10)
      ADD_FAILURE() << key << ": " << count % 1000 << " notification(s), " << count / 1000 << " history row(s)";
  }
  // Each account's history is one chain. Two hosts applying the same change would leave two rows
  // with the same previous tier in a row; the CAS on the account's state must prevent that.
  std::map<int64_t, std::vector<std::string>> by_id;
  for (const auto& row : rows("id || ' ' || account_id || ' ' || previous_tier || ' ' || tier", "tier_history")) {
    std::istringstream in(row);
    int64_t id = 0;
    std::string account, previous, tier;
    in >> id >> account >> previous;
    if (!(in >> tier)) tier = std::exchange(previous, "");  // a first classification has no previous tier
    by_id[id] = {account, previous, tier};
  }
  std::map<std::string, std::string> current;
  int broken = 0;
  for (const auto& [id, row] : by_id) {
    const std::string& account = row[0];
    const auto it = current.find(account);
    const std::string before = it == current.end() ? "" : it->second;
    if (row[1] != before && ++broken <= 10)
      ADD_FAILURE() << account << " history row " << id << ": " << row[1] << ">" << row[2] << " after "
                    << (before.empty() ? "no row" : before);
    current[account] = row[2];
  }
  EXPECT_EQ(notified.size(), changed.size());
  EXPECT_GT(notified.size(), 0u) << "the load moved no account across a tier threshold";
  std::printf("%d hosts x 8 threads, %lld ms: %llu batches, %llu distinct events accepted, %llu evaluations, "
              "%llu ticks (%llu evaluated), KAM_ERR_BUSY retries %s; %zu tier_changed notifications = %zu tier_history rows\n",
              hosts, static_cast<long long>(run_for.count()), static_cast<unsigned long long>(batches.load()),
              static_cast<unsigned long long>(accepted.load()), static_cast<unsigned long long>(evaluations.load()),
              static_cast<unsigned long long>(ticks.load()), static_cast<unsigned long long>(ticks_ran.load()),
              json(busy).dump().c_str(),
              notified.size(), changed.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, MultiHostLoadTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
