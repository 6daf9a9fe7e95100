#include "store/sql_store.hpp"

#include <filesystem>
#include <random>
#include <system_error>
#include <thread>

#include "store/audit.hpp"
#include "store/bulk_orders.hpp"
#include "store/conninfo.hpp"
#include "store/db_error.hpp"
#include "store/ingest.hpp"
#include "store/json_columns.hpp"
#include "store/migrations.hpp"
#include "store/order_days.hpp"
#include "store/outbox.hpp"
#include "store/sessions.hpp"
#include "store/transaction.hpp"

namespace kam::store {

std::unique_ptr<Store> Store::open(const config::DatabaseConfig& db, LogFn log,
                                   const std::string& business_time_zone) {
  return std::make_unique<detail::SqlStore>(db, std::move(log), business_time_zone);
}

namespace detail {
namespace {


// A PostgreSQL deadlock between two batches that touch the same rows in different orders is resolved
// by the server aborting one of them; that batch is simply run again, after a random pause so the two
// do not meet in the same way again.
constexpr int kMaxIngestAttempts = 8;

void pause_before_retry(int attempt) {
  thread_local std::minstd_rand random(std::random_device{}());
  const int ceiling_ms = 20 << std::min(attempt, 5);
  std::this_thread::sleep_for(
      std::chrono::milliseconds(std::uniform_int_distribution<int>(1, ceiling_ms)(random)));
}

void prepare_sqlite_directory(const std::string& path, const std::string& label) {
  if (path.empty())
    throw Error(Status::store, "open database " + label + ": no SQLite file path configured");
  if (path == ":memory:" || path.rfind("file:", 0) == 0)
    throw Error(Status::store, "open database " + label +
                                   ": in-memory and URI SQLite databases are not supported; "
                                   "give a file path");
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec)
    throw Error(Status::store, "open database " + label + ": cannot create directory '" +
                                   parent.string() + "': " + ec.message());
}

// Switching to WAL needs an exclusive lock. When several connections open a new file at once, SQLite
// may answer "database is locked" at once instead of calling the busy handler (waiting could
// deadlock), so the switch is tried again until busy_timeout has passed.
std::string switch_to_wal(soci::session& sql, std::chrono::milliseconds busy_timeout) {
  const auto deadline = std::chrono::steady_clock::now() + busy_timeout;
  for (;;) {
    try {
      std::string mode;
      sql << "PRAGMA journal_mode = WAL", soci::into(mode);
      return mode;
    } catch (const soci::soci_error& e) {
      const std::string_view what = e.what();
      if (what.find("database is locked") == std::string_view::npos ||
          std::chrono::steady_clock::now() >= deadline)
        throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

SqlStore::SqlStore(const config::DatabaseConfig& db, LogFn log_sink, const std::string& business_time_zone)
    : backend_(db.kind == config::DatabaseConfig::Kind::sqlite ? Backend::sqlite
                                                                : Backend::postgresql),
      label_(database_label(db)),
      log_(std::move(log_sink)),
      busy_timeout_(std::max(0, db.busy_timeout_ms)),
      calendar_(business_time_zone) {
  if (backend_ == Backend::sqlite) {
    prepare_sqlite_directory(db.sqlite_path, label_);
    const std::string connect = sqlite_connect_string(db.sqlite_path);
    open_ = [db, connect] { return open_sqlite_session(db, connect); };
    sqlite_path_ = db.sqlite_path;
  } else {
    const std::string connect = guarded("open database " + label_, [&] {
      return postgresql_connect_string(db.pg_conninfo);
    });
    open_ = [db, connect] { return open_postgresql_session(db, connect); };
  }
  const Backend backend = backend_;
  pool_ = std::make_unique<ConnectionPool>(
      static_cast<std::size_t>(std::max(1, db.pool_size)),
      std::chrono::milliseconds(std::max(0, db.lease_timeout_ms)), open_,
      [backend](soci::session& sql, bool thorough) {
        return session_is_healthy(sql, backend, thorough);
      },
      label_);

  MigrationResult migrated;
  {
    auto lease = pool_->lease();
    guarded("open database " + label_, [&] {
      if (backend_ == Backend::sqlite) {
        // Persistent in the file; needs no transaction around it.
        const std::string mode = switch_to_wal(*lease, busy_timeout_);
        if (mode != "wal")
          throw Error(Status::store, "open database " + label_ +
                                         ": cannot switch to WAL journal mode (still '" + mode +
                                         "')");
      }
      auto writer = lock_writer();
      migrated = migrate(*lease, backend_, label_);
    });
  }
  schema_version_ = migrated.to;
  if (migrated.to != migrated.from) {
    log(core::LogLevel::info, "database " + label_ + ": schema migrated from version " +
                      std::to_string(migrated.from) + " to " + std::to_string(migrated.to));
  } else {
    log(core::LogLevel::debug, "database " + label_ + " opened at schema version " +
                       std::to_string(migrated.to));
  }
  rebuild_order_days_if_needed();
}

void SqlStore::rebuild_order_days_if_needed() {
  auto kept_in = [&](soci::session& sql) { return read_setting(sql, kOrderDaysZoneSetting); };
  std::optional<std::string> zone;
  with_session("open database " + label_, [&](soci::session& sql) { zone = kept_in(sql); });
  if (zone == calendar_.zone_name()) return;
  int64_t orders = -1;
  write_transaction("rebuild order totals in " + label_, [&](soci::session& sql) {
    if (kept_in(sql) == calendar_.zone_name()) return;  // another host did it meanwhile
    orders = rebuild_order_days(sql, backend_, calendar_);
  });
  if (orders > 0 || (zone && orders >= 0)) {
    log(core::LogLevel::warning, "database " + label_ + ": order totals rebuilt from " + std::to_string(orders) +
                         " orders in local days of " + calendar_.zone_name() +
                         (zone ? " (they were kept in " + *zone + ")" : ""));
  }
}

SqlStore::~SqlStore() = default;

void SqlStore::log(core::LogLevel level, const std::string& message) const {
  if (!log_) return;
  try {
    log_(level, message);
  } catch (...) {
    // A failing log sink must not turn a stored batch into an error.
  }
}

WriteLock::Guard SqlStore::lock_writer() {
  if (backend_ != Backend::sqlite) return {};
  if (!writer_.try_lock_for(busy_timeout_)) {
    throw Error(Status::busy, "database " + label_ + " is busy: another write did not finish within " +
                                  std::to_string(busy_timeout_.count()) + " ms; retry later");
  }
  return WriteLock::Guard(&writer_);
}

void SqlStore::write_transaction(const std::string& doing,
                                 const std::function<void(soci::session&)>& fn) {
  guarded(doing, [&] {
    auto lease = pool_->lease();
    auto writer = lock_writer();
    Transaction tx(*lease, backend_);
    fn(*lease);
    tx.commit();
  });
}

void SqlStore::with_session(const std::string& doing,
                            const std::function<void(soci::session&)>& fn) {
  guarded(doing, [&] {
    auto lease = pool_->lease();
    fn(*lease);
  });
}

// --- ingestion -------------------------------------------------------------------------------------

BatchResult SqlStore::ingest(const std::vector<BatchItem>& items, const IngestOptions& options) {
  const std::string doing = "ingest batch from '" + options.source + "'";
  BatchResult result;
  // PostgreSQL writes the orders of a batch with one statement; when that finds an order id already
  // in the database, the batch runs again row by row, which reports those conflicts exactly.
  bool bulk_orders = backend_ == Backend::postgresql;
  bool check_day_totals = false;  // only after a day total overflowed: see DayTotalOverflow
  for (int attempt = 1;; ++attempt) {
    try {
      auto lease = pool_->lease();
      auto writer = lock_writer();
      Transaction tx(*lease, backend_);
      BatchRun run =
          run_batch(*lease, backend_, items, options, known_accounts_, bulk_orders, check_day_totals, calendar_);
      if (run.result.committed) {
        tx.commit();
        known_accounts_.add(run.learned_accounts);
      } else {
        tx.rollback();
      }
      result = std::move(run.result);
      break;
    } catch (const Error&) {
      throw;
    } catch (const RowByRowNeeded&) {
      log(core::LogLevel::debug, doing + ": an order of the batch is already stored; running it again row by row");
      bulk_orders = false;
      --attempt;  // not a failed attempt
    } catch (const DayTotalOverflow& e) {
      // Checked, the batch rejects the orders that would overflow; what still does (a cancellation
      // taking a day beyond the limit) fails the batch.
      if (check_day_totals) throw Error(Status::store, doing + ": " + e.what());
      log(core::LogLevel::debug, doing + ": a day's order total would overflow; running it again checking each order");
      check_day_totals = true;
      --attempt;
    } catch (const std::exception& e) {
      if (attempt < kMaxIngestAttempts && is_retryable(e)) {
        log(core::LogLevel::debug, doing + ": attempt " + std::to_string(attempt) +
                           " ran into a concurrent batch; running it again");
        pause_before_retry(attempt);
        continue;
      }
      rethrow_as_kam_error(doing);
    }
  }
  // Logged after the connection and the write lock are released.
  if (result.rejected > 0) log(core::LogLevel::warning, describe_rejections(items, result, options));
  return result;
}

// --- outbox ----------------------------------------------------------------------------------------

int64_t SqlStore::enqueue_notification(const Notification& n) {
  int64_t id = 0;
  write_transaction("enqueue notification '" + n.kind_name + "'",
                    [&](soci::session& sql) { id = detail::enqueue_notification(sql, n); });
  return id;
}

std::vector<Notification> SqlStore::pending_notifications(uint32_t max) {
  std::vector<Notification> out;
  with_session("read pending notifications",
               [&](soci::session& sql) { out = detail::pending_notifications(sql, max); });
  return out;
}

std::vector<Notification> SqlStore::claim_notifications(uint32_t max, int64_t now_ms,
                                                        int64_t lease_ms) {
  std::vector<Notification> out;
  write_transaction("claim notifications", [&](soci::session& sql) {
    out = detail::claim_notifications(sql, backend_, max, now_ms, lease_ms);
  });
  return out;
}

void SqlStore::mark_delivered(const std::vector<int64_t>& ids, int64_t now_ms) {
  if (ids.empty()) return;
  write_transaction("mark notifications delivered",
                    [&](soci::session& sql) { detail::mark_delivered(sql, ids, now_ms); });
}

void SqlStore::ack_notifications(const std::vector<int64_t>& ids, const core::Actor& actor,
                                 int64_t now_ms) {
  if (ids.empty()) return;
  write_transaction("acknowledge notifications", [&](soci::session& sql) {
    const auto acked = mark_acked(sql, ids, now_ms);
    AuditWriter audit(sql);
    for (int64_t id : acked) {
      AuditEntry e;
      e.at_ms = now_ms;
      e.user_id = actor.user_id;
      e.roles = actor.roles;
      e.action = "notifications.ack";
      e.entity_type = "notification";
      e.entity_id = std::to_string(id);
      e.after_json = json_object({{"acked_at_ms", now_ms}});
      audit.append(e);
    }
  });
}

// --- audit -----------------------------------------------------------------------------------------

int64_t SqlStore::append_audit(const AuditEntry& entry) {
  int64_t id = 0;
  write_transaction("append audit entry '" + entry.action + "'",
                    [&](soci::session& sql) { id = detail::append_audit(sql, entry); });
  return id;
}

std::vector<AuditEntry> SqlStore::query_audit(const AuditQuery& query) {
  std::vector<AuditEntry> out;
  with_session("query the audit trail",
               [&](soci::session& sql) { out = detail::query_audit(sql, query); });
  return out;
}

}  // namespace detail
}  // namespace kam::store
