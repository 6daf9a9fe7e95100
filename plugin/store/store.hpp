// store.hpp - KAM's own database, reached through SOCI: SQLite (embedded default) or PostgreSQL
// (several ERP application servers sharing one database).
//
// The Store owns the connections (one pool), applies the schema migrations when it opens, and offers
// the operations the ABI needs: idempotent event ingestion, the notification outbox and the audit
// trail. Every operation is safe to call from several threads at once. Timestamps always come from
// the caller (the host's clock or the event), never from the database.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/actor.hpp"
#include "core/error.hpp"
#include "core/events.hpp"
#include "core/log_level.hpp"
#include "core/money/exchange.hpp"
#include "core/tiers/metrics.hpp"

namespace kam::store {

using core::LogFn;

// --- ingestion -----------------------------------------------------------------------------------

enum class Outcome : int32_t { accepted = 1, duplicate = 2, rejected = 3, not_applied = 4 };

struct ItemResult {
  Outcome outcome = Outcome::accepted;
  Status status = Status::ok;  // why rejected
  std::string message;         // empty when accepted
};

// One item of a batch as the store receives it: either a converted, validated event, or a rejection
// the ABI layer already decided (bad struct, NULL, invalid UTF-8, validate_event failed).
struct BatchItem {
  std::optional<core::Event> event;
  ItemResult early_rejection;  // used when !event
};

struct IngestOptions {
  std::string source;          // feed name for the audit trail
  bool skip_rejected = false;  // false: any rejection stores nothing (KAM_BATCH_ATOMIC)
  int64_t now_ms = 0;          // host clock
  core::Actor actor;
  // When set: an order in a currency without a rate on its local business date is refused
  // (invalid_argument naming both), so no accepted order can blank an account's revenue.
  const core::money::ExchangeRates* exchange_rates = nullptr;
};

struct BatchResult {
  std::vector<ItemResult> items;  // one per BatchItem, same order
  uint64_t accepted = 0, duplicates = 0, rejected = 0, not_applied = 0;
  int64_t first_rejected_index = -1;
  bool committed = false;         // false when an atomic batch was rejected
};

// --- outbox ----------------------------------------------------------------------------------------

struct Notification {
  int64_t id = 0;
  int32_t kind = 0;            // KAM_NOTIFY_*
  std::string kind_name;
  std::string account_id;      // empty when none
  int64_t created_at_ms = 0;
  std::string payload_json;
};

// --- audit -------------------------------------------------------------------------------------------

struct AuditEntry {
  int64_t id = 0;              // assigned by the store
  int64_t at_ms = 0;
  std::string user_id;
  std::vector<std::string> roles;
  std::string action;          // "config.reload", "ingest.batch", "notifications.ack", ...
  std::string entity_type;
  std::string entity_id;
  std::string before_json;     // "" when not applicable
  std::string after_json;
};

struct AuditQuery {
  uint32_t limit = 100;
  int64_t since_ms = 0, until_ms = 0;  // until 0 = unbounded
  std::string user_id, entity_type, entity_id;
  int64_t before_id = 0;
};

// --- account tiers (tier_store.cpp) -------------------------------------------------------------

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
  int64_t open_complaints = 0;                // complaints not closed
  std::optional<int64_t> last_visit_ms;       // the last completed visit
  std::optional<StoredTierState> state;       // with_state only
  std::optional<StoredOverride> override_row; // with_state only: the newest one not cleared (may be expired)
};

struct FactsQuery {
  std::string account_id;  // empty: every account, in account id byte order
  int32_t until_day = 0;   // local days since 1970-01-01: later order days are not read
  bool with_state = true;  // also the stored tier state and override
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

// --- periodic jobs ---------------------------------------------------------------------------------

// A named periodic job (the tier evaluation; later SLA deadlines, visits) held by this process while
// it runs: released when destroyed, or by the OS or the database when the process dies.
class JobClaim {
 public:
  virtual ~JobClaim() = default;
};

enum class JobDue {
  due,               // claimed: run it
  not_yet,           // every_ms has not passed since the last completed run
  clock_behind,      // the host clock is before the last completed run (logged once per store)
  running_elsewhere  // another host (or instance) holds the claim now
};

struct JobClaimResult {
  JobDue due = JobDue::not_yet;
  std::unique_ptr<JobClaim> claim;  // held when due
  std::optional<int64_t> last_run_ms;
};

// --- the store ------------------------------------------------------------------------------------

class Store {
 public:
  // Open (creating the SQLite file and its directory if needed) and migrate forward in one
  // transaction. Throws kam::Error: Status::store (cannot open), Status::schema_too_new (database
  // written by a newer plugin). Several processes opening one PostgreSQL at once migrate exactly once.
  // `business_time_zone` (IANA name) is the zone of the local days the order totals are kept in: a
  // database last opened with another zone has its totals rebuilt from the orders (logged).
  static std::unique_ptr<Store> open(const config::DatabaseConfig& db, LogFn log,
                                     const std::string& business_time_zone = "UTC");

  virtual ~Store() = default;

  virtual const char* kind_name() const = 0;  // "sqlite" | "postgresql"
  virtual int32_t schema_version() const = 0;

  // Store a batch in one transaction (see kam.h ingest for the semantics) and write one audit entry
  // for it (source, counts). Duplicates inside one batch: the second equal event is a duplicate, a
  // different payload under the same id is a conflict. An order for an unknown account (not stored
  // and not upserted earlier in the same batch) is rejected with Status::not_found.
  virtual BatchResult ingest(const std::vector<BatchItem>& items, const IngestOptions& options) = 0;

  // Append a notification to the outbox (later features call this inside their own transactions;
  // exposed for tests and simple producers).
  virtual int64_t enqueue_notification(const Notification& n) = 0;
  // Unacknowledged notifications, oldest first.
  virtual std::vector<Notification> pending_notifications(uint32_t max) = 0;
  // Mark acknowledged; unknown/acknowledged ids are ignored. Audited for the actor.
  virtual void ack_notifications(const std::vector<int64_t>& ids, const core::Actor& actor,
                                 int64_t now_ms) = 0;
  // Claim up to max pending notifications for delivery by this host: a claimed notification is not
  // handed to another host until lease_ms have passed (host clock). Returns the claimed ones.
  virtual std::vector<Notification> claim_notifications(uint32_t max, int64_t now_ms,
                                                        int64_t lease_ms) = 0;
  // Acknowledge delivered notifications (host callback returned KAM_OK); not audited per actor.
  virtual void mark_delivered(const std::vector<int64_t>& ids, int64_t now_ms) = 0;

  virtual int64_t append_audit(const AuditEntry& entry) = 0;
  virtual std::vector<AuditEntry> query_audit(const AuditQuery& query) = 0;

  // --- account tiers ---
  virtual uint64_t account_count() = 0;
  // Calls fn for each account (or the one asked for; none when it does not exist) with its facts,
  // read from one consistent snapshot, in account id byte order.
  virtual void scan_account_facts(const FactsQuery& query, const std::function<void(AccountFacts&&)>& fn) = 0;
  // Writes the states whose expected state still holds, in one transaction; the others are
  // skipped (another evaluation changed them meanwhile). Audits nothing (the caller does).
  virtual TierWriteResult write_tier_states(const std::vector<TierWrite>& writes, const TierWriteContext& context) = 0;
  // Sets an override (ending the one in force, if any) and audits it. Throws not_found for an
  // unknown account.
  virtual StoredOverride set_tier_override(const std::string& account_id, const std::string& tier,
                                           const std::string& reason, int64_t expires_at_ms,
                                           const core::Actor& actor, int64_t now_ms) = 0;
  // Ends the override in force early and audits it; nothing when none is in force.
  virtual std::optional<StoredOverride> clear_tier_override(const std::string& account_id, const std::string& reason,
                                                            const core::Actor& actor, int64_t now_ms) = 0;
  // One page of accounts with their stored tier state, read with one indexed, limited query.
  virtual std::vector<TierListRow> list_tiers(const TierListQuery& query) = 0;
  // Newest first.
  virtual std::vector<TierHistoryEntry> tier_history(const std::string& account_id, uint32_t limit) = 0;

  // --- periodic jobs (periodic_jobs.cpp) ---
  // Claims the named job when it is due: never run, or its last completed run is at least every_ms
  // before now_ms (host clock). A claim is held by this process until the JobClaim is destroyed or
  // the process dies, so exactly one host runs the job at a time and a killed run is due again at
  // once. The run's completion is recorded by its last write (TierWriteContext::completes_job).
  virtual JobClaimResult claim_job(const std::string& name, int64_t now_ms, int64_t every_ms) = 0;
  // The time of the last completed run, if any.
  virtual std::optional<int64_t> last_job_run(const std::string& name) = 0;
};

}  // namespace kam::store
