// ingest_bench - how fast KAM ingests ERP order events, against the limit of each database:
//   SQLite:     the ABI batch call (batches of 10k) vs. the same rows inserted with the raw sqlite3 C
//               API (prepared statements, one transaction per batch, the same schema and indexes,
//               the same synchronous mode);
//   PostgreSQL: the ABI batch call vs. COPY of the same rows (with --pg URL).
// Prints events/s, the ratio, the durability mode, and the peak resident memory of the ABI import.
// Figures only: nothing here passes or fails.
#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "db_probe.hpp"
#include "order_feed.hpp"
#include "plugin_loader.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::string plugin = KAM_PLUGIN_PATH;
  uint64_t events = 1'000'000, batch = 10'000;
  uint32_t accounts = 10'000;
  std::string dir, pg, synchronous = "full";
};

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

long peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

void ingest_all(const kam::test::LoadedPlugin& p, kam_instance* inst,
                const std::vector<const kam_event_header*>& events) {
  kam_batch_summary s;
  p.check(p.ingest(inst, events, "bench", s), "ingest");
  if (s.accepted != events.size()) throw std::runtime_error("not every event was accepted");
}

// The ABI path: accounts first (not timed), then the orders in batches. Returns seconds.
double run_abi(const Options& o, const std::string& url) {
  kam::test::LoadedPlugin plugin(o.plugin);
  bool sqlite = url.rfind("sqlite:", 0) == 0;
  kam_instance* inst =
      plugin.create(kam::test::feed_config(url, sqlite ? "synchronous: " + o.synchronous : ""));
  kam::test::OrderFeed feed(o.accounts);
  ingest_all(plugin, inst, feed.accounts());
  feed.clear();
  auto start = Clock::now();
  for (uint64_t seq = 0; seq < o.events; seq += o.batch) {
    feed.clear();
    ingest_all(plugin, inst, feed.orders("bench", seq, std::min(o.batch, o.events - seq)));
  }
  double s = seconds_since(start);
  plugin.check(plugin.api->instance_destroy(inst), "destroy");
  return s;
}

void sqlite_ok(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

// The raw sqlite3 limit: the same rows KAM writes per order event (its ingested_events row and its
// orders row) into a database with KAM's own schema, copied from `schema_from`.
double run_raw_sqlite(const Options& o, const std::string& schema_from, const std::string& path) {
  sqlite3* src = nullptr;
  sqlite3* db = nullptr;
  sqlite_ok(sqlite3_open(schema_from.c_str(), &src), src, "open schema source");
  sqlite_ok(sqlite3_open(path.c_str(), &db), db, "open raw db");
  sqlite_ok(sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr), db, "wal");
  sqlite_ok(sqlite3_exec(db, ("PRAGMA synchronous=" + o.synchronous).c_str(), nullptr, nullptr, nullptr), db, "sync");
  sqlite3_stmt* st = nullptr;
  sqlite_ok(sqlite3_prepare_v2(src, "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid", -1, &st, nullptr), src, "schema");
  while (sqlite3_step(st) == SQLITE_ROW)
    sqlite_ok(sqlite3_exec(db, reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), nullptr, nullptr, nullptr), db, "create");
  sqlite3_finalize(st);
  sqlite3_close(src);

  sqlite3_stmt* acc = nullptr;
  sqlite_ok(sqlite3_prepare_v2(db, "INSERT INTO accounts (account_id, name, updated_at_ms, last_event_id) VALUES (?, ?, 0, ?)", -1, &acc, nullptr), db, "prep acc");
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  for (uint32_t i = 0; i < o.accounts; ++i) {
    std::string id = "acct-" + std::to_string(i);
    sqlite3_bind_text(acc, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(acc, 2, "Customer", -1, SQLITE_STATIC);
    sqlite3_bind_text(acc, 3, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite_ok(sqlite3_step(acc), db, "acc");
    sqlite3_reset(acc);
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_finalize(acc);

  sqlite3_stmt* ev = nullptr;
  sqlite3_stmt* ord = nullptr;
  sqlite_ok(sqlite3_prepare_v2(db, "INSERT INTO ingested_events (event_id, kind, fingerprint, received_at_ms) VALUES (?, 2, ?, 0)", -1, &ev, nullptr), db, "prep ev");
  sqlite_ok(sqlite3_prepare_v2(db, "INSERT INTO orders (order_id, account_id, amount_minor, currency, margin_minor, document_type, order_date_ms, event_id) VALUES (?, ?, ?, 'EUR', ?, 1, ?, ?)", -1, &ord, nullptr), db, "prep ord");
  auto start = Clock::now();
  for (uint64_t seq = 0; seq < o.events; seq += o.batch) {
    sqlite_ok(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    for (uint64_t i = seq; i < std::min(o.events, seq + o.batch); ++i) {
      std::string event_id = "bench-" + std::to_string(i), order_id = "o-" + event_id;
      std::string account = "acct-" + std::to_string(i % o.accounts);
      sqlite3_bind_text(ev, 1, event_id.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(ev, 2, static_cast<int64_t>(i * 0x9E3779B97F4A7C15ULL));
      sqlite_ok(sqlite3_step(ev), db, "insert event");
      sqlite3_reset(ev);
      sqlite3_bind_text(ord, 1, order_id.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(ord, 2, account.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(ord, 3, 1000 + static_cast<int64_t>(i % 97) * 100);
      sqlite3_bind_int64(ord, 4, 200 + static_cast<int64_t>(i % 13));
      sqlite3_bind_int64(ord, 5, 1700000000000 + static_cast<int64_t>(i) * 1000);
      sqlite3_bind_text(ord, 6, event_id.c_str(), -1, SQLITE_STATIC);
      sqlite_ok(sqlite3_step(ord), db, "insert order");
      sqlite3_reset(ord);
    }
    sqlite_ok(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  }
  double s = seconds_since(start);
  sqlite3_finalize(ev);
  sqlite3_finalize(ord);
  sqlite3_close(db);
  return s;
}

void pg_ok(PGconn* c, PGresult* r, const char* what) {
  auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_COPY_IN) {
    std::string e = PQerrorMessage(c);
    PQclear(r);
    throw std::runtime_error(std::string(what) + ": " + e);
  }
  PQclear(r);
}

void copy_rows(PGconn* c, const std::string& sql, const std::string& data) {
  pg_ok(c, PQexec(c, sql.c_str()), "copy start");
  if (PQputCopyData(c, data.data(), static_cast<int>(data.size())) != 1 || PQputCopyEnd(c, nullptr) != 1)
    throw std::runtime_error(std::string("copy: ") + PQerrorMessage(c));
  pg_ok(c, PQgetResult(c), "copy end");
}

// COPY limit: a KAM schema in a fresh database (made by a KAM instance), then the same rows per batch
// with COPY ingested_events + COPY orders in one transaction.
double run_pg_copy(const Options& o, const std::string& url) {
  {
    kam::test::LoadedPlugin plugin(o.plugin);
    kam_instance* inst = plugin.create(kam::test::feed_config(url));
    kam::test::OrderFeed feed(o.accounts);
    ingest_all(plugin, inst, feed.accounts());
    plugin.check(plugin.api->instance_destroy(inst), "destroy");
  }
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(c));
  auto start = Clock::now();
  for (uint64_t seq = 0; seq < o.events; seq += o.batch) {
    std::string events, orders;
    for (uint64_t i = seq; i < std::min(o.events, seq + o.batch); ++i) {
      std::string event_id = "bench-" + std::to_string(i);
      events += event_id + "\t2\t" + std::to_string(static_cast<int64_t>(i * 0x9E3779B97F4A7C15ULL)) + "\t0\n";
      orders += "o-" + event_id + "\tacct-" + std::to_string(i % o.accounts) + "\t" +
                std::to_string(1000 + i % 97 * 100) + "\tEUR\t" + std::to_string(200 + i % 13) +
                "\t1\t" + std::to_string(1700000000000 + i * 1000) + "\t" + event_id + "\n";
    }
    pg_ok(c, PQexec(c, "BEGIN"), "begin");
    copy_rows(c, "COPY ingested_events (event_id, kind, fingerprint, received_at_ms) FROM STDIN", events);
    copy_rows(c, "COPY orders (order_id, account_id, amount_minor, currency, margin_minor, document_type, order_date_ms, event_id) FROM STDIN", orders);
    pg_ok(c, PQexec(c, "COMMIT"), "commit");
  }
  double s = seconds_since(start);
  PQfinish(c);
  return s;
}

void print_pair(const char* title, const char* ours, double ours_s, const char* limit,
                double limit_s, uint64_t n) {
  double a = n / ours_s, b = n / limit_s;
  std::printf("\n%s\n", title);
  std::printf("  %-34s %10.0f events/s  (%.2f s)\n", ours, a, ours_s);
  std::printf("  %-34s %10.0f events/s  (%.2f s)\n", limit, b, limit_s);
  std::printf("  ratio KAM / limit: %.2f\n", a / b);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--events") o.events = std::stoull(v);
    else if (k == "--batch") o.batch = std::stoull(v);
    else if (k == "--accounts") o.accounts = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--dir") o.dir = v;
    else if (k == "--pg") o.pg = v;
    else if (k == "--plugin") o.plugin = v;
    else if (k == "--synchronous") o.synchronous = v;
    else {
      std::fprintf(stderr, "usage: ingest_bench [--events N] [--batch N] [--accounts N] [--dir DIR] [--pg URL] [--synchronous full|normal] [--plugin SO]\n");
      return 2;
    }
  }
  try {
    fs::path dir = o.dir.empty() ? fs::temp_directory_path() / ("kam-bench-" + std::to_string(getpid())) : fs::path(o.dir);
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::printf("ingest_bench: %llu order events, batches of %llu, %u accounts, SQLite synchronous=%s (WAL)\n",
                static_cast<unsigned long long>(o.events), static_cast<unsigned long long>(o.batch),
                o.accounts, o.synchronous.c_str());
    std::string kam_db = (dir / "kam.db").string();
    long rss_before = peak_rss_mib();
    double abi = run_abi(o, "sqlite:" + kam_db);
    long rss_after = peak_rss_mib();
    double raw = run_raw_sqlite(o, kam_db, (dir / "raw.db").string());
    print_pair("SQLite", "KAM ingest (ABI batch call)", abi, "raw sqlite3 (prepared, same schema)", raw, o.events);
    std::printf("  peak resident memory of the process during the KAM import: %ld MiB (before: %ld MiB)\n",
                rss_after, rss_before);
    if (!o.pg.empty()) {
      std::string a = kam::test::fresh_pg_database(o.pg, "bench_abi");
      std::string b = kam::test::fresh_pg_database(o.pg, "bench_copy");
      double pg_abi = run_abi(o, a);
      double pg_copy = run_pg_copy(o, b);
      print_pair("PostgreSQL", "KAM ingest (ABI batch call)", pg_abi, "COPY of the same rows", pg_copy, o.events);
    } else {
      std::printf("\nPostgreSQL: skipped (pass --pg URL)\n");
    }
    fs::remove_all(dir);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ingest_bench: %s\n", e.what());
    return 1;
  }
}
