// tier_facts.cpp - TiersRepository's reads for the evaluation: every account's facts (accounts, day
// totals, open complaints, last visit, tier state, override, stored ranking) from one snapshot,
// merged by account id.
//
// Which accounts count as one: this is the one place the facts are grouped per account (every
// cursor below is ordered and merged by account_id); a mapping of several ids to one account
// (identity's golden account) applies here and nowhere else.
#include <soci/soci.h>

#include "store/database/database.hpp"
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

    Cursor accounts(sql, db_.backend(),
                    "SELECT account_id, name, flags FROM accounts" + where_one + " ORDER BY " + by_id(db_.backend()),
                    id_param);
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
      day_rows.take(f.account_id, [&](const Cursor& c) {
        f.days.push_back(core::tiers::DayTotal{core::time::LocalDate{static_cast<int32_t>(c.int64_at(1))},
                                               std::string(c.text_at(2)), c.int64_at(3), c.int64_at(4),
                                               c.int64_at(5)});
      });
      complaint_rows.take(f.account_id, [&](const Cursor& c) { f.open_complaints = c.int64_at(1); });
      breach_rows.take(f.account_id, [&](const Cursor& c) { f.sla_breaches = c.int64_at(1); });
      visit_rows.take(f.account_id, [&](const Cursor& c) { f.last_visit_ms = optional_int(c, 1); });
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
