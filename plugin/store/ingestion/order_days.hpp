// order_days.hpp - the per-account, per-local-day, per-currency order totals (table order_days)
// that the tier metrics are computed from, kept current by ingestion in the batch's transaction.
//
// Why daily buckets: a trailing window moves by whole local days, exchange rates apply per local
// date, and conversion is linear, so the buckets give exactly the metrics the orders would
// (core/tiers/metrics.hpp) while an evaluation reads one row per account and active day instead of
// every order. Amounts stay in their own currency: a rate change in the YAML needs no rebuild.
// Updates are additive upserts (amount = amount + delta), so several hosts may ingest at once.
// A change of business.time_zone moves day boundaries: the store rebuilds the table when it opens
// with a zone other than the one recorded in kam_settings.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/events.hpp"
#include "core/time/calendar.hpp"
#include "store/database/backend.hpp"

namespace kam::store::detail {

// What one order adds to its bucket: credit notes count negative and are not orders; a
// cancellation subtracts what the order had added.
struct OrderContribution {
  std::string account_id;
  int64_t occurred_at_ms = 0;
  std::string currency;
  int64_t amount_minor = 0;  // as stated (>= 0)
  int64_t margin_minor = 0;
  int32_t document_type = 1;  // KAM_DOCUMENT_*
};

// Thrown when a day total would overflow 64 bits (in memory, or added to the stored total by the
// upsert): the caller rolls the batch back and runs it again with the totals checked per item
// (load_stored + overflow), which rejects exactly the orders that would overflow. Rare, so the common
// batch pays no read of the stored totals.
struct DayTotalOverflow : std::runtime_error {
  explicit DayTotalOverflow(const std::string& what) : std::runtime_error(what) {}
};

class OrderDayDeltas {
 public:
  explicit OrderDayDeltas(const core::time::BusinessCalendar& calendar) : calendar_(calendar) {}

  void posted(const OrderContribution& order) { add(order, +1); }
  void cancelled(const OrderContribution& order) { add(order, -1); }
  // Reads the stored totals of the days these orders fall on (one query on PostgreSQL, one prepared
  // statement on SQLite), for overflow().
  void load_stored(soci::session& sql, Backend backend, const std::vector<OrderContribution>& orders);
  // Whether posting `order` keeps its day's totals (stored + added so far) within int64; when not,
  // the reason naming the account, day and currency. Its day's stored totals must have been loaded.
  std::optional<std::string> overflow(const OrderContribution& order);
  // The local business day (days since 1970-01-01) of a time: the day an order counts on.
  int32_t local_day(int64_t ms);
  bool empty() const { return deltas_.empty(); }
  size_t size() const { return deltas_.size(); }

  // Adds the deltas to order_days (upserts in key order, so concurrent batches lock rows in the
  // same order) and forgets them. Throws DayTotalOverflow when a stored total would overflow.
  void write(soci::session& sql, Backend backend);

 private:
  struct Delta {
    std::string account_id, currency;
    int32_t day = 0;
    int64_t amount = 0, margin = 0, orders = 0;
    bool touched = false;                               // something was added (else nothing to write)
    std::optional<std::pair<int64_t, int64_t>> stored;  // order_days' amount and margin, once read
  };
  const std::string& key(std::string_view account_id, std::string_view currency, int32_t day);
  Delta& delta(const OrderContribution& order);
  void add(const OrderContribution& order, int sign);

  const core::time::BusinessCalendar& calendar_;
  std::optional<core::time::BusinessCalendar::OffsetSpan> span_;  // the last offset used
  std::string key_;
  std::unordered_map<std::string, Delta> deltas_;  // key: account \0 currency \0 day
};

// The stored orders of these ids that are cancelled; for turning cancellations into deltas.
std::vector<OrderContribution> load_orders(soci::session& sql, const std::vector<std::string>& order_ids);

// Recomputes order_days from the orders in `calendar`'s zone and records the zone. Returns the
// number of orders read.
int64_t rebuild_order_days(soci::session& sql, Backend backend, const core::time::BusinessCalendar& calendar);

inline constexpr const char* kOrderDaysZoneSetting = "order_days.time_zone";

}  // namespace kam::store::detail
