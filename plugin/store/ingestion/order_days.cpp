// order_days.cpp - the per-day order totals: deltas in memory, additive upserts, the rebuild.
#include "store/ingestion/order_days.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "core/error.hpp"
#include "store/column_batch.hpp"
#include "store/cursor.hpp"
#include "store/pg_bulk.hpp"
#include "store/jobs/settings.hpp"
#include "store/sqlite_statement.hpp"

namespace kam::store::detail {

namespace {
constexpr int32_t kCreditNote = static_cast<int32_t>(core::DocumentType::credit_note);
constexpr size_t kRebuildFlushKeys = 200000;  // bounds the rebuild's memory

// SQLite turns an integer sum that overflows into a REAL: make it an "integer overflow" error
// instead (abs() of the smallest integer raises it). PostgreSQL raises "bigint out of range".
std::string sqlite_checked_sum(const std::string& column) {
  const std::string sum = column + " + excluded." + column;
  return "CASE WHEN typeof(" + sum + ") = 'integer' THEN " + sum + " ELSE abs(-9223372036854775807 - 1) END";
}

bool is_sum_overflow(const std::exception& e) {
  const std::string_view what = e.what();
  return what.find("integer overflow") != std::string_view::npos ||
         what.find("bigint out of range") != std::string_view::npos;
}
}  // namespace

int32_t OrderDayDeltas::local_day(int64_t ms) {
  if (!span_ || !span_->contains(ms)) span_ = calendar_.offset_at(ms);
  return span_->local_date(ms).days_since_epoch;
}

const std::string& OrderDayDeltas::key(std::string_view account_id, std::string_view currency, int32_t day) {
  key_.assign(account_id);
  key_ += '\0';
  key_ += currency;
  key_ += '\0';
  key_.append(reinterpret_cast<const char*>(&day), sizeof day);
  return key_;
}

OrderDayDeltas::Delta& OrderDayDeltas::delta(const OrderContribution& o) {
  const int32_t day = local_day(o.occurred_at_ms);
  auto [it, inserted] = deltas_.try_emplace(key(o.account_id, o.currency, day));
  Delta& d = it->second;
  if (inserted) {
    d.account_id = o.account_id;
    d.currency = o.currency;
    d.day = day;
  }
  return d;
}

void OrderDayDeltas::add(const OrderContribution& o, int sign) {
  Delta& d = delta(o);
  const bool credit = o.document_type == kCreditNote;
  const int64_t s = sign * (credit ? -1 : 1);
  // Never wraps: ingestion then checks the batch per item (see DayTotalOverflow); a rebuild fails.
  if (__builtin_add_overflow(d.amount, s * o.amount_minor, &d.amount) ||
      __builtin_add_overflow(d.margin, s * o.margin_minor, &d.margin))
    throw DayTotalOverflow("order_days: the order total of account '" + d.account_id + "' on " +
                           core::time::LocalDate{d.day}.to_string() + " in " + d.currency +
                           " overflows 64-bit minor units");
  d.orders += credit ? 0 : sign;
  d.touched = true;
}

void OrderDayDeltas::load_stored(soci::session& sql, Backend backend, const std::vector<OrderContribution>& orders) {
  std::vector<Delta*> unread;
  for (const OrderContribution& o : orders) {
    Delta& d = delta(o);
    if (d.stored) continue;
    d.stored = std::make_pair(int64_t{0}, int64_t{0});  // no row yet
    unread.push_back(&d);
  }
  if (unread.empty()) return;
  if (backend == Backend::sqlite) {
    SqliteStatement q(sql, "SELECT amount_minor, margin_minor FROM order_days WHERE account_id = ?1 AND day = ?2"
                           " AND currency = ?3");
    for (Delta* d : unread) {
      q.bind(1, d->account_id);
      q.bind(2, int64_t{d->day});
      q.bind(3, d->currency);
      if (q.next()) d->stored = std::make_pair(q.int64_at(0), q.int64_at(1));
      q.reset();
    }
    return;
  }
  PgArray accounts, days, currencies;
  for (const Delta* d : unread) {
    accounts.add(d->account_id);
    days.add(int64_t{d->day});
    currencies.add(d->currency);
  }
  Cursor rows(sql, backend,
              "SELECT o.account_id, o.day, o.currency, o.amount_minor, o.margin_minor FROM order_days o"
              " JOIN unnest(CAST($1 AS text[]), CAST($2 AS integer[]), CAST($3 AS text[])) AS k(account_id, day,"
              " currency) ON o.account_id = k.account_id AND o.day = k.day AND o.currency = k.currency",
              {accounts.literal(), days.literal(), currencies.literal()});
  while (rows.next()) {
    auto it = deltas_.find(key(rows.text_at(0), rows.text_at(2), static_cast<int32_t>(rows.int64_at(1))));
    if (it != deltas_.end()) it->second.stored = std::make_pair(rows.int64_at(3), rows.int64_at(4));
  }
}

std::optional<std::string> OrderDayDeltas::overflow(const OrderContribution& o) {
  const Delta& d = delta(o);
  const int64_t s = o.document_type == kCreditNote ? -1 : 1;
  int64_t total = 0;
  if (!__builtin_add_overflow(d.stored.value().first, d.amount, &total) &&
      !__builtin_add_overflow(total, s * o.amount_minor, &total) &&
      !__builtin_add_overflow(d.stored.value().second, d.margin, &total) &&
      !__builtin_add_overflow(total, s * o.margin_minor, &total))
    return std::nullopt;
  return "the order total of account '" + d.account_id + "' on " + core::time::LocalDate{d.day}.to_string() +
         " in " + d.currency + " would exceed " + std::to_string(INT64_MAX) +
         " minor units (the largest daily total the store keeps)";
}

void OrderDayDeltas::write(soci::session& sql, Backend backend) {
  if (deltas_.empty()) return;
  // Key order, so concurrent batches on PostgreSQL lock shared rows in the same order.
  std::vector<const Delta*> sorted;
  sorted.reserve(deltas_.size());
  for (const auto& [k, d] : deltas_)
    if (d.touched) sorted.push_back(&d);
  if (sorted.empty()) return;
  std::sort(sorted.begin(), sorted.end(), [](const Delta* a, const Delta* b) {
    if (a->account_id != b->account_id) return a->account_id < b->account_id;
    if (a->day != b->day) return a->day < b->day;
    return a->currency < b->currency;
  });
  ColumnBatch rows({ColumnType::text, ColumnType::integer, ColumnType::text, ColumnType::bigint,
                    ColumnType::bigint, ColumnType::bigint});
  rows.reserve(sorted.size());
  for (const Delta* d : sorted)
    rows.add(d->account_id).add(int64_t{d->day}).add(d->currency).add(d->amount).add(d->margin).add(d->orders);
  try {
    if (backend == Backend::sqlite) {
      rows.run_each(sql,
                    "INSERT INTO order_days (account_id, day, currency, amount_minor, margin_minor, orders)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (account_id, day, currency) DO UPDATE SET"
                    " amount_minor = " + sqlite_checked_sum("amount_minor") + ","
                    " margin_minor = " + sqlite_checked_sum("margin_minor") + ","
                    " orders = orders + excluded.orders");
    } else {
      rows.run_once(sql,
                    "INSERT INTO order_days (account_id, day, currency, amount_minor, margin_minor, orders)"
                    " SELECT * FROM " + rows.unnest() +
                    " ON CONFLICT (account_id, day, currency) DO UPDATE SET"
                    " amount_minor = order_days.amount_minor + excluded.amount_minor,"
                    " margin_minor = order_days.margin_minor + excluded.margin_minor,"
                    " orders = order_days.orders + excluded.orders");
    }
  } catch (const std::exception& e) {
    if (!is_sum_overflow(e)) throw;
    throw DayTotalOverflow(std::string("order_days: a day's order total overflows 64-bit minor units: ") + e.what());
  }
  deltas_.clear();
}

std::vector<OrderContribution> load_orders(soci::session& sql, const std::vector<std::string>& order_ids) {
  std::vector<OrderContribution> out;
  if (order_ids.empty()) return out;
  std::string id;
  OrderContribution o;
  soci::statement st = (sql.prepare << "SELECT account_id, order_date_ms, currency, amount_minor, margin_minor,"
                                       " document_type FROM orders WHERE order_id = :id",
                        soci::into(o.account_id), soci::into(o.occurred_at_ms), soci::into(o.currency),
                        soci::into(o.amount_minor), soci::into(o.margin_minor), soci::into(o.document_type),
                        soci::use(id, "id"));
  for (const std::string& each : order_ids) {
    id = each;
    if (st.execute(true)) out.push_back(o);
  }
  return out;
}

int64_t rebuild_order_days(soci::session& sql, Backend backend, const core::time::BusinessCalendar& calendar) {
  // PostgreSQL: ingestion on other hosts waits while the table is rebuilt, so no delta of theirs is
  // deleted after being added or counted twice.
  if (backend == Backend::postgresql) sql << "LOCK TABLE order_days IN EXCLUSIVE MODE";
  sql << "DELETE FROM order_days";
  OrderDayDeltas deltas(calendar);
  int64_t read = 0;
  Cursor rows(sql, backend,
              "SELECT account_id, order_date_ms, currency, amount_minor, margin_minor, document_type"
              " FROM orders WHERE cancelled_at_ms IS NULL");
  OrderContribution o;
  while (rows.next()) {
    o.account_id = rows.text_at(0);
    o.occurred_at_ms = rows.int64_at(1);
    o.currency = rows.text_at(2);
    o.amount_minor = rows.int64_at(3);
    o.margin_minor = rows.int64_at(4);
    o.document_type = static_cast<int32_t>(rows.int64_at(5));
    deltas.posted(o);
    ++read;
    if (deltas.size() >= kRebuildFlushKeys) deltas.write(sql, backend);
  }
  deltas.write(sql, backend);
  write_setting(sql, kOrderDaysZoneSetting, calendar.zone_name());
  return read;
}

}  // namespace kam::store::detail
