// tier_writes.cpp - TiersRepository::write_tier_states: compare-and-set writes of tier states with
// their history, notifications, audit entry and the periodic job's completion in one transaction.
#include <soci/soci.h>

#include "store/audit/audit_sql.hpp"
#include "store/jobs/settings.hpp"
#include "store/outbox/outbox_sql.hpp"
#include "store/database/database.hpp"
#include "store/read_snapshot.hpp"
#include "store/tiers/tier_rows.hpp"

namespace kam::store {

using namespace detail;  // the store's internal helpers (rows, cursors, snapshots)

namespace {

// The config's id in config_versions, registering it on first use.
int64_t config_version_id(soci::session& sql, const TierWriteContext& c) {
  sql << "INSERT INTO config_versions (content_hash, source_name, first_used_at_ms, yaml_text)"
         " VALUES (:hash, :source, :at, :text) ON CONFLICT (content_hash) DO NOTHING",
      soci::use(c.config_hash, "hash"), soci::use(c.config_source, "source"), soci::use(c.now_ms, "at"),
      soci::use(c.config_text, "text");
  long long id = 0;
  sql << "SELECT id FROM config_versions WHERE content_hash = :hash", soci::into(id), soci::use(c.config_hash, "hash");
  return id;
}

}  // namespace

TierWriteResult TiersRepository::write_tier_states(const std::vector<TierWrite>& writes, const TierWriteContext& context) {
  TierWriteResult result;
  db_.write_transaction("write tier states", [&](soci::session& sql) {
    result = TierWriteResult{};
    result.config_version = config_version_id(sql, context);
    RepeatedWrite insert(sql, db_.backend(),
                         std::string("INSERT INTO tier_state (account_id, ") + kStateColumns +
                             ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                             " ON CONFLICT (account_id) DO NOTHING");
    // Compare-and-set on what the evaluation decided from. SQLite's IS and PostgreSQL's IS NOT
    // DISTINCT FROM compare NULLs as equal.
    const std::string same = db_.backend() == Backend::sqlite ? " IS " : " IS NOT DISTINCT FROM ";
    RepeatedWrite update(sql, db_.backend(),
                         "UPDATE tier_state SET tier = $2, since_ms = $3, below_since_ms = $4, computed_tier = $5,"
                         " effective_tier = $6, effective_since_ms = $7, churn_level = $8, churn_score = $9,"
                         " evaluated_at_ms = $10, config_version = $11, metrics_json = $12"
                         " WHERE account_id = $1 AND tier = $13 AND since_ms = $14 AND below_since_ms" +
                             same +
                             "$15 AND computed_tier = $16 AND effective_tier = $17 AND effective_since_ms = $18"
                             " AND churn_level = $19");
    RepeatedWrite history(sql, db_.backend(),
                          "INSERT INTO tier_history (account_id, tier, previous_tier, since_ms, config_version,"
                          " metrics_json, reason, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
    for (const TierWrite& w : writes) {
      StoredTierState next = w.next;
      next.config_version = result.config_version;
      std::vector<WriteParam> params = state_params(w.account_id, next);
      int64_t changed = 0;
      if (!w.expected) {
        changed = insert.run(params);
      } else {
        const StoredTierState& e = *w.expected;
        params.insert(params.end(), {e.tier, e.since_ms, optional_param(e.below_since_ms), e.computed_tier,
                                     e.effective_tier, e.effective_since_ms, int64_t{e.churn_level}});
        changed = update.run(params);
      }
      if (changed != 1) {
        ++result.skipped;
        continue;
      }
      ++result.applied;
      if (w.history) {
        history.run({w.account_id, next.effective_tier, w.previous_effective_tier, next.effective_since_ms,
                     result.config_version, next.metrics_json, w.reason, context.actor.user_id});
      }
      for (const Notification& n : w.notifications) {
        enqueue_notification(sql, n);
        ++result.notifications;
      }
    }
    if (context.audit) append_audit(sql, context.audit(result));
    if (!context.completes_job.empty()) record_job_run(sql, context.completes_job, context.now_ms);
  });
  return result;
}

}  // namespace kam::store
