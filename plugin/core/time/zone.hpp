// zone.hpp - the one place KAM looks up IANA time zones: the system tz database (/usr/share/zoneinfo)
// through date/tz. Calendars, the config loader and ingestion all go through here.
#pragma once

#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace kam::core::time {

// The zone named `name`, its data read now (so a broken file fails here, not in the middle of an
// evaluation). Throws kam::Error(Status::config, "unknown time zone '...'") for anything else,
// including names that are files under zoneinfo but no place to pin a business to (localtime,
// posixrules, Factory).
const date::time_zone* locate_zone(std::string_view name);

// True when locate_zone(name) would succeed.
bool is_known_time_zone(std::string_view name);

// Every zone name in the database (links such as US/Pacific included: Debian's build reads them
// as files), for suggestions. The views stay valid for the life of the process.
std::vector<std::string_view> time_zone_names();

}  // namespace kam::core::time
