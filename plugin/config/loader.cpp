// loader.cpp - the config schema: reads each section of the YAML with MapReader, applies defaults,
// checks ranges and cross-references, and returns a Config only when nothing was wrong.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "config/config.hpp"
#include "config/database_url.hpp"
#include "config/did_you_mean.hpp"
#include "core/fnv1a.hpp"
#include "config/loader.hpp"
#include "config/tier_sections.hpp"
#include "core/time/zone.hpp"
#include "config/yaml_document.hpp"
#include "config/yaml_reader.hpp"
#include "core/money/currency.hpp"

namespace kam::config {
namespace {

namespace fs = std::filesystem;
using detail::DiagnosticSink;
using detail::MapReader;

constexpr int32_t kFormatVersion = 1;

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

bool is_env_name(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// Lexically normal, without a trailing separator ("/var/lib/kam/" -> "/var/lib/kam").
std::string normal_path(const fs::path& p) {
  fs::path n = p.lexically_normal();
  if (n.has_relative_path() && n.filename().empty()) n = n.parent_path();
  return n.string();
}

std::string resolve(const fs::path& base_dir, const std::string& path) {
  const fs::path p(path);
  return normal_path(p.is_absolute() || base_dir.empty() ? p : base_dir / p);
}

// Checks `kam:` before anything else. Returns false (after reporting) for a version this code does
// not read: then nothing more is checked, since a newer format would only produce a flood of
// unknown-key errors that bury the one that matters.
bool read_version(const YAML::Node& root, DiagnosticSink& sink, Config& config) {
  // Range-for, not it->first: GCC 12 warns (wrongly) about yaml-cpp's iterator proxy.
  for (const auto& pair : root) {
    if (!pair.first.IsScalar() || pair.first.Scalar() != "kam") continue;
    const YAML::Node& value = pair.second;
    const YAML::Mark at = value.IsNull() ? pair.first.Mark() : value.Mark();
    if (value.IsScalar()) {
      const std::string& s = value.Scalar();
      if (s == "1") {
        config.format_version = kFormatVersion;
        return true;
      }
      if (!s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        sink.error(at, "kam: unsupported config format version " + s + "; this KAM reads version 1");
        return false;
      }
    }
    sink.error(at, "kam: expected the config format version 1, got " + detail::describe(value));
    return true;  // a typo in the version line: the rest is still worth checking
  }
  return true;  // missing: reported with the other top-level keys
}

void read_instance(const MapReader& top, const fs::path& base_dir, Config& config) {
  auto instance = top.get_map("instance", std::vector<std::string_view>{"name", "data_dir"});
  if (instance) {
    if (auto name = instance->get_string("name")) {
      bool ok = !name->empty() && name->size() <= 64;
      for (char c : *name) ok = ok && is_name_char(c);
      if (ok)
        config.instance_name = *name;
      else
        instance->error_at_value(*instance->find("name"), "expected 1 to 64 characters from A-Z a-z 0-9 . _ -, got " +
                                                              detail::describe(instance->find("name")->value));
    }
    if (auto dir = instance->get_string("data_dir", "a directory path")) {
      const MapReader::Entry& e = *instance->find("data_dir");
      if (dir->empty() || dir->find('\0') != std::string::npos)
        instance->error_at_value(e, "expected a directory path, got " + detail::describe(e.value));
      else if ((*dir)[0] == '~')
        instance->error_at_value(e, "'~' is not expanded; write the full path");
      else
        config.data_dir = *dir;
    }
  }
  config.data_dir = resolve(base_dir, config.data_dir);
}

// The PostgreSQL password from the environment variable named by database.password_env. The password
// itself never comes from the YAML, so config files can be shared and checked in.
std::optional<std::string> read_password(const MapReader& db, const std::string& env,
                                         const std::optional<detail::DatabaseUrl>& parsed) {
  const MapReader::Entry& e = *db.find("password_env");
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
    db.sqlite_path = resolve(config.data_dir, parsed->sqlite_file);
  else
    db.pg_conninfo = password ? detail::add_password_to_pg_url(db.url, *password) : db.url;
}

void read_business(const MapReader& top, Config& config) {
  auto section = top.get_map("business", std::vector<std::string_view>{"time_zone", "reporting_currency"});
  if (!section) return;
  if (auto tz = section->get_string("time_zone", "an IANA time zone name")) {
    if (core::time::is_known_time_zone(*tz)) {
      config.business.time_zone = *tz;
    } else {
      const MapReader::Entry& e = *section->find("time_zone");
      std::string message = "expected an IANA time zone name like Europe/Berlin or Asia/Shanghai, got " +
                            detail::describe(e.value);
      message += detail::did_you_mean_suffix(*tz, core::time::time_zone_names());
      section->error_at_value(e, message);
    }
  }
  if (auto code = section->get_string("reporting_currency", "an ISO 4217 currency code")) {
    if (core::money::is_known_currency(*code)) {
      config.business.reporting_currency = *code;
    } else {
      const MapReader::Entry& e = *section->find("reporting_currency");
      std::string message = "expected an ISO 4217 currency code like EUR or CNY, got " + detail::describe(e.value);
      std::string upper = *code;
      for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (upper != *code && core::money::is_known_currency(upper)) message += "; did you mean '" + upper + "'?";
      section->error_at_value(e, message);
    }
  }
}

void read_permissions(const MapReader& roles, const MapReader::Entry& role, std::set<std::string>& out) {
  if (!role.value.IsSequence()) {
    roles.error_at_value(role, "expected a list of permissions like [ingest, audit.read] or [\"*\"], got " +
                                   detail::describe(role.value));
    return;
  }
  const std::vector<std::string_view> known(std::begin(core::kPermissions), std::end(core::kPermissions));
  std::string expected = "expected \"*\" or one of ";
  for (std::size_t i = 0; i < known.size(); ++i) expected += (i ? ", " : "") + std::string(known[i]);
  std::size_t index = 0;
  for (const YAML::Node& item : role.value) {
    const std::string path = roles.path_of(role.key) + "[" + std::to_string(index++) + "]";
    if (item.IsScalar()) {
      const std::string& name = item.Scalar();
      if (name == "*" || std::find(known.begin(), known.end(), name) != known.end()) {
        out.insert(name);
        continue;
      }
    }
    std::string message = path + ": " + expected + ", got " + detail::describe(item);
    if (item.IsScalar()) message += detail::did_you_mean_suffix(item.Scalar(), known);
    roles.sink().error(item.Mark(), message);
  }
}

void read_access(const MapReader& top, Config& config) {
  auto& rules = config.access.role_permissions;
  std::optional<MapReader> roles;
  if (auto section = top.get_map("access", std::vector<std::string_view>{"roles"}))
    roles = section->get_map("roles", std::nullopt);
  if (!roles) {
    rules["kam.admin"] = {"*"};  // without rules, only the administrator role may act
    return;
  }
  for (const MapReader::Entry& role : roles->entries()) {
    if (role.key.empty()) {
      roles->sink().error(role.key_node.Mark(), "access.roles: expected a role name, got \"\"");
      continue;
    }
    read_permissions(*roles, role, rules[role.key]);
  }
}

void read_logging(const MapReader& top, Config& config) {
  auto section = top.get_map("logging", std::vector<std::string_view>{"level"});
  if (!section) return;
  using Level = LoggingConfig::Level;
  static constexpr Level kLevels[] = {Level::debug, Level::info, Level::warning, Level::error};
  if (auto level = section->get_choice("level", {"debug", "info", "warning", "error"}))
    config.logging.level = kLevels[*level];
}

[[noreturn]] void fail(DiagnosticSink& sink) { throw ConfigError(sink.take_sorted()); }

}  // namespace

namespace detail {

Config load_config(const std::string& text, const std::string& name, const fs::path& base_dir) {
  DiagnosticSink sink(name);
  const std::optional<YAML::Node> root = detail::parse_top_mapping(text, sink);
  if (!root) fail(sink);

  Config config;
  if (!read_version(*root, sink, config)) fail(sink);
  MapReader top(sink, *root, "", root->Mark(),
                std::vector<std::string_view>{"kam", "instance", "database", "business", "access", "logging",
                                              "exchange_rates", "tiers", "customer_value", "churn_risk"});
  if (!top.find("kam"))
    sink.error(top.mark(), "missing required key 'kam' (the config format version; add 'kam: 1' as the first line)");
  read_instance(top, base_dir, config);
  read_database(top, config);
  read_business(top, config);
  read_access(top, config);
  read_logging(top, config);
  detail::read_tier_sections(top, config);  // after business: it needs the reporting currency
  if (sink.has_errors()) fail(sink);
  config.source_name = name;
  config.content_hash = core::fnv1a64_hex(text);
  config.yaml_text = text;
  return config;
}

}  // namespace detail

Config load_config_text(const std::string& text, const std::string& name) {
  return detail::load_config(text, name, std::filesystem::path());
}

}  // namespace kam::config
