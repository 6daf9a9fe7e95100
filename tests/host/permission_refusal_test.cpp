// permission_refusal_test.cpp - every ABI action of the core table and of the distributors table
// that takes an actor, called by an actor whose roles grant nothing, on SQLite and PostgreSQL: each returns KAM_ERR_PERMISSION, every table but the audit
// trail is byte for byte what it was (read with the databases' own C APIs, not through the plugin),
// and the audit trail gained exactly one permission.refused row per call and nothing else.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "contract_support.hpp"
#include "db_probe.hpp"

namespace {

using kam::contract_test::admin;
using kam::contract_test::feed;
using kam::contract_test::kDay;
using kam::contract_test::kT0;
using kam::host::Actor;
using kam::host::ConfigSource;
using kam::host::Instance;
using kam::host::Plugin;
using kam::host_test::expect_error;
using json = nlohmann::json;

enum class Backend { sqlite, postgresql };

// Every table's rows as text, sorted (row order is not content).
using Snapshot = std::map<std::string, std::vector<std::string>>;

Snapshot sqlite_snapshot(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw std::runtime_error("open " + path + ": " + sqlite3_errmsg(db));
  auto rows = [&](const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* t = sqlite3_column_text(st, c);
        row += (t ? "'" + std::string(reinterpret_cast<const char*>(t)) + "'" : std::string("NULL")) + "|";
      }
      out.push_back(row);
    }
    sqlite3_finalize(st);
    std::sort(out.begin(), out.end());
    return out;
  };
  Snapshot snap;
  for (std::string table : rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
    table = table.substr(1, table.size() - 3);  // strip the quotes and the separator
    snap[table] = rows("SELECT * FROM \"" + table + "\"");
  }
  sqlite3_close(db);
  return snap;
}

Snapshot pg_snapshot(const std::string& url) {
  using kam::test::pg_scalar;
  Snapshot snap;
  const json tables = json::parse(pg_scalar(
      url, "SELECT coalesce(json_agg(table_schema || '.' || table_name), '[]') FROM information_schema.tables"
           " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"));
  for (const std::string table : tables) {
    const json rows = json::parse(pg_scalar(url, "SELECT coalesce(json_agg(t::text ORDER BY t::text), '[]') FROM " +
                                                     table + " t"));
    snap[table.substr(table.find('.') + 1)] = rows.get<std::vector<std::string>>();
  }
  return snap;
}

// Two accounts, one gold by its orders, an evaluation and an override: a notification, a tier
// history, an override in force, audit rows; kam.admin may do everything, nobody.role nothing.
std::string config(const std::string& url, const std::string& name = "alpha") {
  return "kam: 1\n"
         "instance: {name: " + name + "}\n"
         "database: {url: \"" + url + "\"}\n"
         "business: {time_zone: UTC, reporting_currency: CNY}\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "    erp.feed: [ingest]\n"
         "    nobody.role: []\n"
         "tiers:\n"
         "  evaluate_every: 1h\n"
         "  levels:\n"
         "    - {name: gold, rule: {all: [{metric: revenue, op: \">=\", value: \"1000.00\"}]}}\n"
         "    - {name: standard, default: true}\n";
}

// One call of one action, with arguments that the admin could use successfully.
struct Action {
  std::string call;
  std::function<void(const Instance&, const Actor&)> run;
};

class PermissionRefusalTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = kam::test::test_database_url(GetParam() == Backend::postgresql,
                                        "sqlite:" + (dir_.path() / "kam.db").string(), "refusal");
    if (url_.empty()) {
      if (kam::test::pg_required()) FAIL() << kam::test::kPgMissingRequired;
      GTEST_SKIP() << kam::test::kPgMissingSkipped;
    }
    kam::host::HostCallbacks cb;
    cb.now_ms = [this] { return clock_; };
    instance_.emplace(plugin_, ConfigSource::text(config(url_), "refusal.yaml"), cb);
  }

  Snapshot snapshot() const {
    return GetParam() == Backend::sqlite ? sqlite_snapshot((dir_.path() / "kam.db").string()) : pg_snapshot(url_);
  }

  void ingest(const Actor& who, const std::string& account, int64_t order_minor) const {
    const std::string event = "acc-" + account, order_event = "ord-" + account, order = "O-" + account;
    kam_event_account a{};
    a.header = {sizeof a, KAM_EVENT_ACCOUNT_UPSERTED, event.c_str(), kT0 - 100 * kDay};
    a.account_id = account.c_str();
    a.name = "Account";
    kam_event_order o{};
    o.header = {sizeof o, KAM_EVENT_ORDER_POSTED, order_event.c_str(), kT0 - 10 * kDay};
    o.order_id = order.c_str();
    o.account_id = account.c_str();
    o.amount.minor_units = order_minor;
    std::memcpy(o.amount.currency, "CNY", 4);
    std::memcpy(o.margin.currency, "CNY", 4);
    const kam_event_header* events[] = {&a.header, &o.header};
    kam_batch batch{};
    batch.struct_size = sizeof batch;
    batch.events = events;
    batch.event_count = 2;
    batch.source = "refusal-test";
    instance_->ingest(who, batch);
  }

  kam::test::TempDir dir_;
  std::string url_;
  int64_t clock_ = kT0;
  Plugin plugin_ = Plugin::load(kam::host_test::kPluginPath);
  std::optional<Instance> instance_;
};

TEST_P(PermissionRefusalTest, EveryActionIsRefusedWithNothingChanged) {
  ingest(feed(), "A-1", 200000);
  ingest(feed(), "A-2", 100);
  instance_->evaluate_tiers(admin());
  instance_->set_tier_override(admin(), "A-2", "gold", "pilot", kT0 + 10 * kDay);
  const int64_t notification = json::parse(instance_->notifications_poll(admin())).at(0).at("id");
  clock_ += 2 * 3'600'000;  // a tick is due now: a refused one must not evaluate

  const std::string other_config = config(url_, "beta");
  const std::vector<Action> actions = {
      {"ingest", [&](const Instance&, const Actor& who) { ingest(who, "A-3", 500000); }},
      {"notifications_poll", [](const Instance& i, const Actor& who) { i.notifications_poll(who, 10); }},
      {"notifications_ack", [&](const Instance& i, const Actor& who) { i.notifications_ack(who, {notification}); }},
      {"audit_query", [](const Instance& i, const Actor& who) { i.audit_query(who); }},
      {"config_reload",
       [&](const Instance& i, const Actor& who) { i.reload_config(who, ConfigSource::text(other_config, "b.yaml")); }},
      {"tiers_evaluate", [](const Instance& i, const Actor& who) { i.evaluate_tiers(who); }},
      {"account_card", [](const Instance& i, const Actor& who) { i.account_card(who, "A-1"); }},
      {"tier_override_set",
       [](const Instance& i, const Actor& who) { i.set_tier_override(who, "A-1", "standard", "r", kT0 + 5 * kDay); }},
      {"tier_override_clear", [](const Instance& i, const Actor& who) { i.clear_tier_override(who, "A-2", "r"); }},
      {"report_pareto", [](const Instance& i, const Actor& who) { i.report_pareto(who); }},
      {"tick", [](const Instance& i, const Actor& who) { i.tick(who); }},
      {"tiers_list", [](const Instance& i, const Actor& who) { i.tiers_list(who); }},
      // 1.5: the distributors table
      {"distributors.deal_register",
       [](const Instance& i, const Actor& who) {
         kam::host::DealRegistration d;
         d.distributor_id = "D-1";
         d.customer_name = "Prospect Ltd";
         d.product_lines = {"servers"};
         d.amount_minor = 100;
         i.distributors().register_deal(who, d);
       }},
      {"distributors.deal_review",
       [](const Instance& i, const Actor& who) { i.distributors().review(who, "DR-1", true, "r"); }},
      {"distributors.deals_list", [](const Instance& i, const Actor& who) { i.distributors().list(who); }},
      {"distributors.channel_conflicts", [](const Instance& i, const Actor& who) { i.distributors().conflicts(who); }},
      {"distributors.channel_report", [](const Instance& i, const Actor& who) { i.distributors().report(who); }},
      {"distributors.quote_check",
       [](const Instance& i, const Actor& who) { i.distributors().quote(who, {"A-1", "", "servers", 100}); }},
      {"distributors.deals_expire", [](const Instance& i, const Actor& who) { i.distributors().expire(who); }},
  };

  Snapshot before = snapshot();
  ASSERT_TRUE(before.count("audit") && before.count("notifications") && before.count("tier_history"));
  ASSERT_FALSE(before.at("tier_overrides").empty());
  const std::vector<std::string> audit_before = before.at("audit");
  before.erase("audit");

  // Each action by its own user (the refusal rows are bounded at 10 per user and minute), each with
  // a role that grants nothing, or no role at all.
  for (size_t n = 0; n < actions.size(); ++n) {
    SCOPED_TRACE(actions[n].call);
    const std::vector<std::string> roles = n % 2 == 0 ? std::vector<std::string>{"nobody.role"}
                                                      : std::vector<std::string>{};
    const Actor nobody("nobody-" + std::to_string(n), roles);
    expect_error(KAM_ERR_PERMISSION, [&] { actions[n].run(*instance_, nobody); });
  }

  Snapshot after = snapshot();
  const std::vector<std::string> audit_after = after.at("audit");
  after.erase("audit");
  for (const auto& [table, rows] : before) EXPECT_EQ(after[table], rows) << "table " << table << " changed";
  EXPECT_EQ(after.size(), before.size()) << "a table appeared";

  // The audit trail: the old rows unchanged, and one refusal per action, naming it.
  for (const std::string& row : audit_before)
    EXPECT_TRUE(std::binary_search(audit_after.begin(), audit_after.end(), row)) << "audit row changed: " << row;
  EXPECT_EQ(audit_after.size(), audit_before.size() + actions.size());
  kam::host::AuditQuery query;
  query.limit = 100;
  query.entity_type = "call";
  const json refused = json::parse(instance_->audit_query(admin(), query));
  std::multiset<std::string> calls, expected;
  for (const json& row : refused) {
    if (row.at("at_ms") != clock_) continue;
    EXPECT_EQ(row.at("action"), "permission.refused") << row.dump();
    calls.insert(row.at("entity_id").get<std::string>());
  }
  for (const Action& a : actions) expected.insert(a.call);
  EXPECT_EQ(calls, expected);
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionRefusalTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
