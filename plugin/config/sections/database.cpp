// database.cpp - the database section: the URL as the store will open it (database_url.hpp), SQLite
// options, the pool, and the PostgreSQL password from the environment.
#include "config/sections/sections.hpp"

#include <cstdlib>

#include "config/database_url.hpp"
#include "config/values.hpp"

namespace kam::config::detail {
namespace {

bool is_env_name(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// The PostgreSQL password from the environment variable named by database.password_env. The password
// itself never comes from the YAML, so config files can be shared and checked in.
std::optional<std::string> read_password(const MapReader& db, const std::string& env,
                                         const std::optional<detail::DatabaseUrl>& parsed) {
  const Entry& e = *db.find("password_env");
  if (!is_env_name(env)) {
    db.error_at_value(e, "expected an environment variable name like KAM_DB_PASSWORD, got " + detail::describe(e.value));
    return std::nullopt;
  }
  if (!parsed) return std::nullopt;  // the URL is already reported
  if (parsed->kind != DatabaseConfig::Kind::postgresql) {
    db.error_at_value(e, "applies only to PostgreSQL URLs (postgresql://...)");
    return std::nullopt;
  }
  // getenv is safe alongside other readers; the host must not setenv while configs load.
  const char* value = std::getenv(env.c_str());
  if (value == nullptr) {
    db.error_at_value(e, "environment variable " + env + " is not set");
    return std::nullopt;
  }
  if (*value == '\0') {
    db.error_at_value(e, "environment variable " + env + " is empty");
    return std::nullopt;
  }
  return std::string(value);
}

}  // namespace

void read_database(const MapReader& top, Config& config) {
  DatabaseConfig& db = config.database;
  db.url = "sqlite:kam.db";
  auto section = top.get_map("database", std::vector<std::string_view>{"url", "synchronous", "busy_timeout_ms",
                                                                        "password_env", "pool"});
  std::optional<detail::DatabaseUrl> parsed;
  std::string error;
  if (section && section->find("url")) {
    if (auto url = section->get_string("url", "a database URL")) {
      parsed = detail::parse_database_url(*url, error);
      if (parsed)
        db.url = *url;
      else
        section->error_at_value(*section->find("url"), error);
    }
  } else {
    parsed = detail::parse_database_url(db.url, error);  // the default always parses
  }

  std::optional<std::string> password;
  if (section) {
    if (auto sync = section->get_choice("synchronous", {"full", "normal"})) {
      db.synchronous = *sync == 0 ? DatabaseConfig::Synchronous::full : DatabaseConfig::Synchronous::normal;
      if (parsed && parsed->kind != DatabaseConfig::Kind::sqlite)
        section->error_at_value(*section->find("synchronous"), "applies only to SQLite; remove it for PostgreSQL");
    }
    if (auto ms = section->get_int("busy_timeout_ms", 0, 600000)) db.busy_timeout_ms = static_cast<int32_t>(*ms);
    if (auto pool = section->get_map("pool", std::vector<std::string_view>{"size", "lease_timeout_ms"})) {
      if (auto size = pool->get_int("size", 1, 64)) db.pool_size = static_cast<int32_t>(*size);
      if (auto ms = pool->get_int("lease_timeout_ms", 1, 600000)) db.lease_timeout_ms = static_cast<int32_t>(*ms);
    }
    if (auto env = section->get_string("password_env", "an environment variable name"))
      password = read_password(*section, *env, parsed);
  }

  if (!parsed) return;
  db.kind = parsed->kind;
  if (db.kind == DatabaseConfig::Kind::sqlite)
    db.sqlite_path = resolve_path(config.data_dir, parsed->sqlite_file);
  else
    db.pg_conninfo = password ? detail::add_password_to_pg_url(db.url, *password) : db.url;
}

}  // namespace kam::config::detail
