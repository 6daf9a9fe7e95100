// time_zone.hpp - checks that business.time_zone names a zone in the system's IANA tz database
// (via date/tz, which reads /usr/share/zoneinfo), and suggests the nearest name for a typo.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kam::config::detail {

// True when `name` is a zone or link in the tz database and its data can be read.
bool is_known_time_zone(std::string_view name);

// The zone name nearest to a misspelt one ("Asia/Shangai" -> "Asia/Shanghai"), if any is close.
std::optional<std::string> closest_time_zone(std::string_view name);

}  // namespace kam::config::detail
