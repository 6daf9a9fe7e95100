// The per-account daily order totals that ingestion keeps (order_days): the tier metrics computed
// from them equal the metrics computed from the orders themselves, whatever mix of currencies,
// credit notes, cancellations and batch shapes; a zone change rebuilds them; concurrent batches
// keep them exact; a day's total never overflows (the order that would is refused). Both backends.
#include <map>
#include <random>
#include <thread>

#include "core/tiers/metrics.hpp"
#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

namespace t = core::tiers;
namespace money = core::money;
namespace time = core::time;

constexpr int64_t kDay = 86400000;
constexpr int64_t kNow = 1781496000000;  // 2026-06-15 04:00 UTC, 12:00 in Shanghai
const char* const kZone = "Asia/Shanghai";

money::ExchangeRates rates() {
  auto rate = [](const char* text) { return *money::ExchangeRate::parse_rate(text); };
  return money::ExchangeRates("CNY", {{"USD", rate("7.1"), time::LocalDate::from_ymd(2020, 1, 1)},
                                  {"USD", rate("7.2345"), time::LocalDate::from_ymd(2026, 1, 1)},
                                  {"JPY", rate("0.0478"), time::LocalDate::from_ymd(2020, 1, 1)}});
}

class OrderDaysTest : public StoreTest {
 protected:
  std::unique_ptr<Store> open_in(const std::string& zone) { return Store::open(db_, log_fn(), zone); }

  std::map<std::string, std::vector<t::DayTotal>> day_totals(Store& store, int64_t now) {
    std::map<std::string, std::vector<t::DayTotal>> out;
    FactsQuery q;
    q.until_day = time::BusinessCalendar(kZone).local_date(now).days_since_epoch;
    q.with_state = false;
    store.tiers().scan_account_facts(q, [&](AccountFacts&& f) { out[f.account_id] = std::move(f.days); });
    return out;
  }
};

TEST_P(OrderDaysTest, MetricsFromDayTotalsEqualMetricsFromTheOrders) {
  auto store = open_in(kZone);
  std::mt19937 rng(20261123);
  const std::vector<std::string> accounts = {"A", "B", "C", "D"};
  const char* currencies[] = {"CNY", "USD", "JPY"};
  std::vector<core::Event> setup;
  for (const auto& a : accounts) setup.push_back(account_event("acc-" + a, a));
  ASSERT_TRUE(store->ingestion().ingest(items(setup), options()).committed);

  std::map<std::string, std::vector<t::OrderFact>> facts;  // what the test knows it sent
  std::map<std::string, std::pair<std::string, size_t>> where;  // order id -> (account, index)
  int next = 0;
  for (int batch = 0; batch < 40; ++batch) {
    std::vector<core::Event> events;
    const int n = std::uniform_int_distribution<int>(1, 60)(rng);
    for (int i = 0; i < n; ++i) {
      const std::string id = "o" + std::to_string(next++);
      const std::string& account = accounts[rng() % accounts.size()];
      const char* currency = currencies[rng() % 3];
      // Spread over three years before now, with some orders just around local midnight.
      int64_t at = kNow - static_cast<int64_t>(rng() % (3 * 365)) * kDay;
      if (rng() % 4 == 0) at = at - at % kDay + 16 * 3600000 + static_cast<int64_t>(rng() % 2) * 60000 - 30000;
      const int64_t amount = std::uniform_int_distribution<int64_t>(0, 2000000)(rng);
      const bool credit = rng() % 7 == 0;
      core::OrderPosted o;
      o.order_id = id;
      o.account_id = account;
      o.amount = {amount, currency};
      o.margin = {amount / 3 - 1000, currency};
      o.document_type = credit ? 3 : (rng() % 2 ? 1 : 2);
      events.push_back(core::Event{"ev-" + id, at, o});
      const int64_t sign = credit ? -1 : 1;
      facts[account].push_back(t::OrderFact{at, {sign * amount, currency}, {sign * o.margin.minor_units, currency},
                                            false, !credit});
      where[id] = {account, facts[account].size() - 1};
    }
    // Cancel some orders: of this batch, of earlier ones, and one twice under two event ids.
    for (int k = 0; k < 3 && next > 0; ++k) {
      const std::string id = "o" + std::to_string(rng() % static_cast<unsigned>(next));
      events.push_back(cancel_event("cancel-" + std::to_string(batch) + "-" + std::to_string(k), id));
      auto& [account, index] = where[id];
      facts[account][index].cancelled = true;
    }
    const BatchResult r = store->ingestion().ingest(items(events), options(true, "feed", kNow));
    ASSERT_EQ(r.rejected, 0u) << (r.first_rejected_index >= 0 ? r.items[r.first_rejected_index].message : "");
  }
  // Replaying a batch changes nothing (duplicates are not counted again).
  const time::BusinessCalendar calendar(kZone);
  const money::ExchangeRates fx = rates();
  for (int64_t now : {kNow, kNow - 100 * kDay, kNow - 500 * kDay + 3600000}) {
    const auto days = day_totals(*store, now);
    for (const auto& account : accounts) {
      SCOPED_TRACE(account + " at " + std::to_string(now));
      const t::AccountMetrics expected = t::compute_order_metrics(account, facts[account], now, 365, calendar, fx);
      auto it = days.find(account);
      const t::AccountMetrics got =
          t::compute_day_metrics(account, it == days.end() ? std::vector<t::DayTotal>{} : it->second, now, 365,
                                 calendar, fx);
      EXPECT_EQ(got.revenue, expected.revenue);
      EXPECT_EQ(got.revenue_prior, expected.revenue_prior);
      EXPECT_EQ(got.margin, expected.margin);
      EXPECT_EQ(got.margin_prior, expected.margin_prior);
      EXPECT_EQ(got.order_count, expected.order_count);
      EXPECT_EQ(got.days_since_last_order, expected.days_since_last_order);
    }
  }
}

TEST_P(OrderDaysTest, AnotherTimeZoneRebuildsTheTotals) {
  // 2026-06-14 20:00 UTC is 04:00 on June 15 in Shanghai.
  const int64_t at = 1781467200000;
  const int32_t utc_day = time::LocalDate::from_ymd(2026, 6, 14).days_since_epoch;
  const int32_t shanghai_day = utc_day + 1;
  {
    auto store = open_in("UTC");
    ASSERT_TRUE(store->ingestion().ingest(items({account_event("a", "A"), order_event("o", "o1", "A", 500, at)}), options())
                    .committed);
    EXPECT_EQ(query_int(*store, "SELECT day FROM order_days"), utc_day);
  }
  auto store = open_in(kZone);
  EXPECT_EQ(query_int(*store, "SELECT day FROM order_days"), shanghai_day);
  EXPECT_EQ(query_int(*store, "SELECT amount_minor FROM order_days"), 500);
  EXPECT_EQ(query_text(*store, "SELECT value FROM kam_settings WHERE name = 'order_days.time_zone'"), kZone);
  bool logged = false;
  for (const auto& line : logs()) logged |= line.find("rebuilt from 1 orders") != std::string::npos;
  EXPECT_TRUE(logged);
  // A database without totals or a recorded zone (as right after the upgrade from schema 1) gets them.
  exec(*store, "DELETE FROM order_days");
  exec(*store, "DELETE FROM kam_settings");
  store.reset();
  store = open_in(kZone);
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM order_days"), 1);
  EXPECT_EQ(query_int(*store, "SELECT day FROM order_days"), shanghai_day);
}

TEST_P(OrderDaysTest, ConcurrentBatchesKeepExactTotals) {
  auto store = open_in(kZone);
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("a1", "A1"), account_event("a2", "A2")}), options()).committed);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int b = 0; b < 25; ++b) {
        std::vector<core::Event> events;
        for (int i = 0; i < 20; ++i) {
          const std::string id = std::to_string(k) + "-" + std::to_string(b) + "-" + std::to_string(i);
          // Every thread writes the same few (account, day) buckets.
          events.push_back(order_event("e" + id, "o" + id, i % 2 ? "A1" : "A2", 100 + i, kNow - (i % 3) * kDay));
        }
        const BatchResult r = store->ingestion().ingest(items(events), options(false, "t" + std::to_string(k), kNow));
        if (!r.committed) ADD_FAILURE() << "batch not committed";
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(query_int(*store, "SELECT SUM(amount_minor) FROM order_days"),
            query_int(*store, "SELECT SUM(amount_minor) FROM orders"));
  EXPECT_EQ(query_int(*store, "SELECT SUM(orders) FROM order_days"), 4 * 25 * 20);
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM order_days"), 6);  // 2 accounts x 3 days
}

// docs/ingestion.md: a cancellation's own date does not matter; one dated before its order applies
// at once (the order leaves the totals of its own day).
TEST_P(OrderDaysTest, ACancellationDatedBeforeItsOrderAppliesAtOnce) {
  auto store = open_in("UTC");
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("a", "A"), order_event("o", "O1", "A", 500, kNow)}), options())
                  .committed);
  ASSERT_TRUE(store->ingestion().ingest(items({cancel_event("c", "O1", "mistake", kNow - 10 * kDay)}), options()).committed);
  EXPECT_EQ(query_int(*store, "SELECT cancelled_at_ms FROM orders"), kNow - 10 * kDay);
  EXPECT_EQ(query_int(*store, "SELECT COALESCE(SUM(amount_minor), 0) FROM order_days"), 0);
  EXPECT_EQ(query_int(*store, "SELECT COALESCE(SUM(orders), 0) FROM order_days"), 0);
}

// docs/tiers.md: invoices count as orders (revenue, margin and order count); credit notes negative.
TEST_P(OrderDaysTest, InvoicesCountAsOrders) {
  auto store = open_in("UTC");
  core::Event invoice = order_event("i", "I1", "A", 700, kNow);
  std::get<core::OrderPosted>(invoice.payload).document_type = 2;  // KAM_DOCUMENT_INVOICE
  core::Event credit = order_event("c", "C1", "A", 200, kNow);
  std::get<core::OrderPosted>(credit.payload).document_type = 3;  // KAM_DOCUMENT_CREDIT_NOTE
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("a", "A"), order_event("o", "O1", "A", 500, kNow), invoice, credit}),
                            options())
                  .committed);
  EXPECT_EQ(query_int(*store, "SELECT amount_minor FROM order_days"), 500 + 700 - 200);
  EXPECT_EQ(query_int(*store, "SELECT orders FROM order_days"), 2);
}

TEST_P(OrderDaysTest, AnOrderThatWouldOverflowItsDaysTotalIsRefusedNamingAccountAndDay) {
  // 10^15 minor units is the per-document limit; 9,223 of them fit a day's int64 total, 9,224 do not.
  constexpr int64_t kMax = 1000000000000000;
  auto store = open_in("UTC");
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("a", "A")}), options()).committed);
  auto batch = [&](int from, int to) {
    std::vector<core::Event> events;
    for (int i = from; i < to; ++i)
      events.push_back(order_event("e" + std::to_string(i), "o" + std::to_string(i), "A", kMax, kNow));
    return store->ingestion().ingest(items(events), options(true, "feed", kNow));
  };
  ASSERT_EQ(batch(0, 9000).accepted, 9000u);  // one batch: summed in memory
  const BatchResult r = batch(9000, 9300);    // then against the stored total
  EXPECT_EQ(r.accepted, 223u);
  EXPECT_EQ(r.rejected, 77u);
  EXPECT_EQ(r.first_rejected_index, 223);
  EXPECT_EQ(r.items[223].status, Status::invalid_argument);
  EXPECT_NE(r.items[223].message.find("account 'A' on 2026-06-15 in EUR would exceed"), std::string::npos)
      << r.items[223].message;
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM orders"), 9223);
  EXPECT_EQ(query_int(*store, "SELECT amount_minor FROM order_days"), 9223 * kMax);
  EXPECT_EQ(query_int(*store, "SELECT orders FROM order_days"), 9223);

  // All in one batch: the sum in memory overflows first, and the same orders are refused.
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("b", "B")}), options()).committed);
  std::vector<core::Event> events;
  for (int i = 0; i < 9300; ++i)
    events.push_back(order_event("eb" + std::to_string(i), "ob" + std::to_string(i), "B", kMax, kNow));
  const BatchResult one = store->ingestion().ingest(items(events), options(true, "feed", kNow));
  EXPECT_EQ(one.accepted, 9223u);
  EXPECT_EQ(one.rejected, 77u);
  EXPECT_NE(one.items[9223].message.find("account 'B' on 2026-06-15 in EUR would exceed"), std::string::npos);
  EXPECT_EQ(query_int(*store, "SELECT amount_minor FROM order_days WHERE account_id = 'B'"), 9223 * kMax);
}

KAM_STORE_INSTANTIATE(OrderDaysTest);

}  // namespace
}  // namespace kam::store::test
