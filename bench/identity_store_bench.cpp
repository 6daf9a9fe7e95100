// identity_store_bench.cpp - account identity through the store (docs/identity.md): N generated
// accounts (Chinese and Latin spellings with known duplicates, tests/support/identity) ingested
// through the store's ingestion, whose account writer prepares each name and writes its identity rows
// and keys; beside it, in the same run, the hook alone (IdentityWriter on the same accounts) and
// preparing alone, so the cost of the hook per account and ingestion without it can be read off.
// Then duplicates over the whole stored base and single-name matches through the use cases.
//   kam_identity_store_bench [--accounts 100000] [--pg URL] [--quick]   (--quick: 10,000 accounts)
// Prints figures; asserts nothing.
#include <soci/soci.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/identity/identity.hpp"
#include "core/identity/account_records.hpp"
#include "db_probe.hpp"
#include "identity/generated_set.hpp"
#include "store/database/database.hpp"
#include "store/identity/identity_rows.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;
using namespace kam;
using Clock = std::chrono::steady_clock;
namespace idt = kam::core::identity::test;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

core::LogFn quiet() {
  return [](core::LogLevel level, const std::string& m) {
    if (level >= core::LogLevel::warning) std::fprintf(stderr, "  [log] %s\n", m.c_str());
  };
}

std::vector<core::Event> account_events(const std::vector<idt::LabelledName>& names) {
  std::vector<core::Event> events;
  events.reserve(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    core::AccountUpserted a;
    a.account_id = "A" + std::to_string(1000000 + i);
    a.name = names[i].name;
    a.tax_id = names[i].tax_id;
    events.push_back(core::Event{"acc-" + a.account_id, 1'767'225'600'000, a});
  }
  return events;
}

double ingest(store::Store& store, const std::vector<core::Event>& events) {
  constexpr size_t kBatch = 10000;
  const auto start = Clock::now();
  for (size_t from = 0; from < events.size(); from += kBatch) {
    std::vector<store::BatchItem> items;
    for (size_t i = from; i < std::min(events.size(), from + kBatch); ++i) items.push_back({events[i], {}});
    store::IngestOptions options;
    options.source = "identity_store_bench";
    options.now_ms = 1'767'225'600'000;
    options.actor = core::Actor{"bench", {"kam.admin"}};
    const store::BatchResult r = store.ingestion().ingest(items, options);
    if (r.accepted != items.size()) throw std::runtime_error("ingest: not every account was accepted");
  }
  return seconds_since(start);
}

void run_backend(const char* label, const config::DatabaseConfig& db, const config::DatabaseConfig& hook_db,
                 const std::vector<idt::LabelledName>& names) {
  const size_t n = names.size();
  const std::vector<core::Event> events = account_events(names);
  std::printf("\n%s, %zu accounts\n", label, n);

  // The hook alone: the same accounts' identity rows and keys written by IdentityWriter, in chunks of
  // 10,000 per transaction, on a database of its own.
  double hook = 0;
  {
    auto store = store::Store::open(hook_db, quiet());
    const auto start = Clock::now();
    for (size_t from = 0; from < n; from += 10000) {
      store->database().write_transaction("bench: identity rows", [&](soci::session& sql) {
        store::detail::IdentityWriter writer(sql, store->database().backend());
        for (size_t i = from; i < std::min(n, from + 10000); ++i) {
          const auto& a = std::get<core::AccountUpserted>(events[i].payload);
          writer.write(a.account_id, a.name, a.name_latin, a.tax_id);
        }
      });
    }
    hook = seconds_since(start);
  }

  auto store = store::Store::open(db, quiet());
  const double total = ingest(*store, events);
  std::printf("  ingest with identity (store path)  %8.2f s  %7.1f us/account\n", total, total * 1e6 / n);
  std::printf("  the identity hook alone            %8.2f s  %7.1f us/account\n", hook, hook * 1e6 / n);
  std::printf("  ingest without it (difference)     %8.2f s  %7.1f us/account  (hook = %.0f%% of ingest)\n",
              total - hook, (total - hook) * 1e6 / n, 100.0 * hook / total);

  config::Config config;
  const auto d0 = Clock::now();
  const nlohmann::json dup = nlohmann::json::parse(app::duplicates_json(*store, config, {}));
  const double dup_s = seconds_since(d0);
  std::printf(
      "  duplicates over the stored base    %8.2f s  (%lld candidate pairs, %lld matched, first page of "
      "%zu clusters)\n",
      dup_s, dup.at("candidate_pairs").get<long long>(), dup.at("matched_pairs").get<long long>(),
      dup.at("clusters").size());
  const size_t queries = std::min<size_t>(200, n);
  const auto m0 = Clock::now();
  size_t found = 0;
  for (size_t i = 0; i < queries; ++i) {
    app::MatchRequest q;
    q.name = names[i * (n / queries)].name;
    found += nlohmann::json::parse(app::match_json(*store, config, q)).at("candidates").size();
  }
  const double match_s = seconds_since(m0);
  std::printf("  match, one name                    %8.2f ms per call (%zu calls, %.1f candidates each)\n",
              match_s * 1e3 / queries, queries, static_cast<double>(found) / queries);
}

}  // namespace

int main(int argc, char** argv) {
  size_t accounts = 100000;
  std::string pg;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--quick")
      accounts = 10000;
    else if (a == "--accounts" && i + 1 < argc)
      accounts = std::stoul(argv[++i]);
    else if (a == "--pg" && i + 1 < argc)
      pg = argv[++i];
    else {
      std::fprintf(stderr, "usage: %s [--accounts N] [--pg URL] [--quick]\n", argv[0]);
      return 2;
    }
  }
  try {
    const auto p0 = Clock::now();
    const core::identity::Preparer& prep = core::identity::shared_preparer();
    const double build = seconds_since(p0);
    std::vector<idt::LabelledName> names = idt::generate_names(prep, accounts * 2 / 5, 2026);
    names.resize(std::min(names.size(), accounts));
    const auto q0 = Clock::now();
    for (const idt::LabelledName& n : names) (void)core::identity::prepare_account(n.name, "", n.tax_id);
    const double prepare = seconds_since(q0);
    std::printf(
        "identity_store_bench: %zu generated accounts; Preparer built in %.0f ms; preparing alone %.1f us/account\n",
        names.size(), build * 1e3, prepare * 1e6 / names.size());

    const fs::path dir = fs::temp_directory_path() / ("kam-identity-store-bench-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto sqlite = [&](const char* file) {
      config::DatabaseConfig db;
      db.kind = config::DatabaseConfig::Kind::sqlite;
      db.sqlite_path = (dir / file).string();
      db.url = "sqlite:" + db.sqlite_path;
      db.synchronous = config::DatabaseConfig::Synchronous::normal;
      return db;
    };
    run_backend("SQLite (synchronous=normal)", sqlite("kam.db"), sqlite("hook.db"), names);
    if (!pg.empty()) {
      auto postgres = [&](const char* tag) {
        config::DatabaseConfig db;
        db.kind = config::DatabaseConfig::Kind::postgresql;
        db.pg_conninfo = db.url = test::fresh_pg_database(pg, tag);
        return db;
      };
      run_backend("PostgreSQL", postgres("identity_store_bench"), postgres("identity_store_hook"), names);
    } else {
      std::printf("\nPostgreSQL: skipped (pass --pg URL)\n");
    }
    fs::remove_all(dir);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "identity_store_bench: %s\n", e.what());
    return 1;
  }
}
