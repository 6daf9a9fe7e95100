#include "store/database/conninfo.hpp"

#include <libpq-fe.h>

#include <memory>

#include "config/database_url.hpp"
#include "core/error.hpp"
#include "store/database/db_error.hpp"

namespace kam::store::detail {

std::string postgresql_connect_string(const std::string& conninfo) {
  char* err = nullptr;
  PQconninfoOption* raw = PQconninfoParse(conninfo.c_str(), &err);
  if (!raw) {
    std::string why = err ? err : "out of memory";
    if (err) PQfreemem(err);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    throw Error(Status::store,
                "invalid PostgreSQL connection string: " + redact_secrets(why));
  }
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(raw, &PQconninfoFree);
  std::string uri = "postgresql:///?";
  bool first = true;
  bool has_app_name = false;
  for (const PQconninfoOption* o = options.get(); o->keyword; ++o) {
    if (!o->val) continue;
    const std::string key = o->keyword;
    if (key == "application_name" || key == "fallback_application_name") has_app_name = true;
    if (!first) uri += '&';
    first = false;
    uri += key + '=' + config::detail::percent_encode(o->val);
  }
  // Lets a DBA see KAM's connections in pg_stat_activity; the URL may name another.
  if (!has_app_name) uri += std::string(first ? "" : "&") + "fallback_application_name=kam";
  return uri;
}

std::string sqlite_connect_string(const std::string& path) {
  if (path.find('"') != std::string::npos)
    throw Error(Status::store, "SQLite database path '" + path +
                                   "' contains a double quote, which SOCI cannot pass on");
  return "db=\"" + path + "\"";
}

std::string database_label(const config::DatabaseConfig& db) {
  if (!db.url.empty()) return redact_secrets(db.url);
  if (db.kind == config::DatabaseConfig::Kind::sqlite) return "sqlite:" + db.sqlite_path;
  return redact_secrets(db.pg_conninfo);
}

}  // namespace kam::store::detail
