// statement_cache.cpp - StatementCache; see statement_cache.hpp.
#include "store/database/statement_cache.hpp"

#include <soci/postgresql/soci-postgresql.h>

namespace kam::store::detail {

namespace {

// SQLSTATE 26000 invalid_sql_statement_name: the server does not know the prepared name.
bool unknown_statement(const soci::postgresql_soci_error& e) { return e.sqlstate() == "26000"; }

}  // namespace

StatementCache::~StatementCache() { clear(); }

void StatementCache::clear() noexcept {
  sqlite_.clear();
  pg_prepared_.clear();
  pg_conn_ = nullptr;
}

SqliteStatement& StatementCache::sqlite(soci::session& sql, std::string_view key, std::string_view text) {
  auto found = sqlite_.find(std::string(key));
  if (found != sqlite_.end()) return *found->second;
  auto statement = std::make_unique<SqliteStatement>(sql, text);  // throws before anything is kept
  return *sqlite_.emplace(std::string(key), std::move(statement)).first->second;
}

PgResult StatementCache::postgresql(soci::session& sql, std::string_view key, const char* text,
                                    const std::vector<const std::string*>& params) {
  PGconn* conn = pg_connection(sql);
  if (conn != pg_conn_) {  // another connection under the session: nothing is prepared on it
    pg_prepared_.clear();
    pg_conn_ = conn;
  }
  const std::string name = "kam_" + std::string(key);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const std::string* p : params) values.push_back(p != nullptr ? p->c_str() : nullptr);  // NULL
  const int count = static_cast<int>(values.size());
  const auto prepare = [&] {
    (void)pg_checked(conn, PQprepare(conn, name.c_str(), text, count, nullptr));
    pg_prepared_.insert(name);
  };
  if (pg_prepared_.count(name) == 0) prepare();
  try {
    return pg_checked(conn, PQexecPrepared(conn, name.c_str(), count, values.data(), nullptr, nullptr, 0));
  } catch (const soci::postgresql_soci_error& e) {
    // Forgotten by the server; outside a transaction it can be prepared again and run once more
    // (inside one, the failure has aborted the transaction: it is the caller's to handle).
    if (!unknown_statement(e) || PQtransactionStatus(conn) != PQTRANS_IDLE) throw;
    pg_prepared_.erase(name);
  }
  prepare();
  return pg_checked(conn, PQexecPrepared(conn, name.c_str(), count, values.data(), nullptr, nullptr, 0));
}

}  // namespace kam::store::detail
