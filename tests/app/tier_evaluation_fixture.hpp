// tier_evaluation_fixture.hpp - the fixture of the tier evaluation suites through the real plugin
// (tier_evaluation_test, tier_override_test, tier_two_hosts_test): an instance on SQLite or on
// PostgreSQL (KAM_TEST_PG_URL) with the host's clock in g_now, the event builder and the calls the
// tests make. The suites are instantiated once, in tier_evaluation_test.cpp.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "db_probe.hpp"
#include "plugin_loader.hpp"
#include "support/temp_dir.hpp"

namespace kam::test::tier_eval {

using kam::test::LoadedPlugin;
using nlohmann::json;

constexpr int64_t kDay = 86400000;
// 2026-06-15 04:00 UTC = 12:00 in Shanghai.
constexpr int64_t kT0 = 1781496000000;

inline std::atomic<int64_t> g_now{kT0};
inline int64_t host_now(void*) { return g_now.load(); }

enum class Backend { sqlite, postgresql };

inline std::string config_yaml(const std::string& url) {
  return "kam: 1\n"
         "database:\n"
         "  url: \"" + url + "\"\n"
         "business: {time_zone: Asia/Shanghai, reporting_currency: CNY}\n"
         "exchange_rates:\n"
         "  - {currency: USD, rate: \"7.0\", from: 2020-01-01}\n"
         "tiers:\n"
         "  window_days: 365\n"
         "  downgrade_after_days: 10\n"
         "  evaluate_every: 1h\n"
         "  levels:\n"
         "    - name: gold\n"
         "      rule: {all: [{metric: revenue, op: \">=\", value: \"100000.00\"}]}\n"
         "      benefits: {dedicated_account_manager: true, hotline: \"+86 400 100\", discount_authority: \"10%\"}\n"
         "    - name: silver\n"
         "      rule: {any: [{metric: revenue, op: \">=\", value: \"10000.00\"}, {flag: strategic}]}\n"
         "    - name: standard\n"
         "      default: true\n"
         "access:\n"
         "  roles:\n"
         "    erp.feed: [ingest]\n"
         "    kam.admin: [\"*\"]\n"
         "    viewer: [tiers.read]\n"
         // The benefits card's response time comes from the complaint targets (one source of truth).
         "calendars: {around: {time_zone: UTC, 24x7: true}}\n"
         "complaints: {calendar: around, targets: [{tier: gold, first_response: 4h}]}\n";
}

// Events whose strings live as long as the builder.
class Events {
 public:
  const kam_event_header* account(const std::string& id, std::vector<std::string> flags = {}) {
    auto& e = accounts_.emplace_back();
    e = kam_event_account{};
    e.header = {sizeof e, KAM_EVENT_ACCOUNT_UPSERTED, keep("acc-" + id + "-" + std::to_string(seq_++)), kT0 - 400 * kDay};
    e.account_id = keep(id);
    e.name = keep("Company " + id);
    auto& ptrs = flag_ptrs_.emplace_back();
    for (auto& f : flags) ptrs.push_back(keep(f));
    e.flags = ptrs.data();
    e.flag_count = static_cast<uint32_t>(ptrs.size());
    return &e.header;
  }
  const kam_event_header* order(const std::string& order_id, const std::string& account, int64_t at,
                                int64_t minor, const char* currency = "CNY",
                                kam_document_type type = KAM_DOCUMENT_ORDER) {
    auto& e = orders_.emplace_back();
    e = kam_event_order{};
    e.header = {sizeof e, KAM_EVENT_ORDER_POSTED, keep("ord-" + order_id), at};
    e.order_id = keep(order_id);
    e.account_id = keep(account);
    e.amount.minor_units = minor;
    std::memcpy(e.amount.currency, currency, 4);
    e.margin.minor_units = minor / 5;
    std::memcpy(e.margin.currency, currency, 4);
    e.document_type = type;
    return &e.header;
  }
  const kam_event_header* cancel(const std::string& order_id, int64_t at) {
    auto& e = cancels_.emplace_back();
    e = kam_event_order_cancel{};
    e.header = {sizeof e, KAM_EVENT_ORDER_CANCELLED, keep("cancel-" + order_id), at};
    e.order_id = keep(order_id);
    return &e.header;
  }

 private:
  const char* keep(std::string s) { return strings_.emplace_back(std::move(s)).c_str(); }
  std::deque<std::string> strings_;
  std::deque<std::vector<const char*>> flag_ptrs_;
  std::deque<kam_event_account> accounts_;
  std::deque<kam_event_order> orders_;
  std::deque<kam_event_order_cancel> cancels_;
  int seq_ = 0;
};

class TierEvaluationTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    g_now = kT0;
    url_ = kam::test::test_database_url(GetParam() == Backend::postgresql, "sqlite:" + dir_.file("kam.db"), "eval");
    if (url_.empty()) {
      if (kam::test::pg_required()) FAIL() << kam::test::kPgMissingRequired;
      GTEST_SKIP() << kam::test::kPgMissingSkipped;
    }
    instance_ = open_instance();
  }
  void TearDown() override {
    for (kam_instance* i : extra_) plugin_.api->instance_destroy(i);
    if (instance_) plugin_.api->instance_destroy(instance_);
  }

  kam_instance* open_instance() {
    const std::string yaml = config_yaml(url_);
    kam_config_source source{sizeof source, 0, nullptr, yaml.c_str(), "<eval test>"};
    kam_host host{};
    host.struct_size = sizeof host;
    host.now_ms = &host_now;
    kam_instance_options options{sizeof options, 0, &source, &host};
    kam_instance* instance = nullptr;
    plugin_.check(plugin_.api->instance_create(&options, &instance), "instance_create");
    return instance;
  }

  void ingest(const std::vector<const kam_event_header*>& events) {
    kam_batch_summary s{};
    plugin_.check(plugin_.ingest(instance_, events, "test", s), "ingest");
  }

  kam_actor admin() {
    static const char* roles[] = {"kam.admin"};
    return kam_actor{sizeof(kam_actor), 1, "alice", roles};
  }

  kam_tier_evaluation_summary evaluate(kam_instance* instance = nullptr, const char* account = nullptr) {
    kam_actor a = admin();
    kam_tier_evaluation request{sizeof request, 0, account, nullptr, nullptr};
    kam_tier_evaluation_summary summary{};
    summary.struct_size = sizeof summary;
    plugin_.check(plugin_.api->tiers_evaluate(instance ? instance : instance_, &a, &request, &summary),
                  "tiers_evaluate");
    return summary;
  }

  json card(const std::string& account) {
    kam_actor a = admin();
    kam_buffer b{};
    b.struct_size = sizeof b;
    plugin_.check(plugin_.api->account_card(instance_, &a, account.c_str(), &b), "account_card");
    json j = json::parse(std::string(b.data, b.length));
    plugin_.api->buffer_free(&b);
    return j;
  }

  json notifications() {
    kam_actor a = admin();
    kam_buffer b{};
    b.struct_size = sizeof b;
    plugin_.check(plugin_.api->notifications_poll(instance_, &a, 1000, &b), "notifications_poll");
    json j = json::parse(std::string(b.data, b.length));
    plugin_.api->buffer_free(&b);
    return j;
  }

  std::string scalar(const std::string& sql) {
    if (GetParam() == Backend::sqlite) return kam::test::sqlite_scalar(dir_.file("kam.db"), sql);
    return kam::test::pg_scalar(url_, sql);
  }
  int64_t count(const std::string& sql) { return std::stoll(scalar(sql)); }

  kam::test::TempDir dir_;
  LoadedPlugin plugin_{KAM_PLUGIN_PATH};
  std::string url_;
  kam_instance* instance_ = nullptr;
  std::vector<kam_instance*> extra_;
  Events ev_;
};

}  // namespace kam::test::tier_eval
