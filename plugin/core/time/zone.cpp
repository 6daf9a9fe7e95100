// zone.cpp - time zone lookups on date/tz (see zone.hpp).
#include "core/time/zone.hpp"

#include <chrono>
#include <exception>
#include <string>

#include <date/tz.h>

#include "core/error.hpp"

namespace kam::core::time {
namespace {

// date/tz builds its database once, in a thread-safe function-local static. The Debian library is
// not built with ThreadSanitizer, which cannot see that static's guard and reports the first
// concurrent loads as racing; taking the reference in our own static makes the hand-over visible.
const date::tzdb& tz_database() {
  static const date::tzdb& db = date::get_tzdb();
  return db;
}

}  // namespace

const date::time_zone* locate_zone(std::string_view name) {
  if (name.empty() || name == "localtime" || name == "posixrules" || name == "Factory")
    throw Error(Status::config, "unknown time zone '" + std::string(name) + "'");
  try {
    (void)tz_database();
    const date::time_zone* zone = date::locate_zone(name);
    // Zone files are read on first use (under the library's call_once): this proves it is readable.
    (void)zone->get_info(std::chrono::system_clock::now());
    return zone;
  } catch (const std::exception& e) {
    throw Error(Status::config, "unknown time zone '" + std::string(name) + "': " + e.what());
  }
}

bool is_known_time_zone(std::string_view name) {
  try {
    (void)locate_zone(name);
    return true;
  } catch (const Error&) {
    return false;
  }
}

std::vector<std::string_view> time_zone_names() {
  std::vector<std::string_view> names;
  try {
    const date::tzdb& db = tz_database();
    names.reserve(db.zones.size());
    for (const auto& zone : db.zones) names.push_back(zone.name());
  } catch (const std::exception&) {
    // No database: no names; callers already report the zone as unknown.
  }
  return names;
}

}  // namespace kam::core::time
