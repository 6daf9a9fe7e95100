// identity_bench.cpp - account identity matching (plugin/core/identity): quality on the hand-labelled
// PATSTAT names beside exact match on the normalised key and PostgreSQL's pg_trgm at its best threshold,
// and scale on generated accounts with known duplicate clusters beside pg_trgm's similarity join.
// Prints figures; not a test.
//   kam_identity_bench --patstat /work/shared/data/patstat_reference.csv --pg URL [--accounts 100000]
#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/identity/matcher.hpp"
#include "generated_set.hpp"
#include "quality.hpp"

using namespace kam::core::identity;
using kam::core::identity::test::describe;
using kam::core::identity::test::measure;
using kam::core::identity::test::Quality;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Labelled {
  std::vector<std::string> names;
  std::vector<uint32_t> truth;
};

// person_id,leuven_id,person_name with RFC 4180 quoting.
Labelled read_patstat(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  Labelled out;
  std::string line;
  std::getline(in, line);  // header
  size_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted)
        cells.emplace_back();
      else if (c != '\r')
        cells.back() += c;
    }
    if (cells.size() != 3) throw std::runtime_error(path + ":" + std::to_string(line_no) + ": expected 3 columns");
    out.truth.push_back(static_cast<uint32_t>(std::stoul(cells[1])));
    out.names.push_back(cells[2]);
  }
  return out;
}

// Plain union-find over pairs (the peers have no tax ids or regions to refuse a union).
std::vector<uint32_t> closure(size_t n, const std::vector<std::pair<uint32_t, uint32_t>>& pairs) {
  std::vector<uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  std::function<uint32_t(uint32_t)> find = [&](uint32_t x) { return parent[x] == x ? x : parent[x] = find(parent[x]); };
  for (auto [a, b] : pairs) parent[find(a)] = find(b);
  std::vector<uint32_t> out(n);
  for (uint32_t i = 0; i < n; ++i) out[i] = find(i);
  return out;
}

void line(const char* method, const Quality& q, const std::string& extra = "") {
  std::printf("  %-34s %s%s\n", method, describe(q).c_str(), extra.c_str());
}

class Pg {
 public:
  explicit Pg(const std::string& url) {
    conn_ = PQconnectdb(url.c_str());
    check_conn(url);
    exec("DROP DATABASE IF EXISTS kam_identity_bench");
    exec(
        "CREATE DATABASE kam_identity_bench TEMPLATE template0 ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' LC_COLLATE "
        "'C.UTF-8'");
    PQfinish(conn_);
    const char* keys[] = {"dbname", "dbname", nullptr};
    const char* values[] = {url.c_str(), "kam_identity_bench", nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);  // the URL, with its database replaced
    check_conn(url);
    exec("CREATE EXTENSION pg_trgm");
  }
  ~Pg() { PQfinish(conn_); }

  void exec(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    auto st = PQresultStatus(r);
    std::string err = PQresultErrorMessage(r);
    PQclear(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      throw std::runtime_error("PostgreSQL: " + sql.substr(0, 80) + ": " + err);
  }

  void load(const std::vector<std::string>& names) {
    exec("DROP TABLE IF EXISTS names");
    exec("CREATE TABLE names (id int PRIMARY KEY, name text NOT NULL)");
    PGresult* copy = PQexec(conn_, "COPY names FROM STDIN");
    bool copying = PQresultStatus(copy) == PGRES_COPY_IN;
    PQclear(copy);
    if (!copying) throw std::runtime_error(std::string("COPY names: ") + PQerrorMessage(conn_));
    std::string buf;
    for (size_t i = 0; i < names.size(); ++i) {
      buf += std::to_string(i) + '\t';
      for (char c : names[i]) buf += c == '\t' || c == '\\' || c == '\n' ? ' ' : c;
      buf += '\n';
    }
    if (PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) != 1 || PQputCopyEnd(conn_, nullptr) != 1)
      throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(conn_));
    PGresult* r = PQgetResult(conn_);
    PQclear(r);
    exec("ANALYZE names");
  }

  // Pairs with similarity >= threshold, through the GIN index (the % operator), and their similarity.
  std::vector<std::tuple<uint32_t, uint32_t, double>> join(double threshold) {
    exec("SET pg_trgm.similarity_threshold = " + std::to_string(threshold));
    PGresult* r = PQexec(conn_,
                         "SELECT a.id, b.id, similarity(a.name, b.name) FROM names a JOIN names b "
                         "ON a.name % b.name AND a.id < b.id");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      std::string err = PQresultErrorMessage(r);
      PQclear(r);
      throw std::runtime_error("pg_trgm join: " + err);
    }
    std::vector<std::tuple<uint32_t, uint32_t, double>> out;
    for (int i = 0, n = PQntuples(r); i < n; ++i)
      out.emplace_back(std::stoul(PQgetvalue(r, i, 0)), std::stoul(PQgetvalue(r, i, 1)),
                       std::stod(PQgetvalue(r, i, 2)));
    PQclear(r);
    return out;
  }

 private:
  void check_conn(const std::string& url) {
    if (PQstatus(conn_) != CONNECTION_OK) throw std::runtime_error(url + ": " + PQerrorMessage(conn_));
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
  }
  PGconn* conn_;
};

// pg_trgm over all thresholds from low upward: the best pairwise F1, and its threshold.
std::pair<double, Quality> pg_best(const std::vector<std::tuple<uint32_t, uint32_t, double>>& sims, size_t n,
                                   const std::vector<uint32_t>& truth, double from) {
  std::pair<double, Quality> best{0, {}};
  for (double t = from; t < 0.96; t += 0.05) {
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (auto& [a, b, s] : sims)
      if (s >= t) pairs.emplace_back(a, b);
    Quality q = measure(closure(n, pairs), truth);
    if (q.f1 > best.second.f1) best = {t, q};
  }
  return best;
}

struct Ours {
  std::vector<Record> records;
  std::vector<ScoredPair> pairs;  // scored at threshold 0 on every candidate pair
  double prepare_s = 0, match_s = 0;
};

Ours run_ours(const Preparer& prep, const std::vector<std::string>& names, const std::vector<std::string>& taxes) {
  Ours o;
  auto t0 = std::chrono::steady_clock::now();
  for (size_t i = 0; i < names.size(); ++i) o.records.push_back(prep.prepare(names[i], taxes.empty() ? "" : taxes[i]));
  o.prepare_s = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  MatchParams all;
  all.threshold = 0.5;
  o.pairs = find_matches(o.records, all);
  o.match_s = seconds_since(t0);
  return o;
}

Quality ours_at(const Ours& o, double threshold, const std::vector<uint32_t>& truth) {
  std::vector<ScoredPair> kept;
  for (const ScoredPair& p : o.pairs)
    if (p.score >= threshold) kept.push_back(p);
  return measure(cluster_records(o.records, kept), truth);
}

void patstat(const Preparer& prep, const std::string& path, Pg* pg) {
  Labelled data = read_patstat(path);
  std::printf("PATSTAT (%s): %zu names\n", path.c_str(), data.names.size());
  Ours o = run_ours(prep, data.names, {});
  std::vector<uint32_t> exact(o.records.size());
  std::unordered_map<std::string, uint32_t> by_key;
  for (uint32_t i = 0; i < o.records.size(); ++i) exact[i] = by_key.try_emplace(o.records[i].key, i).first->second;
  line("exact normalised key", measure(exact, data.truth));
  line("kam_identity (threshold 0.85)", ours_at(o, MatchParams().threshold, data.truth));
  std::pair<double, Quality> best{0, {}};
  for (double t = 0.5; t < 0.99; t += 0.05)
    if (Quality q = ours_at(o, t, data.truth); q.f1 > best.second.f1) best = {t, q};
  line("kam_identity (best threshold)", best.second, " at " + std::to_string(best.first).substr(0, 4));
  if (pg) {
    pg->load(data.names);
    pg->exec("CREATE INDEX ON names USING gin (name gin_trgm_ops)");
    auto pb = pg_best(pg->join(0.1), data.names.size(), data.truth, 0.1);
    line("pg_trgm similarity (best threshold)", pb.second, " at " + std::to_string(pb.first).substr(0, 4));
  }
}

void scale(const Preparer& prep, size_t accounts, Pg* pg) {
  std::vector<test::LabelledName> gen = test::generate_names(prep, accounts * 2 / 5, 2026);
  gen.resize(std::min(gen.size(), accounts));
  std::vector<std::string> names, taxes;
  std::vector<uint32_t> truth;
  for (auto& g : gen) {
    names.push_back(g.name);
    taxes.push_back(g.tax_id);
    truth.push_back(g.entity);
  }
  std::printf("\nGenerated accounts: %zu names of %u entities (Chinese and Latin spellings, hard negatives)\n",
              names.size(), truth.back() + 1);
  Ours o = run_ours(prep, names, taxes);
  auto t0 = std::chrono::steady_clock::now();
  Quality q = ours_at(o, MatchParams().threshold, truth);
  double cluster_s = seconds_since(t0);
  char buf[200];
  std::snprintf(buf, sizeof buf, "  [prepare %.2f s once per account; all pairs %.2f s; clusters %.2f s]", o.prepare_s,
                o.match_s, cluster_s);
  line("kam_identity (threshold 0.85)", q);
  std::puts(buf);
  if (!pg) return;
  // pg_trgm's best threshold, found on the first tenth of the names (a join at 0.3 on all of them
  // takes too long); then its similarity join on all the names at that threshold, timed.
  size_t tenth = names.size() / 10;
  std::vector<std::string> sample(names.begin(), names.begin() + static_cast<long>(tenth));
  std::vector<uint32_t> sample_truth(truth.begin(), truth.begin() + static_cast<long>(tenth));
  pg->load(sample);
  pg->exec("CREATE INDEX ON names USING gin (name gin_trgm_ops)");
  double best = pg_best(pg->join(0.3), sample.size(), sample_truth, 0.3).first;
  pg->load(names);
  t0 = std::chrono::steady_clock::now();
  pg->exec("CREATE INDEX ON names USING gin (name gin_trgm_ops)");
  double index_s = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (auto& [a, b, s] : pg->join(best)) pairs.emplace_back(a, b);
  double join_s = seconds_since(t0);
  std::snprintf(buf, sizeof buf, " at %.2f  [GIN index %.2f s; join %.2f s, %zu pairs]", best, index_s, join_s,
                pairs.size());
  line("pg_trgm similarity join", measure(closure(names.size(), pairs), truth), buf);
  // Its pairs as found, without the transitive closure (which chains them into large clusters).
  uint64_t correct = 0;
  for (auto [a, b] : pairs) correct += truth[a] == truth[b];
  Quality as_found = measure(truth, truth);  // true_pairs
  as_found.predicted_pairs = pairs.size();
  as_found.correct_pairs = correct;
  as_found.precision = pairs.empty() ? 1 : static_cast<double>(correct) / static_cast<double>(pairs.size());
  as_found.recall = static_cast<double>(correct) / static_cast<double>(as_found.true_pairs);
  as_found.f1 = as_found.precision + as_found.recall == 0
                    ? 0
                    : 2 * as_found.precision * as_found.recall / (as_found.precision + as_found.recall);
  as_found.bcubed_f1 = 0;  // not a clustering
  line("pg_trgm join, pairs as found", as_found, " (B3 not applicable)");
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures as they come: the pg_trgm joins take minutes
  std::string patstat_path, pg_url;
  size_t accounts = 100000;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s needs a value\n", a.c_str());
      return 2;
    }
    if (a == "--patstat")
      patstat_path = argv[++i];
    else if (a == "--pg")
      pg_url = argv[++i];
    else if (a == "--accounts")
      accounts = std::stoul(argv[++i]);
    else {
      std::fprintf(stderr, "unknown option %s (--patstat PATH --pg URL --accounts N)\n", a.c_str());
      return 2;
    }
  }
  try {
    Preparer prep;
    std::unique_ptr<Pg> pg = pg_url.empty() ? nullptr : std::make_unique<Pg>(pg_url);
    if (!patstat_path.empty()) patstat(prep, patstat_path, pg.get());
    scale(prep, accounts, pg.get());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "identity_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
