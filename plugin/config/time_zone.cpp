// time_zone.cpp - time zone checks on date/tz (see time_zone.hpp).
#include "config/time_zone.hpp"

#include <chrono>
#include <exception>
#include <vector>

#include <date/tz.h>

#include "config/did_you_mean.hpp"

namespace kam::config::detail {
namespace {

// date/tz builds its database once, in a thread-safe function-local static. The Debian library is
// not built with ThreadSanitizer, which cannot see that static's guard and reports the first
// concurrent loads as racing; taking the reference in our own static makes the hand-over visible.
const date::tzdb& tz_database() {
  static const date::tzdb& db = date::get_tzdb();
  return db;
}

}  // namespace

bool is_known_time_zone(std::string_view name) {
  // Names that are files under zoneinfo but not zones an admin should pin a business to.
  if (name.empty() || name == "localtime" || name == "posixrules" || name == "Factory") return false;
  try {
    (void)tz_database();
    const date::time_zone* zone = date::locate_zone(name);
    // Zone files are read on first use (under the library's call_once): this proves it is readable.
    (void)zone->get_info(std::chrono::system_clock::now());
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::optional<std::string> closest_time_zone(std::string_view name) {
  try {
    const date::tzdb& db = tz_database();
    std::vector<std::string_view> names;
    // With USE_OS_TZDB (Debian's build) links such as US/Pacific are files, hence listed as zones.
    names.reserve(db.zones.size());
    for (const auto& zone : db.zones) names.push_back(zone.name());
    auto match = closest_match(name, names);
    if (match && is_known_time_zone(*match)) return match;
  } catch (const std::exception&) {
    // No database: no suggestion; the caller already reports the name as unknown.
  }
  return std::nullopt;
}

}  // namespace kam::config::detail
