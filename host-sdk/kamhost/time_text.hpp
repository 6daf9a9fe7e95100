// time_text.hpp - times as people and files write them, read and written with the date library
// (date/tz: calendar maths and IANA zones): RFC 3339 for import files, dates and times in the
// business time zone for the command line and what kamhost prints.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace kamhost {

// An IANA zone by name ("Asia/Shanghai", "UTC"); throws std::runtime_error naming it when unknown.
const date::time_zone* find_zone(const std::string& name);

// "2026-03-01T09:30:00Z", "2026-03-01T17:30:00.250+08:00" (RFC 3339; 't' or ' ' also separate date
// and time, 'z' also means UTC) or a date "2026-03-01" (midnight UTC) -> UTC epoch milliseconds.
// Fractions below a millisecond are dropped. nullopt when s is not such a time.
std::optional<int64_t> parse_time(std::string_view s);

// Like parse_time, but a date or a date-time without an offset ("2026-03-01", "2026-03-01T09:30",
// "2026-03-01 09:30:00") is a local time in zone (a time that falls in a DST gap moves to the
// transition). Seconds are optional here. nullopt when s is none of these.
std::optional<int64_t> parse_zone_time(std::string_view s, const date::time_zone* zone);

// UTC epoch milliseconds -> "2026-03-01T09:30:00Z" (with ".123" when with_ms).
std::string format_utc(int64_t ms, bool with_ms = false);

// UTC epoch milliseconds -> the date "2026-03-01" / "2026-03-01 09:30" in zone.
std::string zone_date(int64_t ms, const date::time_zone* zone);
std::string zone_time(int64_t ms, const date::time_zone* zone);

// An expiry as given on the command line, -> UTC epoch ms; nullopt when it is none of:
//   YYYY-MM-DD   the start (00:00) of that day in zone (the business time zone)
//   digits       UTC epoch milliseconds
//   +N[mhdw]     N minutes, hours, days or weeks from now_ms
std::optional<int64_t> parse_until(std::string_view text, int64_t now_ms, const date::time_zone* zone);

}  // namespace kamhost
