// database.cpp - opening the database (file or server), migrating it, and the transactions every
// repository writes in.
#include "store/database/database.hpp"

#include <soci/soci.h>

#include <filesystem>
#include <system_error>
#include <thread>

#include "store/database/connection_pool.hpp"
#include "store/database/conninfo.hpp"
#include "store/database/db_error.hpp"
#include "store/database/migrations.hpp"
#include "store/database/sessions.hpp"
#include "store/database/transaction.hpp"
#include "store/ingestion/order_days.hpp"
#include "store/jobs/settings.hpp"

namespace kam::store {

using detail::Backend;

namespace {

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

Database::Database(const config::DatabaseConfig& db, core::LogFn log, const std::string& business_time_zone)
    : backend_(db.kind == config::DatabaseConfig::Kind::sqlite ? Backend::sqlite : Backend::postgresql),
      label_(detail::database_label(db)),
      log_(std::move(log)),
      busy_timeout_(std::max(0, db.busy_timeout_ms)),
      calendar_(business_time_zone) {
  if (backend_ == Backend::sqlite) {
    prepare_sqlite_directory(db.sqlite_path, label_);
    const std::string connect = detail::sqlite_connect_string(db.sqlite_path);
    open_ = [db, connect] { return detail::open_sqlite_session(db, connect); };
    sqlite_path_ = db.sqlite_path;
  } else {
    const std::string connect = detail::guarded("open database " + label_, [&] {
      return detail::postgresql_connect_string(db.pg_conninfo);
    });
    open_ = [db, connect] { return detail::open_postgresql_session(db, connect); };
  }
  const Backend backend = backend_;
  pool_ = std::make_unique<detail::ConnectionPool>(
      static_cast<std::size_t>(std::max(1, db.pool_size)),
      std::chrono::milliseconds(std::max(0, db.lease_timeout_ms)), open_,
      [backend](soci::session& sql, bool thorough) { return detail::session_is_healthy(sql, backend, thorough); },
      label_);
  migrate();
  rebuild_order_days_if_needed();
}

Database::~Database() = default;

void Database::migrate() {
  detail::MigrationResult migrated;
  {
    auto lease = pool_->lease();
    detail::guarded("open database " + label_, [&] {
      if (backend_ == Backend::sqlite) {
        // Persistent in the file; needs no transaction around it.
        const std::string mode = switch_to_wal(*lease, busy_timeout_);
        if (mode != "wal")
          throw Error(Status::store,
                      "open database " + label_ + ": cannot switch to WAL journal mode (still '" + mode + "')");
      }
      auto writer = lock_writer();
      migrated = detail::migrate(*lease, backend_, label_);
    });
  }
  schema_version_ = migrated.to;
  if (migrated.to != migrated.from) {
    log(core::LogLevel::info, "database " + label_ + ": schema migrated from version " +
                                  std::to_string(migrated.from) + " to " + std::to_string(migrated.to));
  } else {
    log(core::LogLevel::debug,
        "database " + label_ + " opened at schema version " + std::to_string(migrated.to));
  }
}

void Database::rebuild_order_days_if_needed() {
  auto kept_in = [&](soci::session& sql) { return detail::read_setting(sql, detail::kOrderDaysZoneSetting); };
  std::optional<std::string> zone;
  with_session("open database " + label_, [&](soci::session& sql) { zone = kept_in(sql); });
  if (zone == calendar_.zone_name()) return;
  int64_t orders = -1;
  write_transaction("rebuild order totals in " + label_, [&](soci::session& sql) {
    if (kept_in(sql) == calendar_.zone_name()) return;  // another host did it meanwhile
    orders = detail::rebuild_order_days(sql, backend_, calendar_);
  });
  if (orders > 0 || (zone && orders >= 0)) {
    log(core::LogLevel::warning, "database " + label_ + ": order totals rebuilt from " + std::to_string(orders) +
                                     " orders in local days of " + calendar_.zone_name() +
                                     (zone ? " (they were kept in " + *zone + ")" : ""));
  }
}

void Database::log(core::LogLevel level, const std::string& message) const {
  if (!log_) return;
  try {
    log_(level, message);
  } catch (...) {
    // A failing log sink must not turn a stored batch into an error.
  }
}

detail::WriteLock::Guard Database::lock_writer() {
  if (backend_ != Backend::sqlite) return {};
  if (!writer_.try_lock_for(busy_timeout_)) {
    throw Error(Status::busy, "database " + label_ + " is busy: another write did not finish within " +
                                  std::to_string(busy_timeout_.count()) + " ms; retry later");
  }
  return detail::WriteLock::Guard(&writer_);
}

void Database::write_transaction(const std::string& doing, const std::function<void(soci::session&)>& fn) {
  detail::guarded(doing, [&] {
    auto lease = pool_->lease();
    auto writer = lock_writer();
    detail::Transaction tx(*lease, backend_);
    fn(*lease);
    tx.commit();
  });
}

bool Database::write_or_roll_back(const std::function<bool(soci::session&)>& fn) {
  auto lease = pool_->lease();
  auto writer = lock_writer();
  detail::Transaction tx(*lease, backend_);
  if (!fn(*lease)) {
    tx.rollback();
    return false;
  }
  tx.commit();
  return true;
}

void Database::with_session(const std::string& doing, const std::function<void(soci::session&)>& fn) {
  detail::guarded(doing, [&] {
    auto lease = pool_->lease();
    fn(*lease);
  });
}

void Database::with_statements(const std::string& doing,
                               const std::function<void(soci::session&, detail::StatementCache&)>& fn) {
  detail::guarded(doing, [&] {
    auto lease = pool_->lease();
    fn(*lease, lease.statements());
  });
}

std::unique_ptr<soci::session> Database::open_connection() const { return open_(); }

}  // namespace kam::store
