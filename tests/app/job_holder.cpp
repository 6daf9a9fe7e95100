// job_holder - a helper process for use_cases_test, killed with SIGKILL by the test:
//   kam_job_holder claim    sqlite <path> | postgresql <conninfo>
//     claims the periodic tier job as a tick does, says "claimed" and waits to be killed;
//   kam_job_holder evaluate sqlite <path> | postgresql <conninfo> <config file> <now_ms>
//     runs full evaluations one day apart and says "run N" after each, until killed.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "app/tiers/tiers.hpp"
#include "store/store.hpp"

int main(int argc, char** argv) {
  if (argc < 4) return 2;
  const std::string mode = argv[1];
  kam::config::DatabaseConfig db;
  if (std::strcmp(argv[2], "sqlite") == 0) {
    db.kind = kam::config::DatabaseConfig::Kind::sqlite;
    db.sqlite_path = argv[3];
  } else {
    db.kind = kam::config::DatabaseConfig::Kind::postgresql;
    db.pg_conninfo = argv[3];
  }
  db.url = argv[3];
  auto store = kam::store::Store::open(db, nullptr);
  if (mode == "claim") {
    const kam::store::JobClaimResult claim = store->jobs().claim_job(kam::app::kTiersJob, 1000, 60000);
    std::printf("%s\n", claim.due == kam::store::JobDue::due ? "claimed" : "not due");
    std::fflush(stdout);
    for (;;) pause();
  }
  if (mode != "evaluate" || argc != 6) return 2;
  const kam::config::Config config = kam::config::load_config_file(argv[4]);
  kam::app::EvaluationRequest r;
  r.now_ms = std::stoll(argv[5]);
  r.actor = kam::core::Actor{"helper", {"kam.admin"}};
  for (int run = 1;; ++run) {
    kam::app::evaluate_on_request(*store, config, r, nullptr);
    std::printf("run %d\n", run);
    std::fflush(stdout);
    r.now_ms += 86400000;
  }
}
