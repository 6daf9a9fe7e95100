// sections.hpp - one reader per top-level config section (schema in docs/config.md). Each reads
// its section from the top-level mapping into `config` and reports every problem to the top
// reader's sink; a section left out keeps its defaults. loader.cpp calls them in this order.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "config/config.hpp"
#include "config/yaml_reader.hpp"

namespace kam::config::detail {

// instance: name, data_dir (resolved against `base_dir`, the config file's directory).
void read_instance(const MapReader& top, const std::filesystem::path& base_dir, Config& config);
// database: url, synchronous, busy_timeout_ms, password_env, pool. Needs instance (data_dir).
void read_database(const MapReader& top, Config& config);
// business: time_zone, reporting_currency.
void read_business(const MapReader& top, Config& config);
// access.roles: role -> permissions.
void read_access(const MapReader& top, Config& config);
// logging.level.
void read_logging(const MapReader& top, Config& config);
// calendars: named working-time calendars (docs/calendars.md), built once here.
void read_calendars(const MapReader& top, Config& config);
// For the sections after calendars that name one (SLA targets, workflows): the calendar named by
// the value of `key` in `r`. Nothing when the key is absent or after reporting a name the calendars
// section does not define (with a did-you-mean); a calendar that section defines but refused has had
// its own errors reported and is not reported again. The copy shares the loaded table.
std::optional<core::time::WorkCalendar> get_calendar(const MapReader& top, const MapReader& r, std::string_view key,
                                                     const Config& config);
// The VIP tier engine's sections (semantics in docs/tiers.md). They need business (the reporting
// currency and its minor digits).
void read_exchange_rates(const MapReader& top, Config& config);
void read_tiers(const MapReader& top, Config& config);
void read_customer_value(const MapReader& top, Config& config);
void read_churn_risk(const MapReader& top, Config& config);
// complaints: SLA targets and escalation (docs/complaints.md). Needs calendars and tiers; fills each
// tier's benefits response times from its targets.
void read_complaints(const MapReader& top, Config& config);
// contacts: default_region of phone numbers (docs/contacts.md).
void read_contacts(const MapReader& top, Config& config);
// visits: the visit plan check (docs/visits.md). Needs access (supervisors.role).
void read_visits(const MapReader& top, Config& config);

// Shared by complaints and service (recipients.cpp): business time written in hours or minutes of
// working time (30m, 4h, 16h; days are refused: a business day is not 24 hours), and a list of
// escalation recipients at `list_key` of `r` (owner, assignee, owner_manager, assignee_manager,
// {role: NAME}). Nothing after reporting the problem.
std::optional<int64_t> business_minutes_of(const MapReader& r, const MapReader::Entry& e);
std::optional<std::vector<core::complaints::Recipient>> recipients_of(const MapReader& r, const std::string& path,
                                                                      std::string_view list_key);
// service: pools, supervisors, workflows per tier (docs/service.md). Needs access (role names),
// calendars and tiers.
void read_service(const MapReader& top, Config& config);
// identity: threshold (a decimal 0..1), max_block (docs/identity.md).
void read_identity(const MapReader& top, Config& config);
// distributors and discount_authority: distributor levels, house-account tiers, the approval chain
// (docs/distributors.md). Needs access (roles), business (the reporting currency) and tiers.
void read_distributors(const MapReader& top, Config& config);

}  // namespace kam::config::detail
