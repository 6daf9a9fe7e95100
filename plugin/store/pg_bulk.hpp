// pg_bulk.hpp - libpq straight on the connection under a SOCI PostgreSQL session, for ingestion's
// per-batch statements: whole columns travel as array parameters, one round trip per statement.
//
// SOCI 4.0.3 cannot do this itself: a statement bound to vectors sends one row per round trip, and
// executed a second time resends the first batch (SOCI issues 910 and 1167). So each column is
// written as the text of a PostgreSQL array ('{"a","b"}') and passed as ONE parameter, which the SQL
// casts (`CAST($1 AS text[])`) and expands with unnest(). Failures throw
// soci::postgresql_soci_error with the server's SQLSTATE, exactly what SOCI would throw, so
// db_error.cpp classifies them (deadlock -> run again, lock timeout -> busy) the same way.
#pragma once

#include <libpq-fe.h>
#include <soci/soci.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace kam::store::detail {

// The text form of a one-dimensional array: every text element quoted, '"' and '\' escaped.
class PgArray {
 public:
  void reserve(size_t elements, size_t bytes_each) { text_.reserve(2 + elements * bytes_each); }
  void add(std::string_view text);
  void add(int64_t value);
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The literal, closed; adding more afterwards is not allowed.
  const std::string& literal();

 private:
  void separate() {
    if (size_++ > 0) text_ += ',';
  }
  std::string text_ = "{";
  size_t size_ = 0;
  bool closed_ = false;
};

class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ~PgResult() { PQclear(r_); }

  int rows() const { return PQntuples(r_); }
  std::string_view text(int row, int column) const {
    return {PQgetvalue(r_, row, column), static_cast<size_t>(PQgetlength(r_, row, column))};
  }
  int64_t int64(int row, int column) const;
  bool null_at(int row, int column) const { return PQgetisnull(r_, row, column) != 0; }
  // Rows an INSERT, UPDATE or DELETE changed.
  int64_t affected() const;

 private:
  PGresult* r_;
};

// Runs `sql` with text parameters ($1, $2, ... in order) on the connection of `session`, which must
// be a PostgreSQL session; results in text form.
PgResult pg_exec(soci::session& session, const char* sql,
                 std::initializer_list<const std::string*> params);
PgResult pg_exec(soci::session& session, const char* sql, const std::vector<const std::string*>& params);

// The libpq connection under a PostgreSQL session (throws soci::soci_error for any other).
PGconn* pg_connection(soci::session& session);
// r as a PgResult when it succeeded; otherwise clears it and throws soci::postgresql_soci_error with
// the server's SQLSTATE (08006 when there is no result: the connection failed).
PgResult pg_checked(PGconn* conn, PGresult* r);

}  // namespace kam::store::detail
