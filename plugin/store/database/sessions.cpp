#include "store/database/sessions.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace kam::store::detail {
namespace {

void ignore_notice(void*, const char*) {}

}  // namespace

std::unique_ptr<soci::session> open_sqlite_session(const config::DatabaseConfig& db,
                                                   const std::string& connect_string) {
  auto sql = std::make_unique<soci::session>(*soci::factory_sqlite3(), connect_string);
  // busy_timeout first: the other pragmas may already have to wait for another process.
  *sql << "PRAGMA busy_timeout = " << std::max(0, db.busy_timeout_ms);
  *sql << "PRAGMA foreign_keys = ON";
  *sql << "PRAGMA synchronous = "
       << (db.synchronous == config::DatabaseConfig::Synchronous::normal ? "NORMAL" : "FULL");
  // Bigger page cache than the 2 MB default: the ingestion indexes stay in memory longer.
  *sql << "PRAGMA cache_size = -16384";
  // Ingestion touches pages all over the event-id and order-id B-trees; checkpointing every 8192
  // pages (32 MB of WAL) instead of 1000 copies each hot page into the database file far less
  // often. journal_size_limit truncates the WAL file after a checkpoint so it does not stay large.
  *sql << "PRAGMA wal_autocheckpoint = 8192";
  *sql << "PRAGMA journal_size_limit = 67108864";
  return sql;
}

std::unique_ptr<soci::session> open_postgresql_session(const config::DatabaseConfig& db,
                                                       const std::string& connect_string) {
  auto sql = std::make_unique<soci::session>(*soci::factory_postgresql(), connect_string);
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql->get_backend());
  PQsetNoticeProcessor(backend->conn_, &ignore_notice, nullptr);
  *sql << "SET lock_timeout = " << std::max(0, db.busy_timeout_ms);
  return sql;
}

bool session_is_healthy(soci::session& sql, Backend backend, bool thorough) noexcept {
  if (backend == Backend::sqlite) return true;
  try {
    auto* pg = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    if (!pg || !pg->conn_) return false;
    if (PQstatus(pg->conn_) != CONNECTION_OK) return false;
    // An idle connection receives nothing unless the server is closing it (it sends a FATAL
    // message, then EOF): anything readable right now calls for the real check.
    pollfd fd{PQsocket(pg->conn_), POLLIN, 0};
    const bool input_while_idle = ::poll(&fd, 1, 0) != 0;
    if (!thorough && !input_while_idle) return true;
    // A failed statement may have left a transaction open on this connection.
    if (PQtransactionStatus(pg->conn_) != PQTRANS_IDLE) sql << "ROLLBACK";
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (...) {
    return false;
  }
}

}  // namespace kam::store::detail
