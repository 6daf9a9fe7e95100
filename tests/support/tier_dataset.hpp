// tier_dataset.hpp - a deterministic data set for the tier engine's independent check: accounts and
// orders generated from a fixed seed and sent through the ABI's ingest in batches. Shared by
// tier_agreement_test.cpp and bench/tiers_bench.cpp.
//
// Random part: `accounts` accounts C0, C1, ... (unpadded, so byte order is not numeric order) and
// `orders` orders spread evenly over the 730 days before `now_ms`. Order volume per account is
// heavy-tailed (the account at rank fraction x draws orders in proportion to x^(-2/3): the top 1%
// get a fifth of them; at the default size 8% of the accounts get none), amounts are
// 10.00..10,000.00 EUR (one in ten a round 100.00), margins follow a per-account rate of -5%..40%;
// 4% of documents are credit notes, 2% invoices, and 2% of orders are cancelled (in the same batch).
// About 1.8% of the accounts are flagged strategic (a quarter of the largest 1%), 1.5%
// reference_customer, some industry_leader.
//
// Crafted part (ids "edge-..." and "tie-..."), each with hand-made orders so its tier is known:
// no orders, only cancelled orders, only credit notes, credit notes netting to zero or to exactly a
// threshold, revenues and margins exactly at a threshold and one minor unit either side, orders at
// the window's first millisecond, just before it, after now today, tomorrow; flags removed by a newer
// upsert or by an older one that arrives late; flags that only look like "strategic". Then
//   - six "tie-" accounts with the same, largest revenue R, at exactly 4% of the total each, so the
//     Pareto cut of 20% falls exactly after the fifth of them in byte order of their ids
//     (tie-B tie-D tie-F tie-a tie-c | tie-e: the sixth has pareto_top_percent 20.01%);
//   - edge-share-exact/below/above at exactly 0.01% of the total revenue and one minor unit off;
//   - filler accounts that make the total come out exactly (total = 10000 * share revenue).
// expected() lists the crafted accounts' tiers as derived by hand (valid when the share threshold
// r lies above kPlatinumStrategicRevenue + 1 and R at or above kPlatinumRevenue, which the test
// checks).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "kam/kam.h"
#include "tier_reference.hpp"

namespace kam::test {

class TierDataset {
 public:
  using Batch = std::vector<const kam_event_header*>;
  using Sink = std::function<void(const Batch&)>;
  using Progress = std::function<void(uint64_t events_done)>;

  struct Spec {
    uint32_t accounts = 100'000;
    uint64_t orders = 500'000;
    uint64_t seed = 20260315;
    int64_t now_ms = 1773570600000;  // 2026-03-15T10:30:00Z
    size_t batch = 10'000;
  };

  struct Stats {
    uint64_t events = 0, account_events = 0, orders = 0, credit_notes = 0, cancelled = 0;
    int64_t total_revenue = 0;      // sum of clamped window revenue of all accounts
    int64_t share_revenue = 0;      // r: exactly 0.01% of the total
    int64_t tie_revenue = 0;        // R: each tie- account, 4% of the total
    int64_t max_random_revenue = 0; // the largest random account (must stay below R)
  };

  explicit TierDataset(Spec spec) : spec_(spec), window_(tier_ref::utc_window(spec.now_ms)) {
    if (spec_.accounts == 0) throw std::invalid_argument("at least one account");
    // A multiplier coprime to the account count spreads the large accounts over the id range.
    mult_ = 2654435761ULL % spec_.accounts;
    if (mult_ == 0) mult_ = 1;
    while (std::gcd(mult_, static_cast<uint64_t>(spec_.accounts)) != 1) ++mult_;
    random_revenue_.assign(spec_.accounts, 0);
    // inverse_ * mult_ == 1 (mod accounts), by the extended Euclidean algorithm.
    int64_t t = 0, new_t = 1, r = spec_.accounts, new_r = static_cast<int64_t>(mult_);
    while (new_r != 0) {
      const int64_t q = r / new_r;
      t = std::exchange(new_t, t - q * new_t);
      r = std::exchange(new_r, r - q * new_r);
    }
    const int64_t n = spec_.accounts;
    inverse_ = static_cast<uint64_t>(((t % n) + n) % n);
  }

  // Total number of events generate() sends (for progress bars).
  uint64_t expected_events() const { return spec_.accounts + spec_.orders + spec_.orders / 50 + 200; }

  const tier_ref::Window& window() const { return window_; }
  const Stats& stats() const { return stats_; }

  // Sends every event to `sink` in batches of at most spec.batch events, in an order that ingests
  // without rejections: all accounts, then the orders (each cancellation after its order).
  void generate(const Sink& sink, const Progress& progress = {}) {
    sink_ = &sink;
    progress_ = &progress;
    for (uint32_t i = 0; i < spec_.accounts; ++i) random_account(i);
    crafted_accounts();
    flush();
    for (uint64_t seq = 0; seq < spec_.orders; ++seq) random_order(seq);
    flush();
    crafted_orders();
    flush();
    balancing_orders();
    flush();
    sink_ = nullptr;
    progress_ = nullptr;
  }

  // The crafted accounts' tiers, derived by hand from the rules (tier_dataset_crafted.hpp).
  static std::map<std::string, std::string> expected();

  static std::string random_account_id(uint32_t i) { return "C" + std::to_string(i); }

 private:
  // ---- randomness: a pure function of (seed, stream, index) ----
  static uint64_t mix(uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
  }
  uint64_t rnd(uint64_t stream, uint64_t index, uint64_t salt = 0) const {
    return mix(mix(mix(spec_.seed ^ (stream << 56)) ^ index) ^ salt);
  }
  static double unit(uint64_t r) { return static_cast<double>(r >> 11) * 0x1.0p-53; }

  // The account of an order: heavy-tailed rank (rank fraction u^3), spread over the ids.
  uint32_t account_of_rank(uint64_t rank) const {
    return static_cast<uint32_t>((rank * mult_) % spec_.accounts);
  }
  uint64_t rank_of_account(uint32_t i) const {  // the inverse of account_of_rank
    return (static_cast<uint64_t>(i) * inverse_) % spec_.accounts;
  }

  // ---- event storage for one batch ----
  const char* keep(std::string s) { return strings_.emplace_back(std::move(s)).c_str(); }

  // Makes room for n more events in the current batch (the storage of a flushed batch is reused,
  // so an event and the ones that point into it go into one batch).
  void reserve(size_t n) {
    if (!batch_.empty() && batch_.size() + n > spec_.batch) flush();
  }
  void push(const kam_event_header* h) { batch_.push_back(h); }

  void flush() {
    if (batch_.empty()) return;
    (*sink_)(batch_);
    stats_.events += batch_.size();
    if (*progress_) (*progress_)(stats_.events);
    batch_.clear();
    accounts_.clear();
    orders_.clear();
    cancels_.clear();
    flag_lists_.clear();
    strings_.clear();
  }

  void account(const std::string& event_id, int64_t at_ms, const std::string& id, const std::string& name,
               const std::vector<std::string>& flags) {
    reserve(1);
    auto& e = accounts_.emplace_back();
    std::memset(&e, 0, sizeof e);
    e.header.struct_size = sizeof e;
    e.header.kind = KAM_EVENT_ACCOUNT_UPSERTED;
    e.header.event_id = keep(event_id);
    e.header.occurred_at_ms = at_ms;
    e.account_id = keep(id);
    e.name = keep(name);
    auto& list = flag_lists_.emplace_back();
    for (const auto& f : flags) list.push_back(keep(f));
    e.flags = list.empty() ? nullptr : list.data();
    e.flag_count = static_cast<uint32_t>(list.size());
    ++stats_.account_events;
    push(&e.header);
  }

  // Posts an order (and its cancellation) and books its effect on the window revenue.
  void order(const std::string& order_id, const std::string& account_id, int64_t at_ms, int64_t amount,
             int64_t margin, kam_document_type type, bool cancel, int64_t* book) {
    reserve(cancel ? 2 : 1);
    auto& e = orders_.emplace_back();
    std::memset(&e, 0, sizeof e);
    e.header.struct_size = sizeof e;
    e.header.kind = KAM_EVENT_ORDER_POSTED;
    e.header.event_id = keep("ev-" + order_id);
    e.header.occurred_at_ms = at_ms;
    e.order_id = keep(order_id);
    e.account_id = keep(account_id);
    e.amount.minor_units = amount;
    std::memcpy(e.amount.currency, tier_ref::kCurrency, 4);
    e.margin.minor_units = margin;
    std::memcpy(e.margin.currency, tier_ref::kCurrency, 4);
    e.document_type = type;
    ++stats_.orders;
    if (type == KAM_DOCUMENT_CREDIT_NOTE) ++stats_.credit_notes;
    push(&e.header);
    if (cancel) {
      auto& c = cancels_.emplace_back();
      std::memset(&c, 0, sizeof c);
      c.header.struct_size = sizeof c;
      c.header.kind = KAM_EVENT_ORDER_CANCELLED;
      c.header.event_id = keep("cx-" + order_id);
      c.header.occurred_at_ms = std::min(at_ms + 3'600'000, spec_.now_ms);
      c.order_id = e.order_id;
      c.reason = "customer changed their mind";
      ++stats_.cancelled;
      push(&c.header);
    } else if (at_ms >= window_.start_ms && at_ms < window_.end_ms && book != nullptr) {
      *book += type == KAM_DOCUMENT_CREDIT_NOTE ? -amount : amount;
    }
  }

  // ---- the random part ----
  void random_account(uint32_t i) {
    const uint64_t rank = rank_of_account(i);
    const bool large = rank < spec_.accounts / 100;
    const uint64_t r = rnd(1, i);
    std::vector<std::string> flags;
    if (r % 1000 < (large ? 250u : 15u)) flags.push_back("strategic");
    if ((r >> 12) % 1000 < 15) flags.push_back("reference_customer");
    if ((r >> 24) % 100 < 3) flags.insert(flags.begin(), "industry_leader");
    const std::string id = random_account_id(i);
    account("acct-" + id, spec_.now_ms - 800 * tier_ref::kDayMs, id, "Customer " + std::to_string(i) + " 有限公司",
            flags);
  }

  int64_t margin_rate_bp(uint32_t account) const {  // -500..4000
    return static_cast<int64_t>(rnd(2, account) % 4501) - 500;
  }

  void random_order(uint64_t seq) {
    const uint64_t r0 = rnd(3, seq, 0), r1 = rnd(3, seq, 1), r2 = rnd(3, seq, 2);
    const double u = unit(r0);
    uint64_t rank = static_cast<uint64_t>(u * u * u * spec_.accounts);
    if (rank >= spec_.accounts) rank = spec_.accounts - 1;
    const uint32_t acct = account_of_rank(rank);
    const int64_t span = 730 * tier_ref::kDayMs;
    const int64_t at = spec_.now_ms - static_cast<int64_t>(r1 % static_cast<uint64_t>(span + 1));
    const uint32_t kind = static_cast<uint32_t>(r2 % 100);
    kam_document_type type = kind < 4 ? KAM_DOCUMENT_CREDIT_NOTE : kind < 6 ? KAM_DOCUMENT_INVOICE
                                                               : kind < 10 ? 0 : KAM_DOCUMENT_ORDER;
    int64_t amount = 1000 + static_cast<int64_t>((r2 >> 8) % 999'001);  // 10.00 .. 10,000.00
    if ((r2 >> 40) % 10 == 0) amount = (amount / 10000 + 1) * 10000;      // a round amount
    if (type == KAM_DOCUMENT_CREDIT_NOTE) amount /= 4;
    const int64_t noise = static_cast<int64_t>((r2 >> 48) % 1001) - 500;
    const int64_t margin = amount * (margin_rate_bp(acct) + noise) / 10000;
    const bool cancel = type != KAM_DOCUMENT_CREDIT_NOTE && (r0 & 0xFF) < 5;  // ~2%
    order("SO-" + std::to_string(seq), random_account_id(acct), at, amount, margin, type, cancel,
          &random_revenue_[acct]);
  }

  // ---- the crafted part (tier_dataset_crafted.hpp) ----
  void crafted_accounts();
  int64_t& book(const std::string& id) { return crafted_revenue_[id]; }
  // One order of `amount` with `margin`, booked, dated `at` (default: yesterday noon).
  void craft(const std::string& id, int64_t amount, int64_t margin, int64_t at = -1,
             kam_document_type type = KAM_DOCUMENT_ORDER, bool cancel = false);
  void crafted_orders();
  // The tie block, the share trio and the fillers: the total comes out at exactly 10000 * r.
  void balancing_orders();

  Spec spec_;
  tier_ref::Window window_;
  uint64_t mult_ = 1, inverse_ = 1;
  Stats stats_;
  std::vector<int64_t> random_revenue_;
  std::map<std::string, int64_t> crafted_revenue_;
  uint64_t craft_seq_ = 0;

  const Sink* sink_ = nullptr;
  const Progress* progress_ = nullptr;
  Batch batch_;
  std::deque<kam_event_account> accounts_;
  std::deque<kam_event_order> orders_;
  std::deque<kam_event_order_cancel> cancels_;
  std::deque<std::vector<const char*>> flag_lists_;
  std::deque<std::string> strings_;
};

}  // namespace kam::test

#include "tier_dataset_crafted.hpp"  // the crafted part: its accounts, orders and expected tiers
