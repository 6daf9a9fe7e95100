// conninfo.hpp - connection strings for SOCI 4.0.3, and a password-free name for the database.
//
// SOCI 4.0.3's PostgreSQL backend re-splits the connection string at '=' and ' ' before handing it to
// libpq: quoted values with spaces break and a bare URI gets a stray '=' appended. So every libpq
// conninfo (keyword/value or URI) is parsed with libpq itself and rewritten as one URI with
// percent-encoded query parameters, which survives SOCI unchanged.
#pragma once

#include <string>

#include "config/config.hpp"

namespace kam::store::detail {

// libpq conninfo or URI -> "postgresql:///?host=...&dbname=..." (throws Status::store when libpq
// cannot parse it; the message never contains the string itself).
std::string postgresql_connect_string(const std::string& conninfo);

// SQLite file path -> SOCI sqlite3 connect string (db="path").
std::string sqlite_connect_string(const std::string& path);

// How messages name the database: the configured URL (which never holds a password), else a
// description built from the path / conninfo with secrets removed.
std::string database_label(const config::DatabaseConfig& db);

}  // namespace kam::store::detail
