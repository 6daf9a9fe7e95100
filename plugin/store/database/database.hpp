// database.hpp - the one database object every repository of the store works on: the connections
// (one pool), the backend, the password-free label, the log, the SQLite write lock, the memory of
// committed accounts and the business calendar of the order-day totals. Opening it migrates the
// schema forward (migrations.hpp) and rebuilds the order-day totals when they were kept in another
// zone.
//
// Internal: repositories (store/<feature>/) and tests use it; the app layer reaches the store
// through store.hpp's accessors only. Its functions take soci::session&, declared here without
// SOCI's header, so including it costs nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "config/config.hpp"
#include "core/log_level.hpp"
#include "core/time/calendar.hpp"
#include "store/database/backend.hpp"
#include "store/database/write_lock.hpp"
#include "store/ingestion/known_ids.hpp"

namespace soci {
class session;
}

namespace kam::store {

namespace detail {
class ConnectionPool;
class StatementCache;
}

class Database {
 public:
  // Opens (creating the SQLite file and its directory if needed) and migrates forward in one
  // transaction; then rebuilds the order-day totals if they were kept in another zone. Throws
  // kam::Error: Status::store (cannot open), Status::schema_too_new (written by a newer plugin).
  Database(const config::DatabaseConfig& db, core::LogFn log, const std::string& business_time_zone);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  detail::Backend backend() const { return backend_; }
  const char* kind_name() const { return detail::backend_name(backend_); }  // "sqlite" | "postgresql"
  int32_t schema_version() const { return schema_version_; }
  const std::string& label() const { return label_; }  // for messages: never holds a password
  const core::time::BusinessCalendar& calendar() const { return calendar_; }  // the zone of order_days
  // Accounts known to be committed (they are never deleted): ingestion asks this before the database.
  detail::KnownIds& known_accounts() { return known_accounts_; }
  // SQLite: the database file (periodic job claims lock files beside it); "" for PostgreSQL.
  const std::string& sqlite_path() const { return sqlite_path_; }

  // Runs fn inside one write transaction (SQLite: BEGIN IMMEDIATE under the process's write lock;
  // PostgreSQL: BEGIN) and commits when fn returns; rolls back when it throws. Failures become
  // kam::Error "<doing>: ...". Write notifications and audit entries with outbox/outbox_sql.hpp and
  // audit/audit_sql.hpp on the session inside fn, so they commit with the change.
  void write_transaction(const std::string& doing, const std::function<void(soci::session&)>& fn);

  // Like write_transaction for a caller that handles failures itself (ingestion runs a batch
  // again after a PostgreSQL deadlock): commits when fn returns true, rolls back when it returns
  // false; exceptions pass through as thrown (after the rollback).
  bool write_or_roll_back(const std::function<bool(soci::session&)>& fn);

  // Runs fn on a pooled session in autocommit mode (reads, and tests that inspect the database).
  void with_session(const std::string& doing, const std::function<void(soci::session&)>& fn);
  // Like with_session, with the session's prepared statements (database/statement_cache.hpp): for
  // the reads run on every call, prepared once per connection.
  void with_statements(const std::string& doing,
                       const std::function<void(soci::session&, detail::StatementCache&)>& fn);

  // A new connection outside the pool, configured like the pooled ones (a periodic job's claim
  // holds one while the run uses the pool). Throws soci errors.
  std::unique_ptr<soci::session> open_connection() const;

  // Logs through the host's sink; a failing sink is ignored (it must not fail a stored batch).
  void log(core::LogLevel level, const std::string& message) const;

 private:
  // The process-wide writer lock for SQLite (one writer at a time anyway; waiting here is cheaper
  // and fairer than SQLite's sleep-and-retry busy handler). No-op for PostgreSQL.
  detail::WriteLock::Guard lock_writer();
  void migrate();
  void rebuild_order_days_if_needed();

  detail::Backend backend_;
  std::string label_;
  core::LogFn log_;
  std::chrono::milliseconds busy_timeout_;
  std::function<std::unique_ptr<soci::session>()> open_;
  std::string sqlite_path_;
  std::unique_ptr<detail::ConnectionPool> pool_;
  detail::WriteLock writer_;
  detail::KnownIds known_accounts_;
  int32_t schema_version_ = 0;
  core::time::BusinessCalendar calendar_;
};

}  // namespace kam::store
