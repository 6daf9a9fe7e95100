// sql_floor.cpp - the baselines on sqlite3 and libpq; see sql_floor.hpp.
#include "sql_floor.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace kam::bench {

namespace {

// The ledger columns the store reads (store/complaints/complaint_rows.cpp's kLedgerColumns), with
// the account's name and manager for a queue.
const char* const kColumns =
    "SELECT c.complaint_id, l.seq, l.at_ms, l.kind, l.who, l.to_employee, l.to_department, l.account_id, l.tier,"
    " l.priority, l.counts, l.target_calendar, l.target_calendar_key, l.first_response_ms, l.resolution_ms,"
    " l.warning_bp, l.calendar, l.calendar_key, l.event_id";

std::string queue_query(const char* p) {
  return std::string(kColumns) + ", a.name, a.account_manager_id FROM complaint_current c" +
         " JOIN complaint_ledger l ON l.complaint_id = c.complaint_id" +
         " LEFT JOIN accounts a ON a.account_id = c.account_id WHERE (c.first_owner = " + p + " OR c.assignee = " + p +
         ") AND c.phase = 1 ORDER BY c.complaint_id, l.seq";
}
std::string queue_cache_query(const char* p) {
  return std::string("SELECT complaint_id, account_id, phase, waiting, first_owner, owner_department, assignee,") +
         " department, tier, priority, calendar, received_at_ms, last_seq, last_at_ms, next_due_ms" +
         " FROM complaint_current WHERE (first_owner = " + p + " OR assignee = " + p + ") AND phase = 1" +
         " ORDER BY next_due_ms, complaint_id";
}
std::string period_query(const char* from, const char* to) {
  return std::string(kColumns) + " FROM complaint_current c JOIN complaint_ledger l ON l.complaint_id = c.complaint_id" +
         " WHERE c.received_at_ms >= " + from + " AND c.received_at_ms < " + to + " ORDER BY c.complaint_id, l.seq";
}
std::string due_query(const char* now) {
  return std::string(kColumns) + " FROM complaint_current c JOIN complaint_ledger l ON l.complaint_id = c.complaint_id" +
         " WHERE c.next_due_ms IS NOT NULL AND c.next_due_ms <= " + now + " ORDER BY c.next_due_ms, c.complaint_id, l.seq";
}
const char* const kNthDue =
    "SELECT next_due_ms FROM complaint_current WHERE next_due_ms IS NOT NULL AND next_due_ms > $1"
    " ORDER BY next_due_ms LIMIT 1 OFFSET $2";

class SqliteFloor final : public SqlFloor {
 public:
  SqliteFloor(const std::string& path, const std::string& pragmas) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      throw std::runtime_error("sqlite3_open " + path + ": " + sqlite3_errmsg(db_));
    if (!pragmas.empty() && sqlite3_exec(db_, pragmas.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
      throw std::runtime_error(pragmas + ": " + sqlite3_errmsg(db_));
    queue_ = prepare(queue_query("?1"));
    cache_ = prepare(queue_cache_query("?1"));
    period_ = prepare(period_query("?1", "?2"));
    due_ = prepare(due_query("?1"));
    nth_ = prepare(kNthDue);  // $1, $2: SQLite numbers them in order
  }
  ~SqliteFloor() override {
    for (sqlite3_stmt* s : {queue_, cache_, period_, due_, nth_}) sqlite3_finalize(s);
    sqlite3_close(db_);
  }

  RowsRead queue_rows(const std::string& employee_id) override {
    sqlite3_bind_text(queue_, 1, employee_id.c_str(), static_cast<int>(employee_id.size()), SQLITE_STATIC);
    return drain(queue_);
  }
  RowsRead queue_cache_rows(const std::string& employee_id) override {
    sqlite3_bind_text(cache_, 1, employee_id.c_str(), static_cast<int>(employee_id.size()), SQLITE_STATIC);
    return drain(cache_);
  }
  RowsRead period_rows(int64_t from_ms, int64_t to_ms) override {
    sqlite3_bind_int64(period_, 1, from_ms);
    sqlite3_bind_int64(period_, 2, to_ms);
    return drain(period_);
  }
  RowsRead due_rows(int64_t now_ms) override {
    sqlite3_bind_int64(due_, 1, now_ms);
    return drain(due_);
  }
  std::optional<int64_t> nth_due_after(int64_t after_ms, uint64_t n) override {
    sqlite3_bind_int64(nth_, 1, after_ms);
    sqlite3_bind_int64(nth_, 2, static_cast<int64_t>(n > 0 ? n - 1 : 0));
    std::optional<int64_t> out;
    if (sqlite3_step(nth_) == SQLITE_ROW) out = sqlite3_column_int64(nth_, 0);
    sqlite3_reset(nth_);
    return out;
  }
  int64_t count(const std::string& query) override {
    sqlite3_stmt* s = prepare(query);
    const int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return n;
  }

 private:
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error("sqlite3_prepare " + sql + ": " + sqlite3_errmsg(db_));
    return s;
  }
  // Steps through every row in one read transaction, touching every column.
  RowsRead drain(sqlite3_stmt* s) {
    RowsRead r;
    std::string last;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      ++r.rows;
      const int n = sqlite3_column_count(s);
      for (int c = 0; c < n; ++c) {
        if (sqlite3_column_type(s, c) == SQLITE_INTEGER) {
          r.bytes += static_cast<uint64_t>(sqlite3_column_int64(s, c) & 1);
        } else {
          sqlite3_column_text(s, c);
          r.bytes += static_cast<uint64_t>(sqlite3_column_bytes(s, c));
        }
      }
      const char* id = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      if (last != id) {
        ++r.complaints;
        last = id;
      }
    }
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("sqlite3_step: ") + sqlite3_errmsg(db_));
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return r;
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt *queue_ = nullptr, *cache_ = nullptr, *period_ = nullptr, *due_ = nullptr, *nth_ = nullptr;
};

class PgFloor final : public SqlFloor {
 public:
  explicit PgFloor(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) throw std::runtime_error(std::string("PQconnectdb: ") + PQerrorMessage(conn_));
    prepare("queue", queue_query("$1"));
    prepare("cache", queue_cache_query("$1"));
    prepare("nth", kNthDue);
  }
  ~PgFloor() override { PQfinish(conn_); }

  RowsRead queue_rows(const std::string& employee_id) override {
    const char* values[] = {employee_id.c_str()};
    PGresult* r = PQexecPrepared(conn_, "queue", 1, values, nullptr, nullptr, 0);
    check(r, PGRES_TUPLES_OK, "queue");
    RowsRead out;
    add(r, out, last_);
    PQclear(r);
    last_.clear();
    return out;
  }
  RowsRead queue_cache_rows(const std::string& employee_id) override {
    const char* values[] = {employee_id.c_str()};
    PGresult* r = PQexecPrepared(conn_, "cache", 1, values, nullptr, nullptr, 0);
    check(r, PGRES_TUPLES_OK, "queue cache rows");
    RowsRead out;
    std::string last;
    add(r, out, last);
    PQclear(r);
    return out;
  }
  // The large reads go through a cursor, 20,000 rows a fetch, as the store reads them.
  RowsRead period_rows(int64_t from_ms, int64_t to_ms) override {
    return through_cursor(period_query(std::to_string(from_ms).c_str(), std::to_string(to_ms).c_str()));
  }
  RowsRead due_rows(int64_t now_ms) override { return through_cursor(due_query(std::to_string(now_ms).c_str())); }
  std::optional<int64_t> nth_due_after(int64_t after_ms, uint64_t n) override {
    const std::string a = std::to_string(after_ms), o = std::to_string(n > 0 ? n - 1 : 0);
    const char* values[] = {a.c_str(), o.c_str()};
    PGresult* r = PQexecPrepared(conn_, "nth", 2, values, nullptr, nullptr, 0);
    check(r, PGRES_TUPLES_OK, "nth due");
    std::optional<int64_t> out;
    if (PQntuples(r) == 1) out = std::stoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    return out;
  }
  int64_t count(const std::string& query) override {
    PGresult* r = PQexec(conn_, query.c_str());
    check(r, PGRES_TUPLES_OK, "count");
    const int64_t n = PQntuples(r) == 1 ? std::stoll(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    return n;
  }

 private:
  void check(PGresult* r, ExecStatusType want, const char* what) {
    if (PQresultStatus(r) == want) return;
    const std::string message = PQresultErrorMessage(r);
    PQclear(r);
    throw std::runtime_error(std::string(what) + ": " + message);
  }
  void prepare(const char* name, const std::string& sql) {
    PGresult* r = PQprepare(conn_, name, sql.c_str(), 0, nullptr);
    check(r, PGRES_COMMAND_OK, name);
    PQclear(r);
  }
  static void add(PGresult* r, RowsRead& out, std::string& last) {
    const int rows = PQntuples(r), cols = PQnfields(r);
    for (int i = 0; i < rows; ++i) {
      ++out.rows;
      for (int c = 0; c < cols; ++c) {
        PQgetvalue(r, i, c);
        out.bytes += static_cast<uint64_t>(PQgetlength(r, i, c));
      }
      if (last != PQgetvalue(r, i, 0)) {
        ++out.complaints;
        last = PQgetvalue(r, i, 0);
      }
    }
  }
  RowsRead through_cursor(const std::string& query) {
    RowsRead out;
    std::string last;
    PQclear(PQexec(conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    PGresult* d = PQexec(conn_, ("DECLARE floor_cursor NO SCROLL CURSOR FOR " + query).c_str());
    check(d, PGRES_COMMAND_OK, "declare");
    PQclear(d);
    for (;;) {
      PGresult* r = PQexec(conn_, "FETCH 20000 FROM floor_cursor");
      check(r, PGRES_TUPLES_OK, "fetch");
      const bool done = PQntuples(r) == 0;
      add(r, out, last);
      PQclear(r);
      if (done) break;
    }
    PQclear(PQexec(conn_, "COMMIT"));
    return out;
  }

  PGconn* conn_;
  std::string last_;
};

}  // namespace

std::unique_ptr<SqlFloor> SqlFloor::sqlite(const std::string& path, const std::string& pragmas) {
  return std::make_unique<SqliteFloor>(path, pragmas);
}
std::unique_ptr<SqlFloor> SqlFloor::postgresql(const std::string& conninfo) {
  return std::make_unique<PgFloor>(conninfo);
}

}  // namespace kam::bench
