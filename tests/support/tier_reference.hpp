// tier_reference.hpp - an independent reference for the tier engine, shared by the acceptance test
// (tests/acceptance/tier_agreement_test.cpp) and the benchmark (bench/tiers_bench.cpp).
//
// A fixed four-tier config (platinum, gold, silver, standard) and, next to it, ONE SQL query that
// classifies every account of a KAM SQLite database by the same rules, run with the sqlite3 C
// library on the plugin's file. The query reads only the ingested `orders` and `accounts` tables,
// never anything the tier engine wrote, so it checks the engine from the outside. The YAML and the
// query are built from the same constants below (thresholds in minor units and basis points), so
// they cannot drift apart: change a threshold here and both follow.
//
// What the query implements (docs/tiers.md), for business time zone UTC and one currency (the
// reporting currency, so no conversion):
//   - window: the `window_days` UTC days ending with today, [start of (today - N + 1), start of
//     tomorrow): documents dated later today, after the host's now, count already (docs/tiers.md:
//     the store keeps totals per local day; only documents dated after today are ignored).
//   - revenue, margin: sums over the window's orders that are not cancelled (cancelled_at_ms NULL);
//     a credit note (document_type 3) states positive amounts and counts negative - its amount AND
//     its margin (it takes back the sale and the margin made on it).
//   - Pareto: accounts by revenue (negative counted as 0) descending, ties by account_id in byte
//     order (SQLite's BINARY collation); revenue_before = sum of the clamped revenue ranked above;
//     pareto_top_percent_bp = floor(revenue_before * 10000 / total) + 1, no data when revenue <= 0 or
//     total <= 0.
//   - revenue_share >= P: clamped revenue * 10000 >= P_bp * total (exact), no data when total <= 0.
//   - margin_percent OP P: margin * 10000 OP P_bp * revenue (exact), no data when revenue <= 0.
//   - a condition on a metric without data does not match (SQL NULL is not true);
//   - the first tier whose rule matches wins; the last one is the default.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kam::test::tier_ref {

// ---- The thresholds: the one source of both the YAML and the SQL ---------------------------------

inline constexpr int32_t kWindowDays = 365;
inline constexpr const char* kCurrency = "EUR";  // reporting currency: 2 minor digits

// platinum: any[ all[pareto_top_percent <= 20%, revenue >= 1,000,000.00],
//                all[flag strategic, revenue >= 100,000.00] ]
inline constexpr int64_t kPlatinumParetoBp = 2000;
inline constexpr int64_t kPlatinumRevenue = 100'000'000;
inline constexpr int64_t kPlatinumStrategicRevenue = 10'000'000;
// gold: any[ all[revenue >= 200,000.00, margin_percent >= 15%],
//            all[pareto_top_percent <= 50%, margin_percent >= 25%] ]
inline constexpr int64_t kGoldRevenue = 20'000'000;
inline constexpr int64_t kGoldMarginBp = 1500;
inline constexpr int64_t kGoldParetoBp = 5000;
inline constexpr int64_t kGoldParetoMarginBp = 2500;
// silver: any[ revenue_share >= 0.01%, all[revenue >= 50,000.00, margin_percent > 5%],
//              flag reference_customer ]
inline constexpr int64_t kSilverShareBp = 1;
inline constexpr int64_t kSilverRevenue = 5'000'000;
inline constexpr int64_t kSilverMarginBp = 500;  // strictly greater
// standard: the default tier.

inline constexpr const char* kTiers[] = {"platinum", "gold", "silver", "standard"};
inline constexpr int kTierCount = 4;

inline int tier_index(const std::string& name) {
  for (int i = 0; i < kTierCount; ++i)
    if (name == kTiers[i]) return i;
  return -1;
}

// "123456.78" for minor units of a 2-digit currency (thresholds are positive).
inline std::string amount_text(int64_t minor) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(minor / 100),
                static_cast<long long>(minor % 100));
  return buf;
}

// "20%" or "0.01%" for basis points.
inline std::string percent_text(int64_t bp) {
  char buf[64];
  if (bp % 100 == 0)
    std::snprintf(buf, sizeof buf, "%lld%%", static_cast<long long>(bp / 100));
  else
    std::snprintf(buf, sizeof buf, "%lld.%02lld%%", static_cast<long long>(bp / 100),
                  static_cast<long long>(bp % 100));
  return buf;
}

// The `business:` and `tiers:` sections of the config.
inline std::string tiers_yaml() {
  const std::string q = "\"";
  auto amount = [&](int64_t v) { return q + amount_text(v) + q; };
  auto pct = [&](int64_t v) { return q + percent_text(v) + q; };
  return "business:\n"
         "  time_zone: UTC\n"
         "  reporting_currency: " + std::string(kCurrency) + "\n"
         "tiers:\n"
         "  window_days: " + std::to_string(kWindowDays) + "\n"
         "  downgrade_after_days: 90\n"
         "  pareto_percent: \"80%\"\n"
         "  levels:\n"
         "    - name: platinum\n"
         "      rule:\n"
         "        any:\n"
         "          - all:\n"
         "              - {metric: pareto_top_percent, op: \"<=\", value: " + pct(kPlatinumParetoBp) + "}\n"
         "              - {metric: revenue, op: \">=\", value: " + amount(kPlatinumRevenue) + "}\n"
         "          - all:\n"
         "              - {flag: strategic}\n"
         "              - {metric: revenue, op: \">=\", value: " + amount(kPlatinumStrategicRevenue) + "}\n"
         "    - name: gold\n"
         "      rule:\n"
         "        any:\n"
         "          - all:\n"
         "              - {metric: revenue, op: \">=\", value: " + amount(kGoldRevenue) + "}\n"
         "              - {metric: margin_percent, op: \">=\", value: " + pct(kGoldMarginBp) + "}\n"
         "          - all:\n"
         "              - {metric: pareto_top_percent, op: \"<=\", value: " + pct(kGoldParetoBp) + "}\n"
         "              - {metric: margin_percent, op: \">=\", value: " + pct(kGoldParetoMarginBp) + "}\n"
         "    - name: silver\n"
         "      rule:\n"
         "        any:\n"
         "          - {metric: revenue_share, op: \">=\", value: " + pct(kSilverShareBp) + "}\n"
         "          - all:\n"
         "              - {metric: revenue, op: \">=\", value: " + amount(kSilverRevenue) + "}\n"
         "              - {metric: margin_percent, op: \">\", value: " + pct(kSilverMarginBp) + "}\n"
         "          - {flag: reference_customer}\n"
         "    - name: standard\n"
         "      default: true\n";
}

// A whole config: a SQLite file, kam.admin may do everything, erp.feed may ingest, and the tiers.
inline std::string config_yaml(const std::string& sqlite_path, const std::string& synchronous = "normal") {
  return "kam: 1\n"
         "database:\n"
         "  url: \"sqlite:" + sqlite_path + "\"\n"
         "  synchronous: " + synchronous + "\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "    erp.feed: [ingest]\n" +
         tiers_yaml();
}

// ---- The window ---------------------------------------------------------------------------------

inline constexpr int64_t kDayMs = 86'400'000;

struct Window {
  int64_t start_ms = 0;  // inclusive: start of (today - N + 1), UTC
  int64_t end_ms = 0;    // exclusive: start of tomorrow
};

inline int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

inline Window utc_window(int64_t now_ms, int32_t days = kWindowDays) {
  const int64_t today = floor_div(now_ms, kDayMs);
  return {(today - days + 1) * kDayMs, (today + 1) * kDayMs};
}

// ---- The query ----------------------------------------------------------------------------------

// Parameters: ?1 window start (incl.), ?2 window end (excl.), then the thresholds in the order of
// bind_thresholds(). Result: account_id, tier; one row per account, by account_id (byte order).
inline constexpr const char* kReferenceSql = R"sql(
WITH
  window_orders AS (
    SELECT account_id,
           SUM(CASE WHEN document_type = 3 THEN -amount_minor ELSE amount_minor END) AS revenue,
           SUM(CASE WHEN document_type = 3 THEN -margin_minor ELSE margin_minor END) AS margin
    FROM orders
    WHERE cancelled_at_ms IS NULL AND order_date_ms >= ?1 AND order_date_ms < ?2
    GROUP BY account_id),
  metrics AS (
    SELECT a.account_id,
           a.flags,
           COALESCE(w.revenue, 0) AS revenue,
           COALESCE(w.margin, 0) AS margin,
           MAX(COALESCE(w.revenue, 0), 0) AS clamped
    FROM accounts AS a LEFT JOIN window_orders AS w ON w.account_id = a.account_id),
  ranked AS (
    SELECT account_id, flags, revenue, margin, clamped,
           SUM(clamped) OVER (ORDER BY clamped DESC, account_id ROWS UNBOUNDED PRECEDING) - clamped
             AS revenue_before,
           SUM(clamped) OVER () AS total
    FROM metrics),
  facts AS (
    SELECT account_id, revenue, margin, clamped, total,
           CASE WHEN revenue > 0 AND total > 0 THEN revenue_before * 10000 / total + 1 END
             AS pareto_top_bp,
           EXISTS (SELECT 1 FROM json_each(flags) WHERE value = 'strategic') AS strategic,
           EXISTS (SELECT 1 FROM json_each(flags) WHERE value = 'reference_customer') AS reference
    FROM ranked)
SELECT account_id,
       CASE
         WHEN (pareto_top_bp <= ?3 AND revenue >= ?4)
           OR (strategic AND revenue >= ?5)
           THEN 'platinum'
         WHEN (revenue >= ?6 AND revenue > 0 AND margin * 10000 >= ?7 * revenue)
           OR (pareto_top_bp <= ?8 AND revenue > 0 AND margin * 10000 >= ?9 * revenue)
           THEN 'gold'
         WHEN (total > 0 AND clamped * 10000 >= ?10 * total)
           OR (revenue >= ?11 AND revenue > 0 AND margin * 10000 > ?12 * revenue)
           OR reference
           THEN 'silver'
         ELSE 'standard'
       END AS tier
FROM facts
ORDER BY account_id
)sql";

inline void bind_parameters(sqlite3_stmt* st, const Window& w) {
  const int64_t values[] = {w.start_ms,          w.end_ms,
                            kPlatinumParetoBp,   kPlatinumRevenue,      kPlatinumStrategicRevenue,
                            kGoldRevenue,        kGoldMarginBp,         kGoldParetoBp,
                            kGoldParetoMarginBp, kSilverShareBp,        kSilverRevenue,
                            kSilverMarginBp};
  for (int i = 0; i < static_cast<int>(std::size(values)); ++i) sqlite3_bind_int64(st, i + 1, values[i]);
}

// account_id -> tier for every account, sorted by account_id (byte order).
using TierList = std::vector<std::pair<std::string, std::string>>;

// Runs the reference query on `db` (the plugin's SQLite file, opened by the caller).
inline TierList reference_tiers(sqlite3* db, const Window& window) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, kReferenceSql, -1, &st, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("reference query: ") + sqlite3_errmsg(db));
  bind_parameters(st, window);
  TierList out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const auto* id = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    const int id_len = sqlite3_column_bytes(st, 0);
    const auto* tier = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    out.emplace_back(std::string(id, static_cast<size_t>(id_len)), tier ? tier : "");
  }
  std::string error = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db);
  sqlite3_finalize(st);
  if (!error.empty()) throw std::runtime_error("reference query: " + error);
  return out;
}

// The reference's tier of one account in a sorted TierList, or "" when it has no such account.
inline std::string find_tier(const TierList& tiers, const std::string& account_id) {
  auto it = std::lower_bound(tiers.begin(), tiers.end(), account_id,
                             [](const auto& entry, const std::string& id) { return entry.first < id; });
  return it != tiers.end() && it->first == account_id ? it->second : std::string();
}

// Opens the plugin's SQLite file read-only for the reference (and the comparison).
inline sqlite3* open_readonly(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string e = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("open " + path + ": " + e);
  }
  sqlite3_busy_timeout(db, 10000);
  return db;
}

// What the plugin stored: account_id, effective_tier, computed_tier from tier_state, by account_id.
struct StoredTier {
  std::string account_id, effective_tier, computed_tier;
};

inline std::vector<StoredTier> stored_tiers(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  const char* sql = "SELECT account_id, effective_tier, computed_tier FROM tier_state ORDER BY account_id";
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("tier_state: ") + sqlite3_errmsg(db));
  std::vector<StoredTier> out;
  int rc;
  auto text = [&](int col) {
    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
    return t ? std::string(t, static_cast<size_t>(sqlite3_column_bytes(st, col))) : std::string();
  };
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) out.push_back({text(0), text(1), text(2)});
  std::string error = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db);
  sqlite3_finalize(st);
  if (!error.empty()) throw std::runtime_error("tier_state: " + error);
  return out;
}

// The accounts where the plugin and the reference disagree, in account_id order: an account only
// one side has gets "" on the other side.
struct Disagreement {
  std::string account_id, reference, effective, computed;
};

inline std::vector<Disagreement> compare(const TierList& reference, const std::vector<StoredTier>& stored,
                                         size_t keep = 20, size_t* total = nullptr) {
  std::vector<Disagreement> out;
  size_t count = 0;
  auto note = [&](Disagreement d) {
    ++count;
    if (out.size() < keep) out.push_back(std::move(d));
  };
  size_t i = 0, j = 0;
  while (i < reference.size() || j < stored.size()) {
    if (j == stored.size() || (i < reference.size() && reference[i].first < stored[j].account_id)) {
      note({reference[i].first, reference[i].second, "", ""});
      ++i;
    } else if (i == reference.size() || stored[j].account_id < reference[i].first) {
      note({stored[j].account_id, "", stored[j].effective_tier, stored[j].computed_tier});
      ++j;
    } else {
      if (reference[i].second != stored[j].effective_tier || stored[j].computed_tier != stored[j].effective_tier)
        note({reference[i].first, reference[i].second, stored[j].effective_tier, stored[j].computed_tier});
      ++i;
      ++j;
    }
  }
  if (total) *total = count;
  return out;
}

}  // namespace kam::test::tier_ref
