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
// identity: threshold (a decimal 0..1), max_block (docs/identity.md).
void read_identity(const MapReader& top, Config& config);

}  // namespace kam::config::detail
