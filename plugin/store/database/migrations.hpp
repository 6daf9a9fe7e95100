// migrations.hpp - the versioned, forward-only schema history and the code that applies it.
//
// Each backend has its own list of steps (schema_sqlite.cpp, schema_postgresql.cpp); step N takes a
// database from version N-1 to N and both lists always reach the same version. migrate() runs inside
// one transaction that first takes the database's write lock (SQLite BEGIN IMMEDIATE, PostgreSQL
// pg_advisory_xact_lock), so several processes opening one database at once migrate it exactly once
// and a failed step leaves the previous version intact. Steps are never edited after a release:
// changes are new steps.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "store/database/backend.hpp"

namespace kam::store::detail {

struct Migration {
  int32_t version;                      // the version this step produces
  const char* summary;                  // for the log
  std::vector<const char*> statements;  // run in order
};

const std::vector<Migration>& sqlite_migrations();
// A step's SQLite statements derived from its PostgreSQL ones, so the two never drift: BIGINT
// becomes INTEGER (64-bit there) and each CREATE TABLE gets WITHOUT ROWID (tables keyed by a host
// id). Keep the result in a function-local static: `statements` point into `texts`.
struct DerivedStatements {
  std::vector<std::string> texts;
  std::vector<const char*> statements;
};
DerivedStatements sqlite_statements_of(const std::vector<const char*>& postgresql);
const std::vector<Migration>& postgresql_migrations();

// The newest version this build knows for the backend.
int32_t latest_schema_version(Backend backend);

// The version recorded in the database, 0 when it has no KAM schema yet (reads only).
int32_t read_schema_version(soci::session& sql);

struct MigrationResult {
  int32_t from = 0;  // version found (0: empty database)
  int32_t to = 0;    // version now; equal to from when nothing was done
};

// Bring the schema up to date. Throws kam::Error(Status::schema_too_new) when the database was
// written by a newer plugin; `label` names the database in that message. Logs nothing: the caller
// logs after it has given the connection back.
MigrationResult migrate(soci::session& sql, Backend backend, const std::string& label);

}  // namespace kam::store::detail
