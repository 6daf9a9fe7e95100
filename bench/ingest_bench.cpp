// ingest_bench - how fast KAM ingests ERP order events, against the limit of each database:
//   SQLite:     the ABI batch call (batches of 10k) vs. two raw sqlite3 C API peers into the same
//               schema and indexes, one transaction per batch, the same synchronous mode:
//               "plain" writes only what an order is (its ingested_events and orders rows);
//               "same work" also does what KAM does for it: the foreign key check, the batch's
//               day totals summed in memory and upserted into order_days in key order, one audit
//               row per batch. So KAM / same-work is KAM's overhead, same-work / plain the design's.
//   PostgreSQL: the ABI batch call vs. COPY of the same rows (with --pg URL).
//   kamhost import (with --kamhost PATH): the same events as a JSON-lines file, imported end to end
//               by the reference host into a fresh SQLite file, beside the ABI call's own rate.
// With --chunks N the events go in N equal chunks and each chunk's rate is printed beside the peers'
// (does ingestion slow down as the database grows?). --spread-days D dates the orders at random over
// D days (each order then mostly starts a day total of its own, as in an ERP's history).
// Prints events/s, the ratio, the durability mode, and the peak resident memory of the ABI import.
// Figures only: nothing here passes or fails.
#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <tuple>
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
  uint32_t chunks = 1, spread_days = 0;
  std::string dir, pg, synchronous = "full", kamhost;
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

// Seconds per chunk of o.events / o.chunks events (the last one takes the rest), and the bytes the
// process made the kernel write meanwhile (/proc/self/io write_bytes: WAL, checkpoints, database
// file; the plugin's SQLite runs in this process). Bytes do not vary with the machine's load.
struct ChunkTimes : std::vector<double> {
  std::vector<uint64_t> written;
};

uint64_t bytes_written() {
  std::FILE* f = std::fopen("/proc/self/io", "r");
  if (f == nullptr) return 0;
  char line[128];
  unsigned long long v = 0;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "write_bytes: %llu", &v) == 1) break;
  std::fclose(f);
  return v;
}

uint64_t chunk_events(const Options& o) { return std::max<uint64_t>(1, o.events / std::max<uint32_t>(1, o.chunks)); }

// Calls batch(first, count) for every batch, timing each chunk.
template <class Batch>
ChunkTimes timed_chunks(const Options& o, Batch&& batch) {
  ChunkTimes times;
  const uint64_t per_chunk = chunk_events(o);
  auto start = Clock::now();
  uint64_t written = bytes_written();
  uint64_t chunk_end = per_chunk;
  for (uint64_t seq = 0; seq < o.events;) {
    const uint64_t n = std::min({o.batch, o.events - seq, chunk_end - seq});
    batch(seq, n);
    seq += n;
    if (seq == chunk_end || seq == o.events) {
      times.push_back(seconds_since(start));
      const uint64_t now_written = bytes_written();
      times.written.push_back(now_written - written);
      written = now_written;
      start = Clock::now();
      chunk_end = times.size() + 1 < o.chunks ? chunk_end + per_chunk : o.events;
    }
  }
  return times;
}

double total(const ChunkTimes& t) {
  double s = 0;
  for (double x : t) s += x;
  return s;
}

// The ABI path: accounts first (not timed), then the orders in batches. Returns seconds per chunk.
ChunkTimes run_abi(const Options& o, const std::string& url) {
  kam::test::LoadedPlugin plugin(o.plugin);
  bool sqlite = url.rfind("sqlite:", 0) == 0;
  kam_instance* inst =
      plugin.create(kam::test::feed_config(url, sqlite ? "synchronous: " + o.synchronous : ""));
  kam::test::OrderFeed feed(o.accounts);
  feed.spread_over_days(o.spread_days);
  ingest_all(plugin, inst, feed.accounts());
  feed.clear();
  ChunkTimes times = timed_chunks(o, [&](uint64_t seq, uint64_t n) {
    feed.clear();
    ingest_all(plugin, inst, feed.orders("bench", seq, n));
  });
  plugin.check(plugin.api->instance_destroy(inst), "destroy");
  return times;
}

void sqlite_ok(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

// The raw sqlite3 limit: the same rows KAM writes per order event (its ingested_events row and its
// orders row) into a database with KAM's own schema, copied from `schema_from`; with `same_work`
// also the foreign key check, the day totals and the audit row (see the top of this file).
ChunkTimes run_raw_sqlite(const Options& o, const std::string& schema_from, const std::string& path, bool same_work) {
  sqlite3* src = nullptr;
  sqlite3* db = nullptr;
  sqlite_ok(sqlite3_open(schema_from.c_str(), &src), src, "open schema source");
  sqlite_ok(sqlite3_open(path.c_str(), &db), db, "open raw db");
  sqlite_ok(sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr), db, "wal");
  sqlite_ok(sqlite3_exec(db, ("PRAGMA synchronous=" + o.synchronous).c_str(), nullptr, nullptr, nullptr), db, "sync");
  if (same_work) sqlite_ok(sqlite3_exec(db, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr), db, "fk");
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
  sqlite3_stmt* day = nullptr;
  sqlite3_stmt* audit = nullptr;
  sqlite_ok(sqlite3_prepare_v2(db, "INSERT INTO order_days (account_id, day, currency, amount_minor, margin_minor, orders)"
                                   " VALUES (?, ?, 'EUR', ?, ?, ?) ON CONFLICT (account_id, day, currency) DO UPDATE SET"
                                   " amount_minor = amount_minor + excluded.amount_minor, margin_minor = margin_minor +"
                                   " excluded.margin_minor, orders = orders + excluded.orders", -1, &day, nullptr), db, "prep day");
  sqlite_ok(sqlite3_prepare_v2(db, "INSERT INTO audit (at_ms, user_id, roles_json, action, entity_type, entity_id, after_json)"
                                   " VALUES (0, 'feed', '[\"erp.feed\"]', 'ingest', 'batch', 'bench', ?)", -1, &audit, nullptr), db, "prep audit");
  // (account, day) -> amount, margin, orders: the batch's day totals (UTC days, like the feed's config).
  std::map<std::pair<std::string, int64_t>, std::tuple<int64_t, int64_t, int64_t>> days;
  sqlite_ok(sqlite3_prepare_v2(db, "INSERT INTO ingested_events (event_id, kind, fingerprint, received_at_ms) VALUES (?, 2, ?, 0)", -1, &ev, nullptr), db, "prep ev");
  sqlite_ok(sqlite3_prepare_v2(db, "INSERT INTO orders (order_id, account_id, amount_minor, currency, margin_minor, document_type, order_date_ms, event_id) VALUES (?, ?, ?, 'EUR', ?, 1, ?, ?)", -1, &ord, nullptr), db, "prep ord");
  ChunkTimes times = timed_chunks(o, [&](uint64_t seq, uint64_t n) {
    sqlite_ok(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    for (uint64_t i = seq; i < seq + n; ++i) {
      std::string event_id = "bench-" + std::to_string(i), order_id = "o-" + event_id;
      std::string account = "acct-" + std::to_string(i % o.accounts);
      const int64_t at = kam::test::OrderFeed::occurred_at_ms(i, o.spread_days);
      sqlite3_bind_text(ev, 1, event_id.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(ev, 2, static_cast<int64_t>(i * 0x9E3779B97F4A7C15ULL));
      sqlite_ok(sqlite3_step(ev), db, "insert event");
      sqlite3_reset(ev);
      sqlite3_bind_text(ord, 1, order_id.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(ord, 2, account.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(ord, 3, 1000 + static_cast<int64_t>(i % 97) * 100);
      sqlite3_bind_int64(ord, 4, 200 + static_cast<int64_t>(i % 13));
      sqlite3_bind_int64(ord, 5, at);
      sqlite3_bind_text(ord, 6, event_id.c_str(), -1, SQLITE_STATIC);
      sqlite_ok(sqlite3_step(ord), db, "insert order");
      sqlite3_reset(ord);
      if (same_work) {
        auto& [amount, margin, orders] = days[{account, at / 86400000}];
        amount += 1000 + static_cast<int64_t>(i % 97) * 100;
        margin += 200 + static_cast<int64_t>(i % 13);
        orders += 1;
      }
    }
    if (same_work) {
      for (const auto& [key, sums] : days) {  // key order, like KAM
        sqlite3_bind_text(day, 1, key.first.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(day, 2, key.second);
        sqlite3_bind_int64(day, 3, std::get<0>(sums));
        sqlite3_bind_int64(day, 4, std::get<1>(sums));
        sqlite3_bind_int64(day, 5, std::get<2>(sums));
        sqlite_ok(sqlite3_step(day), db, "upsert day");
        sqlite3_reset(day);
      }
      days.clear();
      const std::string after = "{\"accepted\":" + std::to_string(n) + "}";
      sqlite3_bind_text(audit, 1, after.c_str(), -1, SQLITE_STATIC);
      sqlite_ok(sqlite3_step(audit), db, "audit");
      sqlite3_reset(audit);
    }
    sqlite_ok(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  });
  sqlite3_finalize(ev);
  sqlite3_finalize(ord);
  sqlite3_finalize(day);
  sqlite3_finalize(audit);
  sqlite3_close(db);
  return times;
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
ChunkTimes run_pg_copy(const Options& o, const std::string& url) {
  {
    kam::test::LoadedPlugin plugin(o.plugin);
    kam_instance* inst = plugin.create(kam::test::feed_config(url));
    kam::test::OrderFeed feed(o.accounts);
    ingest_all(plugin, inst, feed.accounts());
    plugin.check(plugin.api->instance_destroy(inst), "destroy");
  }
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(c));
  ChunkTimes times = timed_chunks(o, [&](uint64_t seq, uint64_t n) {
    std::string events, orders;
    for (uint64_t i = seq; i < seq + n; ++i) {
      std::string event_id = "bench-" + std::to_string(i);
      events += event_id + "\t2\t" + std::to_string(static_cast<int64_t>(i * 0x9E3779B97F4A7C15ULL)) + "\t0\n";
      orders += "o-" + event_id + "\tacct-" + std::to_string(i % o.accounts) + "\t" +
                std::to_string(1000 + i % 97 * 100) + "\tEUR\t" + std::to_string(200 + i % 13) +
                "\t1\t" + std::to_string(kam::test::OrderFeed::occurred_at_ms(i, o.spread_days)) + "\t" + event_id + "\n";
    }
    pg_ok(c, PQexec(c, "BEGIN"), "begin");
    copy_rows(c, "COPY ingested_events (event_id, kind, fingerprint, received_at_ms) FROM STDIN", events);
    copy_rows(c, "COPY orders (order_id, account_id, amount_minor, currency, margin_minor, document_type, order_date_ms, event_id) FROM STDIN", orders);
    pg_ok(c, PQexec(c, "COMMIT"), "commit");
  });
  PQfinish(c);
  return times;
}

// The events of run_abi as JSON lines (docs/import.md): the accounts, then the orders.
void write_jsonl(const Options& o, const std::string& accounts_path, const std::string& orders_path) {
  std::FILE* a = std::fopen(accounts_path.c_str(), "w");
  std::FILE* f = std::fopen(orders_path.c_str(), "w");
  if (a == nullptr || f == nullptr) throw std::runtime_error("cannot write the JSON-lines files");
  for (uint32_t i = 0; i < o.accounts; ++i)
    std::fprintf(a,
                 "{\"kind\":\"account_upserted\",\"event_id\":\"acct-ev-%u\",\"occurred_at_ms\":1700000000000,"
                 "\"account_id\":\"acct-%u\",\"name\":\"Customer %u 有限公司\"}\n",
                 i, i, i);
  for (uint64_t i = 0; i < o.events; ++i)
    std::fprintf(f,
                 "{\"kind\":\"order_posted\",\"event_id\":\"bench-%llu\",\"occurred_at_ms\":%lld,\"order_id\":"
                 "\"o-bench-%llu\",\"account_id\":\"acct-%llu\",\"amount_minor\":%llu,\"margin_minor\":%llu,"
                 "\"currency\":\"EUR\"}\n",
                 static_cast<unsigned long long>(i),
                 static_cast<long long>(kam::test::OrderFeed::occurred_at_ms(i, o.spread_days)),
                 static_cast<unsigned long long>(i), static_cast<unsigned long long>(i % o.accounts),
                 static_cast<unsigned long long>(1000 + i % 97 * 100), static_cast<unsigned long long>(200 + i % 13));
  std::fclose(a);
  std::fclose(f);
}

// `kamhost import` of the orders file (the accounts first, not timed); seconds of the orders import.
double run_kamhost(const Options& o, const fs::path& dir) {
  const std::string db = (dir / "kamhost.db").string(), cfg = (dir / "kamhost.yaml").string();
  {
    std::FILE* c = std::fopen(cfg.c_str(), "w");
    if (c == nullptr) throw std::runtime_error("cannot write " + cfg);
    const std::string text = kam::test::feed_config("sqlite:" + db, "synchronous: " + o.synchronous);
    std::fputs(text.c_str(), c);
    std::fclose(c);
  }
  const std::string accounts = (dir / "accounts.jsonl").string(), orders = (dir / "orders.jsonl").string();
  write_jsonl(o, accounts, orders);
  auto import = [&](const std::string& file) {
    const std::string cmd = "'" + o.kamhost + "' --plugin '" + o.plugin + "' import --config '" + cfg + "' --batch " +
                            std::to_string(o.batch) +
                            " '" + file + "' >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("failed: " + cmd);
  };
  import(accounts);
  const auto start = Clock::now();
  import(orders);
  return seconds_since(start);
}

void print_pair(const char* title, const char* ours, double ours_s, const char* limit,
                double limit_s, uint64_t n) {
  double a = n / ours_s, b = n / limit_s;
  std::printf("\n%s\n", title);
  std::printf("  %-38s %10.0f events/s  (%.2f s)\n", ours, a, ours_s);
  std::printf("  %-38s %10.0f events/s  (%.2f s)\n", limit, b, limit_s);
  std::printf("  ratio KAM / limit: %.2f\n", a / b);
}

// Chunk i's rate in events/s (every chunk has chunk_events(o) events but the last, which has the rest).
double chunk_rate(const Options& o, const ChunkTimes& t, size_t i) {
  const uint64_t per = chunk_events(o);
  const uint64_t n = i + 1 < t.size() ? per : o.events - per * (t.size() - 1);
  return static_cast<double>(n) / t[i];
}

// With several chunks: each chunk's rate beside the peers', and how flat each curve is (the slowest
// chunk / the fastest).
void print_chunks(const Options& o, const std::vector<std::pair<const char*, const ChunkTimes*>>& curves) {
  if (o.chunks <= 1) return;
  std::printf("  per chunk of %llu events (events/s as the database grows):\n  %-8s",
              static_cast<unsigned long long>(chunk_events(o)), "chunk");
  for (const auto& [name, t] : curves) std::printf(" %14s", name);
  std::printf("   KAM / each peer\n");
  for (size_t i = 0; i < curves.front().second->size(); ++i) {
    std::printf("  %-8zu", i + 1);
    for (const auto& [name, t] : curves) std::printf(" %14.0f", chunk_rate(o, *t, i));
    std::printf("  ");
    for (size_t k = 1; k < curves.size(); ++k)
      std::printf(" %.2f", chunk_rate(o, *curves[0].second, i) / chunk_rate(o, *curves[k].second, i));
    std::printf("\n");
  }
  std::printf("  %-8s", "min/max");
  for (const auto& [name, t] : curves) {
    double lo = 1e300, hi = 0;
    for (size_t i = 0; i < t->size(); ++i) {
      lo = std::min(lo, chunk_rate(o, *t, i));
      hi = std::max(hi, chunk_rate(o, *t, i));
    }
    std::printf(" %14.2f", lo / hi);
  }
  std::printf("   (1.00 = flat)\n");
  std::printf("  bytes written per event (this process; COPY's are the server's, not counted):\n");
  for (size_t i = 0; i < curves.front().second->size(); ++i) {
    std::printf("  %-8zu", i + 1);
    for (const auto& [name, t] : curves) {
      const uint64_t n = i + 1 < t->size() ? chunk_events(o) : o.events - chunk_events(o) * (t->size() - 1);
      std::printf(" %14.0f", i < t->written.size() ? static_cast<double>(t->written[i]) / static_cast<double>(n) : 0.0);
    }
    std::printf("\n");
  }
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
    else if (k == "--chunks") o.chunks = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--spread-days") o.spread_days = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--kamhost") o.kamhost = v;

    else {
      std::fprintf(stderr, "usage: ingest_bench [--events N] [--batch N] [--accounts N] [--dir DIR] [--pg URL] [--synchronous full|normal] [--chunks N] [--spread-days D] [--kamhost PATH] [--plugin SO]\n");
      return 2;
    }
  }
  try {
    fs::path dir = o.dir.empty() ? fs::temp_directory_path() / ("kam-bench-" + std::to_string(getpid())) : fs::path(o.dir);
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::printf("ingest_bench: %llu order events, batches of %llu, %u accounts, %u chunk(s), order dates %s,"
                " SQLite synchronous=%s (WAL)\n",
                static_cast<unsigned long long>(o.events), static_cast<unsigned long long>(o.batch), o.accounts,
                o.chunks, o.spread_days ? ("spread over " + std::to_string(o.spread_days) + " days").c_str() : "in sequence",
                o.synchronous.c_str());
    std::fflush(stdout);
    std::string kam_db = (dir / "kam.db").string();
    long rss_before = peak_rss_mib();
    const ChunkTimes abi = run_abi(o, "sqlite:" + kam_db);
    long rss_after = peak_rss_mib();
    const ChunkTimes raw = run_raw_sqlite(o, kam_db, (dir / "raw.db").string(), false);
    const ChunkTimes same = run_raw_sqlite(o, kam_db, (dir / "same.db").string(), true);
    print_pair("SQLite", "KAM ingest (ABI batch call)", total(abi), "raw sqlite3 (prepared, same schema)", total(raw),
               o.events);
    std::printf("  %-38s %10.0f events/s  (%.2f s)\n", "raw sqlite3 doing the same work", o.events / total(same),
                total(same));
    std::printf("  ratio KAM / same work: %.2f (overhead); same work / plain: %.2f (design)\n", total(same) / total(abi),
                total(raw) / total(same));
    print_chunks(o, {{"KAM", &abi}, {"raw plain", &raw}, {"raw same work", &same}});
    std::printf("  peak resident memory of the process during the KAM import: %ld MiB (before: %ld MiB)\n",
                rss_after, rss_before);
    if (!o.kamhost.empty()) {
      const double kh = run_kamhost(o, dir);
      std::printf("\nkamhost import (JSON lines, end to end: process start, parsing, the ABI call)\n");
      std::printf("  %-38s %10.0f events/s  (%.2f s)\n", "kamhost import of the orders file", o.events / kh, kh);
      std::printf("  %-38s %10.0f events/s  (%.2f s)\n", "the ABI batch call (above)", o.events / total(abi), total(abi));
      std::printf("  ratio kamhost import / ABI: %.2f\n", total(abi) / kh);
    }
    if (!o.pg.empty()) {
      std::string a = kam::test::fresh_pg_database(o.pg, "bench_abi");
      std::string b = kam::test::fresh_pg_database(o.pg, "bench_copy");
      const ChunkTimes pg_abi = run_abi(o, a);
      const ChunkTimes pg_copy = run_pg_copy(o, b);
      print_pair("PostgreSQL", "KAM ingest (ABI batch call)", total(pg_abi), "COPY of the same rows", total(pg_copy),
                 o.events);
      print_chunks(o, {{"KAM", &pg_abi}, {"COPY", &pg_copy}});
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
