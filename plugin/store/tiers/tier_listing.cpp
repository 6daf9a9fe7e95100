// tier_listing.cpp - TiersRepository's paged tier listing and an account's tier history.
#include <soci/soci.h>

#include <memory>

#include "store/database/database.hpp"
#include "store/identity/merged_sql.hpp"
#include "store/read_snapshot.hpp"
#include "store/tiers/tier_rows.hpp"

namespace kam::store {

using namespace detail;  // the store's internal helpers (rows, cursors, snapshots)

std::vector<TierListRow> TiersRepository::list_tiers(const TierListQuery& q) {
  std::vector<TierListRow> out;
  out.reserve(q.limit);
  db_.with_session("list account tiers", [&](soci::session& sql) {
    ReadSnapshot snapshot(sql, db_.backend());
    // Byte order on both backends, so a page ends where the next one starts. With a tier: the
    // tier_state_by_tier index; without: the accounts' primary key; LIMIT either way. Accounts
    // merged into a golden one have no tier of their own (store/identity).
    const std::string columns = std::string("a.account_id, a.name, s.account_id, s.") +
                                "tier, s.since_ms, s.below_since_ms, s.computed_tier, s.effective_tier,"
                                " s.effective_since_ms, s.churn_level, s.churn_score, s.evaluated_at_ms,"
                                " s.config_version, ''";
    const std::string key = by_id(db_.backend(), q.tier.empty() ? "a.account_id" : "s.account_id");
    const std::string page = key + " > $1 ORDER BY " + key + " LIMIT $2";
    std::unique_ptr<Cursor> c;
    if (q.tier.empty()) {
      c = std::make_unique<Cursor>(sql, db_.backend(),
                                   "SELECT " + columns +
                                       " FROM accounts a LEFT JOIN tier_state s ON s.account_id = a.account_id"
                                       " WHERE " + not_merged("a.account_id") + " AND " + page,
                                   std::vector<CursorParam>{q.after_account_id, int64_t{q.limit}});
    } else {
      c = std::make_unique<Cursor>(sql, db_.backend(),
                                   "SELECT " + columns +
                                       " FROM tier_state s JOIN accounts a ON a.account_id = s.account_id"
                                       " WHERE s.effective_tier = $3 AND " + not_merged("a.account_id") + " AND " + page,
                                   std::vector<CursorParam>{q.after_account_id, int64_t{q.limit}, q.tier});
    }
    while (c->next()) {
      TierListRow row{std::string(c->text_at(0)), std::string(c->text_at(1)), std::nullopt};
      if (!c->null_at(2)) row.state = read_state(*c, 3);
      out.push_back(std::move(row));
    }
  });
  return out;
}

std::vector<TierHistoryEntry> TiersRepository::tier_history(const std::string& account_id, uint32_t limit) {
  std::vector<TierHistoryEntry> out;
  db_.with_session("read tier history of account '" + account_id + "'", [&](soci::session& sql) {
    ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(),
             "SELECT id, tier, previous_tier, reason, actor, since_ms, config_version, metrics_json FROM tier_history"
             " WHERE account_id = $1 ORDER BY id DESC LIMIT $2",
             {account_id, int64_t{limit}});
    while (c.next()) {
      out.push_back(TierHistoryEntry{c.int64_at(0), std::string(c.text_at(1)), std::string(c.text_at(2)),
                                     std::string(c.text_at(3)), std::string(c.text_at(4)), c.int64_at(5),
                                     c.int64_at(6), std::string(c.text_at(7))});
    }
  });
  return out;
}

}  // namespace kam::store
