// tier_facts.cpp - TiersRepository's reads for the evaluation: every account's facts (accounts, day
// totals, open complaints, last visit, tier state, override, stored ranking) from one snapshot,
// merged by account id.
//
// Which accounts count as one: this is the one place the facts are grouped per account (every
// cursor below is ordered and merged by account_id); a mapping of several ids to one account
// (identity's golden account) applies here and nowhere else.
#include <soci/soci.h>

#include <algorithm>

#include "store/database/database.hpp"
#include "store/identity/merged_sql.hpp"
#include "store/json_columns.hpp"
#include "store/read_snapshot.hpp"
#include "store/tiers/tier_rows.hpp"

namespace kam::store {

using namespace detail;  // the store's internal helpers (rows, cursors, snapshots)

namespace {

// Walks one query's rows that belong to the account being assembled (rows ordered by account id
// in column 0); rows of ids that are not accounts are skipped.
class Merge {
 public:
  explicit Merge(Cursor& cursor) : c_(cursor), valid_(c_.next()) {}
  // Calls fn(cursor) for each row of `account_id`.
  template <class Fn>
  void take(std::string_view account_id, Fn&& fn) {
    while (valid_ && c_.text_at(0) < account_id) valid_ = c_.next();
    while (valid_ && c_.text_at(0) == account_id) {
      fn(c_);
      valid_ = c_.next();
    }
  }

 private:
  Cursor& c_;
  bool valid_;
};

// A golden account's own day totals followed by its merged accounts': one total per day and
// currency again, ascending by day.
void combine_days(std::vector<core::tiers::DayTotal>& days) {
  std::stable_sort(days.begin(), days.end(), [](const core::tiers::DayTotal& a, const core::tiers::DayTotal& b) {
    return a.day.days_since_epoch != b.day.days_since_epoch ? a.day.days_since_epoch < b.day.days_since_epoch : a.currency < b.currency;
  });
  std::vector<core::tiers::DayTotal> out;
  for (core::tiers::DayTotal& d : days) {
    if (!out.empty() && out.back().day.days_since_epoch == d.day.days_since_epoch && out.back().currency == d.currency) {
      out.back().amount += d.amount;
      out.back().margin += d.margin;
      out.back().orders += d.orders;
    } else {
      out.push_back(std::move(d));
    }
  }
  days = std::move(out);
}

}  // namespace

uint64_t TiersRepository::account_count() {
  long long n = 0;
  db_.with_session("count accounts", [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM accounts", soci::into(n); });
  return static_cast<uint64_t>(n);
}

void TiersRepository::scan_account_facts(const FactsQuery& query, const std::function<void(AccountFacts&&)>& fn) {
  db_.with_session("read account facts", [&](soci::session& sql) {
    ReadSnapshot snapshot(sql, db_.backend());
    const bool one = !query.account_id.empty();
    const std::string where_one = one ? " WHERE account_id = $1" : "";
    std::vector<CursorParam> id_param;
    if (one) id_param.push_back(query.account_id);

    // Accounts merged into a golden one (store/identity) have no facts of their own: their rows
    // count under the golden account, read by the second cursor of each kind below.
    Cursor accounts(sql, db_.backend(),
                    "SELECT account_id, name, flags FROM accounts x" + where_one +
                        (one ? " AND " : " WHERE ") + not_merged("x.account_id") + " ORDER BY " + by_id(db_.backend()),
                    id_param);
    const std::string golden_one = one ? " AND m.golden_id = $1" : "";
    const std::string golden_one_2 = one ? " AND m.golden_id = $2" : "";
    const std::string by_golden = by_id(db_.backend(), "m.golden_id");
    std::vector<CursorParam> day_params{int64_t{query.until_day}};
    if (one) day_params.push_back(query.account_id);
    Cursor days(sql, db_.backend(),
                "SELECT account_id, day, currency, amount_minor, margin_minor, orders FROM order_days WHERE day <= $1" +
                    std::string(one ? " AND account_id = $2" : "") + " ORDER BY account_id, day, currency",
                day_params);
    // Complaint tracking (store/complaints): phase 3 is closed; kind 3 is KAM_NOTIFY_SLA_BREACH.
    Cursor complaints(sql, db_.backend(),
                      "SELECT account_id, COUNT(*) FROM complaint_current WHERE phase <> 3" +
                          std::string(one ? " AND account_id = $1" : "") + " GROUP BY account_id ORDER BY " +
                          by_id(db_.backend()),
                      id_param);
    std::vector<CursorParam> breach_params{query.breaches_since_ms};
    if (one) breach_params.push_back(query.account_id);
    Cursor breaches(sql, db_.backend(),
                    "SELECT account_id, COUNT(DISTINCT complaint_id) FROM sla_escalations WHERE kind = 3"
                    " AND due_at_ms >= $1" +
                        std::string(one ? " AND account_id = $2" : "") + " GROUP BY account_id ORDER BY " +
                        by_id(db_.backend()),
                    breach_params);
    Cursor visits(sql, db_.backend(),
                  // The visit plans' last visit (store/contacts/schema_v7, kept by ingestion): the
                  // same value the plan's due date starts from.
                  "SELECT account_id, last_visit_ms FROM visit_plans WHERE last_visit_ms IS NOT NULL" +
                      std::string(one ? " AND account_id = $1" : "") + " ORDER BY " +
                      by_id(db_.backend()),
                  id_param);
    Cursor merged_days(sql, db_.backend(),
                       "SELECT m.golden_id, d.day, d.currency, d.amount_minor, d.margin_minor, d.orders FROM order_days d"
                       " JOIN account_merges m ON m.account_id = d.account_id WHERE d.day <= $1" + golden_one_2 +
                           " ORDER BY " + by_golden + ", d.day, d.currency",
                       day_params);
    Cursor merged_complaints(sql, db_.backend(),
                             "SELECT m.golden_id, COUNT(*) FROM complaint_current c JOIN account_merges m"
                             " ON m.account_id = c.account_id WHERE c.phase <> 3" + golden_one +
                                 " GROUP BY m.golden_id ORDER BY " + by_golden,
                             id_param);
    Cursor merged_breaches(sql, db_.backend(),
                           "SELECT m.golden_id, COUNT(DISTINCT e.complaint_id) FROM sla_escalations e JOIN account_merges m"
                           " ON m.account_id = e.account_id WHERE e.kind = 3 AND e.due_at_ms >= $1" + golden_one_2 +
                               " GROUP BY m.golden_id ORDER BY " + by_golden,
                           breach_params);
    Cursor merged_visits(sql, db_.backend(),
                         "SELECT m.golden_id, MAX(p.last_visit_ms) FROM visit_plans p JOIN account_merges m"
                         " ON m.account_id = p.account_id WHERE p.last_visit_ms IS NOT NULL" + golden_one +
                             " GROUP BY m.golden_id ORDER BY " + by_golden,
                         id_param);
    std::optional<Cursor> states, overrides, rankings;
    if (query.with_state) {
      rankings.emplace(sql, db_.backend(),
                       "SELECT account_id, rank, revenue, revenue_before FROM tier_ranking" + where_one +
                           " ORDER BY account_id",
                       id_param);
      states.emplace(sql, db_.backend(),
                     std::string("SELECT account_id, ") + kStateColumns + " FROM tier_state" + where_one +
                         " ORDER BY account_id",
                     id_param);
      overrides.emplace(sql, db_.backend(),
                        "SELECT account_id, id, tier, reason, actor, set_at_ms, expires_at_ms FROM tier_overrides"
                        " WHERE cleared_at_ms IS NULL" +
                            std::string(one ? " AND account_id = $1" : "") + " ORDER BY " + by_id(db_.backend()) + ", id",
                        id_param);
    }
    Merge day_rows(days), complaint_rows(complaints), breach_rows(breaches), visit_rows(visits);
    Merge merged_day_rows(merged_days), merged_complaint_rows(merged_complaints),
        merged_breach_rows(merged_breaches), merged_visit_rows(merged_visits);
    std::optional<Merge> state_rows, override_rows, ranking_rows;
    if (states) state_rows.emplace(*states);
    if (rankings) ranking_rows.emplace(*rankings);
    if (overrides) override_rows.emplace(*overrides);

    while (accounts.next()) {
      AccountFacts f;
      f.account_id = accounts.text_at(0);
      f.name = accounts.text_at(1);
      const std::string_view flags = accounts.text_at(2);
      if (flags != "[]" && !flags.empty()) f.flags = parse_json_string_array(std::string(flags));
      const auto add_day = [&](const Cursor& c) {
        f.days.push_back(core::tiers::DayTotal{core::time::LocalDate{static_cast<int32_t>(c.int64_at(1))},
                                               std::string(c.text_at(2)), c.int64_at(3), c.int64_at(4),
                                               c.int64_at(5)});
      };
      day_rows.take(f.account_id, add_day);
      const size_t own_days = f.days.size();
      merged_day_rows.take(f.account_id, add_day);
      if (f.days.size() > own_days) combine_days(f.days);
      complaint_rows.take(f.account_id, [&](const Cursor& c) { f.open_complaints = c.int64_at(1); });
      merged_complaint_rows.take(f.account_id, [&](const Cursor& c) { f.open_complaints += c.int64_at(1); });
      breach_rows.take(f.account_id, [&](const Cursor& c) { f.sla_breaches = c.int64_at(1); });
      merged_breach_rows.take(f.account_id, [&](const Cursor& c) { f.sla_breaches += c.int64_at(1); });
      visit_rows.take(f.account_id, [&](const Cursor& c) { f.last_visit_ms = optional_int64_at(c, 1); });
      merged_visit_rows.take(f.account_id, [&](const Cursor& c) {
        const std::optional<int64_t> v = optional_int64_at(c, 1);
        if (v && (!f.last_visit_ms || *v > *f.last_visit_ms)) f.last_visit_ms = v;
      });
      if (state_rows) state_rows->take(f.account_id, [&](const Cursor& c) { f.state = read_state(c, 1); });
      if (ranking_rows) {
        ranking_rows->take(f.account_id, [&](const Cursor& c) {
          f.ranking = StoredRanking{c.int64_at(1), c.int64_at(2), c.int64_at(3)};
        });
      }
      if (override_rows) {
        override_rows->take(f.account_id, [&](const Cursor& c) {  // ordered by id: the newest stays
          f.override_row = StoredOverride{c.int64_at(1),        std::string(c.text_at(2)), std::string(c.text_at(3)),
                                          std::string(c.text_at(4)), c.int64_at(5), c.int64_at(6)};
        });
      }
      fn(std::move(f));
    }
  });
}

}  // namespace kam::store
