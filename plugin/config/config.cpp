// config.cpp - the plain parts of config.hpp: Config::summary, Diagnostic text and ConfigError.
#include "config/config.hpp"

#include "config/redact.hpp"

namespace kam::config {
namespace {

std::string join_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.to_string();
  }
  return out;
}

const char* synchronous_name(DatabaseConfig::Synchronous s) {
  return s == DatabaseConfig::Synchronous::normal ? "normal" : "full";
}

}  // namespace

std::string Config::summary() const {
  std::string out = "config OK: instance '" + instance_name + "', ";
  if (database.kind == DatabaseConfig::Kind::sqlite)
    out += "sqlite " + database.sqlite_path + " (synchronous=" + synchronous_name(database.synchronous) + ")";
  else
    out += "postgresql " + redact_secrets(database.url) + " (pool " + std::to_string(database.pool_size) + ")";
  const std::size_t roles = access.role_permissions.size();
  out += ", " + std::to_string(roles) + (roles == 1 ? " role" : " roles");
  out += ", tz " + business.time_zone + ", currency " + business.reporting_currency;
  return out;
}

std::string Diagnostic::to_string() const {
  // Compiler style, so editors and CI logs can jump to the place.
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out.empty() ? message : out + ": " + message;
}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_diagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace kam::config
