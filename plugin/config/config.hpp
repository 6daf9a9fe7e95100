// config.hpp - KAM's configuration as typed values, and the loader that reads it from YAML.
//
// The loader validates everything (types, ranges, cross-references, unknown keys with a "did you
// mean") before it returns, so a Config that exists is valid and a bad file never half-applies.
// Every error names file:line:column (1-based) and what was expected.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/complaints/escalation.hpp"
#include "core/complaints/targets.hpp"
#include "core/distributors/rules.hpp"
#include "core/log_level.hpp"
#include "core/service/workflow.hpp"
#include "core/tiers/churn.hpp"
#include "core/tiers/customer_value.hpp"
#include "core/money/exchange.hpp"
#include "core/tiers/rules.hpp"
#include "core/time/work_calendar.hpp"

namespace kam::config {

struct DatabaseConfig {
  enum class Kind { sqlite, postgresql };
  enum class Synchronous { full, normal };

  Kind kind = Kind::sqlite;
  std::string url;             // as written (or the default), for messages; never holds a password
  std::string sqlite_path;     // sqlite: absolute or relative to the process's working directory
  std::string pg_conninfo;     // postgresql: libpq connection string/URI, password added from env
  Synchronous synchronous = Synchronous::full;  // SQLite only
  int32_t busy_timeout_ms = 5000;               // SQLite busy timeout; PostgreSQL lock_timeout
  int32_t pool_size = 4;                        // connections (PostgreSQL), 1..64
  int32_t lease_timeout_ms = 5000;              // wait for a pooled connection, then KAM_ERR_BUSY
};

struct BusinessConfig {
  std::string time_zone = "UTC";        // IANA name; validated against the system tz database
  std::string reporting_currency = "EUR";  // ISO 4217
};

struct LoggingConfig {
  using Level = core::LogLevel;
  Level level = Level::info;
};

// The calendars section (docs/config.md): named working-time calendars, each built once at load
// into its precomputed table (docs/calendars.md). A WorkCalendar shares its immutable table with its
// copies, so copies of the Config share the calendars and any thread may use them.
struct CalendarsConfig {
  std::map<std::string, core::time::WorkCalendar, std::less<>> by_name;

  // The calendar named `name`, or nullptr (the loader has already refused a reference to a name
  // that does not exist).
  const core::time::WorkCalendar* find(std::string_view name) const {
    const auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &it->second;
  }
};

// The complaints section (docs/config.md, semantics in docs/complaints.md): the SLA targets per tier x
// priority, validated by the core's validate_targets, and the escalation chain. The targets are the
// one source of the response times: tiers' benefits cards show their priority-0 target.
struct ComplaintsConfig {
  std::string calendar;                                // the default calendar of targets; empty: none
  std::vector<core::complaints::Target> targets;       // none: complaints have no SLA clocks
  core::complaints::EscalationChain escalation;
  int64_t check_every_minutes = 1;  // the tick's SLA check runs at most this often (check_every)
};

// The contacts section (1.4, docs/contacts.md): the region national phone numbers are read in.
struct ContactsConfig {
  std::string default_region = "CN";  // ISO 3166 code libphonenumber knows
};

// The visits section (1.4, docs/visits.md). The plan's cadence is each tier's
// benefits.visit_cadence_days; a tier without one has no plan.
struct VisitsConfig {
  int64_t check_every_minutes = 60;  // the tick's visit plan check runs at most this often
  int32_t due_ahead_days = 7;        // "due" is raised this many days before the due date
  int32_t grace_days = 0;            // "overdue" once the due date plus this many days has passed
  std::string supervisor_role;       // overdue, and the manager has no manager: these hear of it
  std::vector<std::string> supervisor_employees;
};

// The identity section (docs/identity.md): when two account names are one company.
struct IdentityConfig {
  int32_t threshold_bp = 8500;  // a pair matches at or above this score (0.85), in 1/10000
  int32_t max_block = 100;      // a name key held by more accounts is paired by sorted neighbourhood
};

struct Config {
  int32_t format_version = 1;   // `kam: 1` at the top of the file
  std::string instance_name = "kam";
  std::string data_dir = ".";   // where the default SQLite file lives
  DatabaseConfig database;
  BusinessConfig business;
  core::AccessRules access;
  LoggingConfig logging;
  CalendarsConfig calendars;   // none unless the calendars section names some
  // The VIP tier engine (docs/tiers.md). All optional: without them there are no exchange rates
  // (amounts must be in the reporting currency), one default tier "standard", the documented
  // customer-value parameters, and no churn scoring.
  core::money::ExchangeRates exchange_rates;   // into business.reporting_currency
  core::tiers::TierConfig tiers;
  core::tiers::CustomerValueConfig customer_value;
  core::tiers::ChurnConfig churn_risk;
  ComplaintsConfig complaints;  // after tiers: targets name tiers and fill their benefits cards
  ContactsConfig contacts;      // 1.4
  VisitsConfig visits;          // 1.4, after access (supervisors name a role)
  core::service::ServiceConfig service;  // 1.4: workflows per tier (docs/service.md); none: events only
  IdentityConfig identity;      // account identity matching
  // 1.5: distributor levels, house-account tiers and the discount approval chain (the distributors
  // and discount_authority sections, docs/distributors.md); none: every registration is rejected
  // (unknown level).
  core::distributors::DistributorRules distributors;

  std::string source_name;      // file path or the name given for text
  std::string yaml_text;         // the YAML as loaded: stored with each config version that classified
  std::string content_hash;     // hex FNV-1a 64 of the YAML text, to tell configs apart

  // One line for `kamhost check-config` and logs, e.g.
  // "config OK: instance 'acme', sqlite /var/lib/kam/kam.db (synchronous=full), 4 roles, tz Asia/Shanghai"
  std::string summary() const;
};

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string message;

  std::string to_string() const;  // "file:line:column: message"
};

// Thrown by the loaders. what() is every diagnostic's to_string(), one per line.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Read and validate a config file. Relative paths inside it (data_dir, sqlite file) are resolved
// against the config file's directory.
Config load_config_file(const std::string& path);

// Validate YAML text; `name` stands for the file in messages. Relative paths resolve against the
// working directory.
Config load_config_text(const std::string& text, const std::string& name);

}  // namespace kam::config
