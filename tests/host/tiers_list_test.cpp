// tiers_list_test.cpp - ABI 1.2 tiers_list through the C++ host SDK on the real libkam.so, on SQLite
// and PostgreSQL: paging through 2,500 accounts in account id byte order (every account once), the
// tier filter, the state before the first evaluation, an unknown tier, a limit too large, and the
// permission.
#include <gtest/gtest.h>

#include <cstring>
#include <deque>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "host_test_support.hpp"
#include "db_probe.hpp"
#include "kam/host.hpp"

namespace {

using kam::host::Actor;
using kam::host::ConfigSource;
using kam::host::Instance;
using kam::host::Plugin;
using kam::host_test::expect_error;
using json = nlohmann::json;

constexpr int64_t kDay = 86'400'000;
constexpr int64_t kT0 = 1'772'323'200'000;  // 2026-03-01T00:00:00Z
constexpr int kAccounts = 2500;
const Actor kAdmin("admin-1", {"kam.admin"});
const Actor kFeed("feed-1", {"erp.feed"});

enum class Backend { sqlite, postgresql };

std::string config(const std::string& url) {
  return "kam: 1\n"
         "database: {url: \"" + url + "\"}\n"
         "business: {time_zone: UTC, reporting_currency: CNY}\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "    erp.feed: [ingest]\n"
         "tiers:\n"
         "  levels:\n"
         "    - {name: gold, rule: {all: [{metric: revenue, op: \">=\", value: \"1000.00\"}]}}\n"
         "    - {name: standard, default: true}\n";
}

// Ids whose byte order differs from a locale's: upper before lower case, UTF-8 after ASCII.
std::string account_id(int i) {
  static const char* const kPrefixes[] = {"A-", "a-", "Z-", "\xC3\xA4-"};  // "ä-"
  return std::string(kPrefixes[i % 4]) + std::to_string(100000 + i);
}

class TiersListTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    const std::string url = kam::test::test_database_url(GetParam() == Backend::postgresql,
                                                         "sqlite:" + (dir_.path() / "kam.db").string(), "tiers_list");
    if (url.empty()) {
      if (kam::test::pg_required()) FAIL() << kam::test::kPgMissingRequired;
      GTEST_SKIP() << kam::test::kPgMissingSkipped;
    }
    kam::host::HostCallbacks cb;
    cb.now_ms = [] { return kT0; };
    instance_.emplace(plugin_, ConfigSource::text(config(url), "tiers_list.yaml"), cb);
  }

  // Every account; every 7th has 2,000.00 CNY of orders (gold).
  void portfolio() {
    std::deque<std::string> text;
    std::deque<kam_event_account> accounts;
    std::deque<kam_event_order> orders;
    std::vector<const kam_event_header*> events;
    for (int i = 0; i < kAccounts; ++i) {
      const std::string& id = text.emplace_back(account_id(i));
      kam_event_account& a = accounts.emplace_back();
      a = kam_event_account{};
      a.header = {sizeof a, KAM_EVENT_ACCOUNT_UPSERTED, text.emplace_back("acc-" + id).c_str(), kT0 - 100 * kDay};
      a.account_id = id.c_str();
      a.name = text.emplace_back("Company " + id).c_str();
      events.push_back(&a.header);
      if (i % 7 != 0) continue;
      kam_event_order& o = orders.emplace_back();
      o = kam_event_order{};
      o.header = {sizeof o, KAM_EVENT_ORDER_POSTED, text.emplace_back("ord-" + id).c_str(), kT0 - 10 * kDay};
      o.order_id = text.emplace_back("O" + id).c_str();
      o.account_id = id.c_str();
      o.amount.minor_units = 200000;
      std::memcpy(o.amount.currency, "CNY", 4);
      std::memcpy(o.margin.currency, "CNY", 4);
      events.push_back(&o.header);
    }
    kam_batch batch{};
    batch.struct_size = sizeof batch;
    batch.events = events.data();
    batch.event_count = static_cast<uint32_t>(events.size());
    batch.source = "tiers-list-test";
    kam_batch_summary summary{};
    summary.struct_size = sizeof summary;
    instance_->ingest(kFeed, batch, &summary);
    ASSERT_EQ(summary.accepted, events.size());
  }

  // Pages through the listing; returns every row and checks the pages' order and links.
  std::vector<json> all_pages(const std::string& tier, uint32_t limit, size_t* pages) {
    std::vector<json> rows;
    std::string after;
    *pages = 0;
    for (;;) {
      const json page = json::parse(instance_->tiers_list(kAdmin, tier, after, limit));
      ++*pages;
      for (const json& row : page.at("accounts")) {
        const std::string id = row.at("account_id");
        EXPECT_LT(after, id) << "byte order across and within pages";
        after = id;
        rows.push_back(row);
      }
      if (page.at("next_after").is_null()) break;
      EXPECT_EQ(page.at("next_after"), after) << "next_after is the page's last id";
      if (*pages > kAccounts) break;
    }
    return rows;
  }

  kam::test::TempDir dir_;
  Plugin plugin_ = Plugin::load(kam::host_test::kPluginPath);
  std::optional<Instance> instance_;
};

TEST_P(TiersListTest, PagesThroughEveryAccountInByteOrder) {
  portfolio();
  size_t pages = 0;
  std::vector<json> before = all_pages("", 0, &pages);
  ASSERT_EQ(before.size(), static_cast<size_t>(kAccounts));
  EXPECT_EQ(pages, 3u) << "0 means 1,000 per page";
  EXPECT_TRUE(before[0].at("tier").is_null()) << "not evaluated yet";
  EXPECT_TRUE(before[0].at("evaluated_at_ms").is_null());

  instance_->evaluate_tiers(kAdmin);
  const std::vector<json> rows = all_pages("", 300, &pages);
  ASSERT_EQ(rows.size(), static_cast<size_t>(kAccounts));
  EXPECT_EQ(pages, 9u);
  std::set<std::string> expected, seen;
  for (int i = 0; i < kAccounts; ++i) expected.insert(account_id(i));  // std::string orders by bytes
  for (const json& row : rows) seen.insert(row.at("account_id").get<std::string>());
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(rows.front().at("account_id"), *expected.begin());
  const json& gold = *std::find_if(rows.begin(), rows.end(), [](const json& r) {
    return r.at("account_id") == account_id(0);
  });
  EXPECT_EQ(gold.at("name"), "Company " + account_id(0));
  EXPECT_EQ(gold.at("tier"), "gold");
  EXPECT_EQ(gold.at("computed_tier"), "gold");
  EXPECT_EQ(gold.at("since_ms"), kT0);
  EXPECT_EQ(gold.at("overridden"), false);
  EXPECT_TRUE(gold.at("pending_downgrade_to").is_null());
  EXPECT_EQ(gold.at("churn_level"), "low");
  EXPECT_EQ(gold.at("evaluated_at_ms"), kT0);
}

TEST_P(TiersListTest, TheTierFilterListsOnlyThatTier) {
  portfolio();
  instance_->evaluate_tiers(kAdmin);
  size_t pages = 0;
  const std::vector<json> gold = all_pages("gold", 100, &pages);
  EXPECT_EQ(gold.size(), static_cast<size_t>((kAccounts + 6) / 7));
  EXPECT_EQ(pages, 4u);
  for (const json& row : gold) EXPECT_EQ(row.at("tier"), "gold") << row.dump();
  EXPECT_EQ(all_pages("standard", 10000, &pages).size(), kAccounts - gold.size());
  EXPECT_EQ(pages, 1u);
}

TEST_P(TiersListTest, RefusesAnUnknownTierATooLargeLimitAndAReaderWithoutPermission) {
  portfolio();
  const auto unknown = expect_error(KAM_ERR_NOT_FOUND, [&] { instance_->tiers_list(kAdmin, "platinum"); });
  EXPECT_NE(unknown.message().find("'platinum' is not configured (tiers: gold, standard)"), std::string::npos)
      << unknown.message();
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { instance_->tiers_list(kAdmin, "", "", 10001); });
  const auto refused = expect_error(KAM_ERR_PERMISSION, [&] { instance_->tiers_list(kFeed); });
  EXPECT_NE(refused.message().find("tiers.read"), std::string::npos) << refused.message();
}

INSTANTIATE_TEST_SUITE_P(Backends, TiersListTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
