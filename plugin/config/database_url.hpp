// database_url.hpp - interprets database.url ("sqlite:PATH", "postgresql://USER@HOST:PORT/DB?...")
// the way the store will open it: PostgreSQL URLs are read by libpq's own parser and refused when
// they carry a password in any spelling; SQLite URLs must name a file (no :memory:, no file: URIs)
// and a relative one must stay inside instance.data_dir. Adds a password taken from the
// environment to a PostgreSQL URL for libpq.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace kam::config::detail {

struct DatabaseUrl {
  DatabaseConfig::Kind kind = DatabaseConfig::Kind::sqlite;
  std::string sqlite_file;  // SQLite: the path as written (relative ones resolve against data_dir)
};

// The parsed URL, or nothing with `error` saying what was expected. The error never quotes the
// URL past its scheme, since a rejected URL may hold a password.
std::optional<DatabaseUrl> parse_database_url(std::string_view url, std::string& error);

// RFC 3986 percent-encoding of everything but unreserved characters.
std::string percent_encode(std::string_view text);

// `url` with a percent-encoded `password=` query parameter appended; libpq decodes it.
std::string add_password_to_pg_url(std::string_view url, std::string_view password);

}  // namespace kam::config::detail
