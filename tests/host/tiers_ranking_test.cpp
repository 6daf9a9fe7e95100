// tiers_ranking_test.cpp - the stored portfolio ranking (schema 8) through the
// C++ host SDK on the real libkam.so, on SQLite and PostgreSQL: an account's
// card takes its rank and share from the last full evaluation
// ("ranking_as_of_ms"), equal account by account to the Pareto report computed
// at that evaluation; it keeps them while new orders arrive; the next full
// evaluation moves them (only the moved rows are rewritten, and the result
// still equals the report); before any evaluation the card ranks the portfolio
// itself (ranking_as_of_ms null).
#include <gtest/gtest.h>

#include <cstring>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "db_probe.hpp"
#include "host_test_support.hpp"
#include "kam/host.hpp"

namespace {

using kam::host::Actor;
using kam::host::ConfigSource;
using kam::host::Instance;
using kam::host::Plugin;
using json = nlohmann::json;

constexpr int64_t kDay = 86'400'000;
constexpr int64_t kT0 = 1'772'323'200'000; // 2026-03-01T00:00:00Z
constexpr int kAccounts = 300;
const Actor kAdmin("admin-1", {"kam.admin"});
const Actor kFeed("feed-1", {"erp.feed"});

enum class Backend { sqlite, postgresql };

std::string config(const std::string &url) {
  return "kam: 1\n"
         "database: {url: \"" +
         url +
         "\"}\n"
         "business: {time_zone: UTC, reporting_currency: CNY}\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "    erp.feed: [ingest]\n"
         "tiers:\n"
         "  levels:\n"
         "    - {name: gold, rule: {all: [{metric: pareto_top_percent, op: "
         "\"<=\", value: \"20%\"}]}}\n"
         "    - {name: standard, default: true}\n";
}

std::string account_id(int i) { return "R-" + std::to_string(1000 + i); }

// rank and share_bp of every account, from report_pareto (computed at the
// instance's clock).
struct Place {
  int64_t rank = 0, share_bp = 0;
  bool operator==(const Place &) const = default;
};
using Places = std::map<std::string, Place>;
void PrintTo(const Place &p, std::ostream *os) {
  *os << "rank " << p.rank << " share " << p.share_bp << " bp";
}

class TiersRankingTest : public ::testing::TestWithParam<Backend> {
protected:
  void SetUp() override {
    const std::string url = kam::test::test_database_url(
        GetParam() == Backend::postgresql,
        "sqlite:" + (dir_.path() / "kam.db").string(), "tiers_ranking");
    if (url.empty()) {
      if (kam::test::pg_required())
        FAIL() << kam::test::kPgMissingRequired;
      GTEST_SKIP() << kam::test::kPgMissingSkipped;
    }
    kam::host::HostCallbacks cb;
    cb.now_ms = [this] { return now_; };
    instance_.emplace(
        plugin_, ConfigSource::text(config(url), "tiers_ranking.yaml"), cb);
  }

  // Orders of `round`: account i gets an order of an amount that depends on (i,
  // round), so each round reorders the ranking; every account exists from round
  // 0.
  void ingest_round(int round) {
    std::deque<std::string> text;
    std::deque<kam_event_account> accounts;
    std::deque<kam_event_order> orders;
    std::vector<const kam_event_header *> events;
    for (int i = 0; i < kAccounts; ++i) {
      const std::string &id = text.emplace_back(account_id(i));
      if (round == 0) {
        kam_event_account &a = accounts.emplace_back();
        a = kam_event_account{};
        a.header = {sizeof a, KAM_EVENT_ACCOUNT_UPSERTED,
                    text.emplace_back("acc-" + id).c_str(), kT0 - 100 * kDay};
        a.account_id = id.c_str();
        a.name = text.emplace_back("Company " + id).c_str();
        events.push_back(&a.header);
      }
      if ((i + round) % 5 == 0)
        continue; // some accounts have no order this round
      kam_event_order &o = orders.emplace_back();
      o = kam_event_order{};
      const std::string key = std::to_string(round) + "-" + id;
      o.header = {sizeof o, KAM_EVENT_ORDER_POSTED,
                  text.emplace_back("ord-" + key).c_str(),
                  kT0 - (10 - round) * kDay};
      o.order_id = text.emplace_back("O" + key).c_str();
      o.account_id = id.c_str();
      o.amount.minor_units =
          1000 + static_cast<int64_t>((i * 7919 + round * 104729) % 100000);
      std::memcpy(o.amount.currency, "CNY", 4);
      std::memcpy(o.margin.currency, "CNY", 4);
      events.push_back(&o.header);
    }
    kam_batch batch{};
    batch.struct_size = sizeof batch;
    batch.events = events.data();
    batch.event_count = static_cast<uint32_t>(events.size());
    batch.source = "tiers-ranking-test";
    kam_batch_summary summary{};
    summary.struct_size = sizeof summary;
    instance_->ingest(kFeed, batch, &summary);
    ASSERT_EQ(summary.accepted, events.size());
  }

  Places report() const {
    Places out;
    const json r = json::parse(instance_->report_pareto(kAdmin));
    for (const json &e : r.at("entries"))
      out[e.at("account_id").get<std::string>()] = {
          e.at("rank").get<int64_t>(), e.at("share_bp").get<int64_t>()};
    return out;
  }

  // Every card's rank and share; `as_of` receives each card's ranking_as_of_ms
  // (null as -1).
  Places cards(std::map<std::string, int64_t> *as_of) const {
    Places out;
    for (int i = 0; i < kAccounts; ++i) {
      const json m = json::parse(instance_->account_card(kAdmin, account_id(i)))
                         .at("metrics");
      out[account_id(i)] = {m.at("pareto_rank").get<int64_t>(),
                            m.at("revenue_share_bp").get<int64_t>()};
      (*as_of)[account_id(i)] = m.at("ranking_as_of_ms").is_null()
                                    ? -1
                                    : m.at("ranking_as_of_ms").get<int64_t>();
    }
    return out;
  }

  kam::test::TempDir dir_;
  Plugin plugin_ = Plugin::load(kam::host_test::kPluginPath);
  std::optional<Instance> instance_;
  int64_t now_ = kT0;
};

TEST_P(TiersRankingTest, CardsShowTheLastFullEvaluationsRankingAsOfItsClock) {
  ingest_round(0);
  std::map<std::string, int64_t> as_of;
  // Before any evaluation: ranked now by the card itself.
  EXPECT_EQ(cards(&as_of), report());
  for (const auto &[id, at] : as_of)
    EXPECT_EQ(at, -1) << id;

  const Places first = report();
  instance_->evaluate_tiers(kAdmin);
  EXPECT_EQ(cards(&as_of), first);
  for (const auto &[id, at] : as_of)
    EXPECT_EQ(at, kT0) << id;

  // New orders: the report moves at once, the cards keep the evaluation's
  // ranking.
  now_ = kT0 + 3'600'000;
  ingest_round(1);
  const Places second = report();
  size_t moved = 0;
  for (const auto &[id, p] : second)
    moved += first.at(id) == p ? 0 : 1;
  ASSERT_GT(moved, static_cast<size_t>(kAccounts / 2))
      << "the data must reorder the ranking";
  EXPECT_EQ(cards(&as_of), first);

  // The next full evaluation stores the new ranking (the moved rows), equal to
  // the report.
  instance_->evaluate_tiers(kAdmin);
  EXPECT_EQ(cards(&as_of), second);
  for (const auto &[id, at] : as_of)
    EXPECT_EQ(at, now_) << id;

  // A dry run and a one-account evaluation leave the stored ranking as it is.
  now_ = kT0 + 7'200'000;
  ingest_round(2);
  ASSERT_NE(report(), second);
  instance_->evaluate_tiers(kAdmin, {}, {}, /*dry_run=*/true);
  instance_->evaluate_tiers(kAdmin, account_id(3));
  EXPECT_EQ(cards(&as_of), second);
  for (const auto &[id, at] : as_of)
    EXPECT_EQ(at, kT0 + 3'600'000) << id;
}

INSTANTIATE_TEST_SUITE_P(Backends, TiersRankingTest,
                         ::testing::Values(Backend::sqlite,
                                           Backend::postgresql),
                         [](const auto &info) {
                           return info.param == Backend::sqlite ? "sqlite"
                                                                : "postgresql";
                         });

} // namespace
