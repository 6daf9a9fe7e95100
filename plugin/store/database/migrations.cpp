#include "store/database/migrations.hpp"

#include "core/error.hpp"
#include "store/database/transaction.hpp"

namespace kam::store::detail {
namespace {

// pg_advisory_xact_lock key for schema changes: "KAM" followed by 0x01. Advisory locks are per
// database, so unrelated databases on one server do not wait for each other.
constexpr int64_t kMigrationLockKey = 0x4B414D01;

const char* const kCreateSchemaTable =
    "CREATE TABLE IF NOT EXISTS kam_schema ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " version INTEGER NOT NULL)";

int32_t current_version(soci::session& sql) {
  int32_t version = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT version FROM kam_schema WHERE id = 1", soci::into(version, ind);
  return (sql.got_data() && ind == soci::i_ok) ? version : 0;
}

}  // namespace

DerivedStatements sqlite_statements_of(const std::vector<const char*>& postgresql) {
  DerivedStatements out;
  for (const char* statement : postgresql) {
    std::string text = statement;
    for (std::size_t at = text.find("BIGINT"); at != std::string::npos; at = text.find("BIGINT", at))
      text.replace(at, 6, "INTEGER");
    if (text.rfind("CREATE TABLE", 0) == 0) text += " WITHOUT ROWID";
    out.texts.push_back(std::move(text));
  }
  for (const std::string& text : out.texts) out.statements.push_back(text.c_str());
  return out;  // moving the vector keeps its strings where they are
}

int32_t latest_schema_version(Backend backend) {
  const auto& steps = backend == Backend::sqlite ? sqlite_migrations() : postgresql_migrations();
  return steps.empty() ? 0 : steps.back().version;
}

int32_t read_schema_version(soci::session& sql) { return current_version(sql); }

MigrationResult migrate(soci::session& sql, Backend backend, const std::string& label) {
  const auto& steps = backend == Backend::sqlite ? sqlite_migrations() : postgresql_migrations();
  const int32_t latest = latest_schema_version(backend);

  Transaction tx(sql, backend);
  if (backend == Backend::postgresql) {
    // Wait for another process that is migrating right now (bounded, unlike the default).
    sql << "SET LOCAL lock_timeout = '120s'";
    sql << "SELECT pg_advisory_xact_lock(" << kMigrationLockKey << ")";
  }
  sql << kCreateSchemaTable;
  const int32_t found = current_version(sql);
  if (found > latest) {
    throw Error(Status::schema_too_new,
                "database " + label + " has schema version " + std::to_string(found) +
                    ", this plugin knows up to " + std::to_string(latest) + ": upgrade the plugin");
  }
  if (found == latest) {
    tx.commit();
    return {found, found};
  }
  for (const auto& step : steps) {
    if (step.version <= found) continue;
    for (const char* statement : step.statements) sql << statement;
  }
  sql << "INSERT INTO kam_schema (id, version) VALUES (1, " << latest
      << ") ON CONFLICT (id) DO UPDATE SET version = excluded.version";
  tx.commit();
  return {found, latest};
}

}  // namespace kam::store::detail
