// sessions.hpp - opening one configured connection per backend, and checking one is still alive.
//
// SQLite: WAL, synchronous FULL/NORMAL, busy_timeout and foreign_keys are per connection, so every
// connection the pool opens gets them. PostgreSQL: lock_timeout from the config, and libpq's notices
// are swallowed (its default prints them on the ERP's stderr).
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>

#include "config/config.hpp"
#include "store/database/backend.hpp"

namespace kam::store::detail {

// Both throw soci errors; the caller says what it was doing.
std::unique_ptr<soci::session> open_sqlite_session(const config::DatabaseConfig& db,
                                                   const std::string& connect_string);
std::unique_ptr<soci::session> open_postgresql_session(const config::DatabaseConfig& db,
                                                       const std::string& connect_string);

// PostgreSQL: without `thorough`, only looks whether the server sent anything to the idle connection
// (no round trip; a server closing a connection sends a FATAL message), and then checks properly;
// with it, always runs SELECT 1. SQLite connections are always alive.
bool session_is_healthy(soci::session& sql, Backend backend, bool thorough) noexcept;

}  // namespace kam::store::detail
