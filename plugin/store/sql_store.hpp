// sql_store.hpp - the Store implementation on SOCI, and the internal API later features use to
// write in the same transaction as the store (e.g. a tier change and its notification).
//
// Internal: include it only from code that links SOCI itself. Everything else uses store.hpp.
#pragma once

#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/time/calendar.hpp"
#include "store/backend.hpp"
#include "store/connection_pool.hpp"
#include "store/known_ids.hpp"
#include "store/store.hpp"
#include "store/write_lock.hpp"

namespace kam::store::detail {

class SqlStore final : public Store {
 public:
  // Opens, migrates, and rebuilds the order-day totals when they were kept in another zone.
  SqlStore(const config::DatabaseConfig& db, LogFn log_sink, const std::string& business_time_zone);
  ~SqlStore() override;

  const char* kind_name() const override { return backend_name(backend_); }
  int32_t schema_version() const override { return schema_version_; }

  BatchResult ingest(const std::vector<BatchItem>& items, const IngestOptions& options) override;

  int64_t enqueue_notification(const Notification& n) override;
  std::vector<Notification> pending_notifications(uint32_t max) override;
  void ack_notifications(const std::vector<int64_t>& ids, const core::Actor& actor,
                         int64_t now_ms) override;
  std::vector<Notification> claim_notifications(uint32_t max, int64_t now_ms,
                                                int64_t lease_ms) override;
  void mark_delivered(const std::vector<int64_t>& ids, int64_t now_ms) override;

  int64_t append_audit(const AuditEntry& entry) override;
  std::vector<AuditEntry> query_audit(const AuditQuery& query) override;

  // tier_store.cpp
  uint64_t account_count() override;
  void scan_account_facts(const FactsQuery& query, const std::function<void(AccountFacts&&)>& fn) override;
  TierWriteResult write_tier_states(const std::vector<TierWrite>& writes, const TierWriteContext& context) override;
  StoredOverride set_tier_override(const std::string& account_id, const std::string& tier, const std::string& reason,
                                   int64_t expires_at_ms, const core::Actor& actor, int64_t now_ms) override;
  std::optional<StoredOverride> clear_tier_override(const std::string& account_id, const std::string& reason,
                                                    const core::Actor& actor, int64_t now_ms) override;
  std::vector<TierListRow> list_tiers(const TierListQuery& query) override;
  std::vector<TierHistoryEntry> tier_history(const std::string& account_id, uint32_t limit) override;
  // periodic_jobs.cpp
  JobClaimResult claim_job(const std::string& name, int64_t now_ms, int64_t every_ms) override;
  std::optional<int64_t> last_job_run(const std::string& name) override;

  // --- internal API ---------------------------------------------------------------------------------
  Backend backend() const { return backend_; }
  const core::time::BusinessCalendar& calendar() const { return calendar_; }
  const std::string& label() const { return label_; }

  // Runs fn inside one write transaction (SQLite: BEGIN IMMEDIATE under the process's write lock;
  // PostgreSQL: BEGIN) and commits when fn returns; rolls back when it throws. Failures become
  // kam::Error "<doing>: ...". Use outbox.hpp / audit.hpp functions on the session inside fn.
  void write_transaction(const std::string& doing, const std::function<void(soci::session&)>& fn);

  // Runs fn on a pooled session in autocommit mode (reads, and tests that inspect the database).
  void with_session(const std::string& doing, const std::function<void(soci::session&)>& fn);

 private:
  // The process-wide writer lock for SQLite (one writer at a time anyway; waiting here is cheaper and
  // fairer than SQLite's sleep-and-retry busy handler). No-op for PostgreSQL.
  WriteLock::Guard lock_writer();
  void rebuild_order_days_if_needed();
  void log(core::LogLevel level, const std::string& message) const;

  Backend backend_;
  std::string label_;
  LogFn log_;
  std::chrono::milliseconds busy_timeout_;
  ConnectionPool::Opener open_;  // also for the connections that hold periodic job claims
  std::string sqlite_path_;      // sqlite: beside it, the lock files of periodic job claims
  std::atomic<bool> clock_behind_logged_{false};
  std::unique_ptr<ConnectionPool> pool_;
  WriteLock writer_;
  // Accounts known to be committed (they are never deleted): ingestion asks this before the database.
  KnownIds known_accounts_;
  int32_t schema_version_ = 0;
  core::time::BusinessCalendar calendar_;  // the zone of order_days
};

}  // namespace kam::store::detail
