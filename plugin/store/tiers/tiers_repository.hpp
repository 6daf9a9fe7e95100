// tiers_repository.hpp - account tiers in the database: one consistent scan of every account's
// facts, compare-and-set writes of tier states (with their history, notifications, audit entry and
// the periodic job's completion in the same transaction), overrides, the tier listing and history.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/tiers/metrics.hpp"
#include "store/audit/audit_repository.hpp"
#include "store/outbox/outbox_repository.hpp"

namespace kam::store {

class Database;

// An account's tier as stored after its last change (table tier_state).
struct StoredTierState {
  std::string tier;                       // held: rules + hysteresis
  int64_t since_ms = 0;
  std::optional<int64_t> below_since_ms;  // a downgrade is pending since then
  std::string computed_tier;              // what the rules gave
  std::string effective_tier;             // what the account is entitled to (after an override)
  int64_t effective_since_ms = 0;
  int32_t churn_level = 0;                // core::tiers::ChurnLevel
  int32_t churn_score = 0;
  int64_t evaluated_at_ms = 0;            // the evaluation that wrote the row
  int64_t config_version = 0;             // config_versions.id of that evaluation's config
  std::string metrics_json;               // the metric values it used

  // Whether two states differ in what an evaluation decides (not in when or with what it was written).
  bool same_decision(const StoredTierState& other) const {
    return tier == other.tier && since_ms == other.since_ms && below_since_ms == other.below_since_ms &&
           computed_tier == other.computed_tier && effective_tier == other.effective_tier &&
           effective_since_ms == other.effective_since_ms && churn_level == other.churn_level;
  }
};

// An account's place in the portfolio ranking of the last full evaluation (table tier_ranking,
// schema 8): what core::tiers::PortfolioPosition holds, less the total, which is the run's.
struct StoredRanking {
  int64_t rank = 0, revenue = 0, revenue_before = 0;
  bool operator==(const StoredRanking&) const = default;
};

// The full evaluation whose ranking tier_ranking holds (kam_settings "tiers.ranking").
struct RankingRun {
  int64_t run = 0;            // 1, 2, ...: a new number for every ranking written
  int64_t as_of_ms = 0;       // that evaluation's host clock
  int64_t total_revenue = 0;  // of every account ranked
  int64_t accounts = 0;
};

// One account's ranking as a full evaluation computed it; `changed`: it differs from the stored row
// the evaluation read (only those are written, unless another ranking was written meanwhile).
struct RankingWrite {
  std::string account_id;
  StoredRanking ranking;
  bool changed = true;
};

struct StoredOverride {
  int64_t id = 0;
  std::string tier, reason, user_id;
  int64_t set_at_ms = 0, expires_at_ms = 0;
};

// What the tier evaluation reads about one account.
struct AccountFacts {
  std::string account_id, name;
  std::vector<std::string> flags;
  std::vector<core::tiers::DayTotal> days;    // ascending by day; none after FactsQuery::until_day
  int64_t open_complaints = 0;                // complaints not closed (complaint_current)
  int64_t sla_breaches = 0;                   // complaints with an SLA breach due since breaches_since_ms
  std::optional<int64_t> last_visit_ms;       // the last completed visit
  std::optional<StoredTierState> state;       // with_state only
  std::optional<StoredOverride> override_row; // with_state only: the newest one not cleared (may be expired)
  std::optional<StoredRanking> ranking;       // with_state only: its row of the stored ranking
};

struct FactsQuery {
  std::string account_id;  // empty: every account, in account id byte order
  int32_t until_day = 0;   // local days since 1970-01-01: later order days are not read
  bool with_state = true;  // also the stored tier state and override
  int64_t breaches_since_ms = 0;  // AccountFacts::sla_breaches counts breaches due from then on
};

// One account's new tier state, written only if its state is still `expected` (compare-and-set):
// then its history entry and notifications are written with it, exactly once across hosts.
struct TierWrite {
  std::string account_id;
  std::optional<StoredTierState> expected;  // what the evaluation started from; nothing: no row
  StoredTierState next;                     // config_version is filled in by the store
  bool history = false;                     // the effective tier changed: append to tier_history
  std::string previous_effective_tier;      // for the history entry ("" for the first one)
  std::string reason;                       // for the history entry, in words
  std::vector<Notification> notifications;
};

struct TierWriteResult {
  uint64_t applied = 0, skipped = 0, notifications = 0;
  int64_t config_version = 0;
};

struct TierWriteContext {
  int64_t now_ms = 0;
  core::Actor actor;
  std::string config_hash, config_source, config_text;  // registered in config_versions
  // When set, the audit entry of these writes, made from their result and appended in the same
  // transaction: a change is never applied without it.
  std::function<AuditEntry(const TierWriteResult&)> audit;
  // When set, the periodic job this write completes (recorded as run at now_ms, same transaction).
  std::string completes_job;
};

struct TierHistoryEntry {
  int64_t id = 0;
  std::string tier, previous_tier, reason, user_id;
  int64_t since_ms = 0, config_version = 0;
  std::string metrics_json;
};

// One page of the tier listing: accounts in account id byte order after `after_account_id`.
struct TierListQuery {
  std::string tier;              // only accounts whose effective tier is this; "" = all
  std::string after_account_id;  // "" = from the first account
  uint32_t limit = 1000;
};

struct TierListRow {
  std::string account_id, name;
  std::optional<StoredTierState> state;  // nothing: never evaluated (metrics_json is not read)
};

class TiersRepository {
 public:
  explicit TiersRepository(Database& database) : db_(database) {}

  uint64_t account_count();
  // Calls fn for each account (or the one asked for; none when it does not exist) with its facts,
  // read from one consistent snapshot, in account id byte order (tier_facts.cpp).
  void scan_account_facts(const FactsQuery& query, const std::function<void(AccountFacts&&)>& fn);
  // Writes the states whose expected state still holds, in one transaction; the others are
  // skipped (another evaluation changed them meanwhile). Audits nothing (the caller does) (tier_writes.cpp).
  TierWriteResult write_tier_states(const std::vector<TierWrite>& writes, const TierWriteContext& context);
  // Sets an override (ending the one in force, if any) and audits it. Throws not_found for an
  // unknown account (tier_overrides.cpp).
  StoredOverride set_tier_override(const std::string& account_id, const std::string& tier, const std::string& reason,
                                   int64_t expires_at_ms, const core::Actor& actor, int64_t now_ms);
  // Ends the override in force early and audits it; nothing when none is in force.
  std::optional<StoredOverride> clear_tier_override(const std::string& account_id, const std::string& reason,
                                                    const core::Actor& actor, int64_t now_ms);
  // One page of accounts with their stored tier state, read with one indexed, limited query (tier_listing.cpp).
  std::vector<TierListRow> list_tiers(const TierListQuery& query);
  // Newest first.
  std::vector<TierHistoryEntry> tier_history(const std::string& account_id, uint32_t limit);
  // The run of the stored ranking; nothing before the first full evaluation (tier_ranking.cpp).
  std::optional<RankingRun> ranking_run();
  // Stores a full evaluation's ranking in one transaction: the rows marked changed when the stored
  // ranking is still run `expected` (what the evaluation read; nothing: none), else every row, so
  // the table never mixes two evaluations' rows. Returns the run written.
  RankingRun write_ranking(const std::vector<RankingWrite>& rows, std::optional<int64_t> expected, int64_t as_of_ms,
                           int64_t total_revenue);

 private:
  Database& db_;
};

}  // namespace kam::store
