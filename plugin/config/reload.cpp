// reload.cpp - the reload rules (see reload.hpp).
#include "config/reload.hpp"

#include <vector>

#include "config/redact.hpp"

namespace kam::config {
namespace {

constexpr const char* kKeepsServing = "; the old config keeps serving: restart the instance to apply it";

const char* synchronous_name(DatabaseConfig::Synchronous s) {
  return s == DatabaseConfig::Synchronous::normal ? "normal" : "full";
}

std::string database_name(const DatabaseConfig& db) {
  return db.kind == DatabaseConfig::Kind::sqlite ? "sqlite " + db.sqlite_path : redact_secrets(db.url);
}

// "database.synchronous (full to normal)" for each database key the store was opened with.
std::vector<std::string> changed_database_keys(const DatabaseConfig& a, const DatabaseConfig& b) {
  std::vector<std::string> out;
  if (a.kind != b.kind || a.sqlite_path != b.sqlite_path || a.url != b.url)
    out.push_back("database.url (" + database_name(a) + " to " + database_name(b) + ")");
  else if (a.pg_conninfo != b.pg_conninfo)
    out.push_back("database.password_env (the password it names)");  // never shown
  if (a.synchronous != b.synchronous)
    out.push_back(std::string("database.synchronous (") + synchronous_name(a.synchronous) + " to " +
                  synchronous_name(b.synchronous) + ")");
  if (a.pool_size != b.pool_size)
    out.push_back("database.pool.size (" + std::to_string(a.pool_size) + " to " + std::to_string(b.pool_size) + ")");
  return out;
}

bool grants_reload(const core::AccessRules& access) {
  for (const auto& [role, permissions] : access.role_permissions)
    if (permissions.count("config.reload") || permissions.count("*")) return true;
  return false;
}

}  // namespace

std::optional<ReloadRefusal> reload_refusal(const Config& in_force, const Config& next) {
  if (const auto keys = changed_database_keys(in_force.database, next.database); !keys.empty()) {
    std::string list;
    for (const std::string& k : keys) list += (list.empty() ? "" : ", ") + k;
    return ReloadRefusal{ReloadRefusal::Kind::needs_restart,
                         "config_reload: the new config changes " + list +
                             ", and the store stays open on the old database settings" + kKeepsServing};
  }
  if (in_force.business.time_zone != next.business.time_zone)
    return ReloadRefusal{ReloadRefusal::Kind::needs_restart,
                         "config_reload: the new config changes business.time_zone (" + in_force.business.time_zone +
                             " to " + next.business.time_zone +
                             "), which moves every day boundary of the order totals; the old config keeps "
                             "serving: restart the instance to apply it (the totals are rebuilt then)"};
  if (!grants_reload(next.access))
    return ReloadRefusal{ReloadRefusal::Kind::locks_out,
                         "config_reload: " + next.source_name +
                             ": access.roles grants config.reload to no role (neither 'config.reload' nor "
                             "\"*\"), so nobody could reload the config again; keep it in at least one role; "
                             "the old config keeps serving"};
  return std::nullopt;
}

}  // namespace kam::config
