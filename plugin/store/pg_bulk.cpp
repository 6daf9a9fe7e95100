#include "store/pg_bulk.hpp"

#include <soci/postgresql/soci-postgresql.h>

#include <charconv>
#include <vector>

namespace kam::store::detail {

void PgArray::add(std::string_view text) {
  separate();
  text_ += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') text_ += '\\';
    text_ += c;
  }
  text_ += '"';
}

void PgArray::add(int64_t value) {
  separate();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  text_.append(buf, end);
}

const std::string& PgArray::literal() {
  if (!closed_) {
    text_ += '}';
    closed_ = true;
  }
  return text_;
}

int64_t PgResult::int64(int row, int column) const {
  const std::string_view t = text(row, column);
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || ptr != t.data() + t.size())
    throw soci::soci_error("internal error: '" + std::string(t) + "' is not a 64-bit integer");
  return value;
}

int64_t PgResult::affected() const {
  const char* n = PQcmdTuples(r_);
  int64_t value = 0;
  if (n != nullptr) std::from_chars(n, n + std::char_traits<char>::length(n), value);
  return value;
}

PgResult pg_exec(soci::session& session, const char* sql,
                 std::initializer_list<const std::string*> params) {
  return pg_exec(session, sql, std::vector<const std::string*>(params));
}

PGconn* pg_connection(soci::session& session) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  if (backend == nullptr || backend->conn_ == nullptr)
    throw soci::soci_error("internal error: not an open PostgreSQL session");
  return backend->conn_;
}

PgResult pg_checked(PGconn* conn, PGresult* r) {
  const ExecStatusType status = PQresultStatus(r);  // PGRES_FATAL_ERROR for a null result
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return PgResult(r);
  std::string message = r != nullptr ? PQresultErrorMessage(r) : "";
  if (message.empty()) message = PQerrorMessage(conn);
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  // Without a SQLSTATE (no result at all) the connection failed: 08006 connection_failure.
  std::string sqlstate = state != nullptr && std::char_traits<char>::length(state) == 5 ? state
                                                                                       : "08006";
  PQclear(r);
  throw soci::postgresql_soci_error(message, sqlstate.c_str());
}

PgResult pg_exec(soci::session& session, const char* sql, const std::vector<const std::string*>& params) {
  PGconn* conn = pg_connection(session);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const std::string* p : params) values.push_back(p != nullptr ? p->c_str() : nullptr);  // NULL
  return pg_checked(conn, PQexecParams(conn, sql, static_cast<int>(values.size()), nullptr, values.data(),
                                       nullptr, nullptr, 0));
}

}  // namespace kam::store::detail
