// job_holder - a helper process for use_cases_test: opens the store, claims the periodic tier job
// as a tick does, says "claimed" on stdout and waits to be killed (kill -9 in the middle of a run).
// Usage: kam_job_holder sqlite <path> | postgresql <conninfo>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "evaluation/evaluation.hpp"
#include "store/store.hpp"

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  kam::config::DatabaseConfig db;
  if (std::strcmp(argv[1], "sqlite") == 0) {
    db.kind = kam::config::DatabaseConfig::Kind::sqlite;
    db.sqlite_path = argv[2];
  } else {
    db.kind = kam::config::DatabaseConfig::Kind::postgresql;
    db.pg_conninfo = argv[2];
  }
  db.url = argv[2];
  auto store = kam::store::Store::open(db, nullptr);
  const kam::store::JobClaimResult claim = store->claim_job(kam::evaluation::kTiersJob, 1000, 60000);
  std::printf("%s\n", claim.due == kam::store::JobDue::due ? "claimed" : "not due");
  std::fflush(stdout);
  for (;;) pause();
}
