// time_text.cpp - reading and writing times (see time_text.hpp). The calendar and the zones are the
// date library's; this file only reads the digits.
#include "time_text.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <stdexcept>

namespace kamhost {
namespace {

using namespace std::chrono;

// The pieces of "YYYY-MM-DD[(T|t| )HH:MM[:SS[.fff]][Z|z|+HH:MM|-HH:MM]]".
struct Parsed {
  date::local_days day;
  milliseconds time{0};
  bool has_time = false;
  bool has_seconds = false;
  std::optional<minutes> offset;  // set for Z and +-HH:MM
};

// Reads exactly n digits at s[pos]; advances pos.
bool digits(std::string_view s, std::size_t& pos, std::size_t n, unsigned& value) {
  if (pos + n > s.size()) return false;
  value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  pos += n;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<Parsed> parse(std::string_view s) {
  std::size_t pos = 0;
  unsigned year, month, day;
  if (!digits(s, pos, 4, year) || !expect(s, pos, '-') || !digits(s, pos, 2, month) || !expect(s, pos, '-') ||
      !digits(s, pos, 2, day))
    return std::nullopt;
  const date::year_month_day ymd{date::year{static_cast<int>(year)}, date::month{month}, date::day{day}};
  if (!ymd.ok()) return std::nullopt;
  Parsed p;
  p.day = date::local_days{ymd};
  if (pos == s.size()) return p;
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
  ++pos;
  unsigned hour, minute, second = 0;
  if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute)) return std::nullopt;
  p.has_time = true;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!digits(s, pos, 2, second)) return std::nullopt;
    p.has_seconds = true;
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  int64_t ms = 0;
  if (p.has_seconds && pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t n = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (n < 3) ms = ms * 10 + (s[pos] - '0');
      ++n;
      ++pos;
    }
    if (n == 0) return std::nullopt;
    for (std::size_t i = n; i < 3; ++i) ms *= 10;
  }
  p.time = hours{hour} + minutes{minute} + seconds{second} + milliseconds{ms};
  if (pos == s.size()) return p;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
    p.offset = minutes{0};
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    unsigned oh, om;
    if (!digits(s, pos, 2, oh) || !expect(s, pos, ':') || !digits(s, pos, 2, om)) return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    p.offset = minutes{sign * static_cast<int>(oh * 60 + om)};
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  return p;
}

int64_t utc_ms(const Parsed& p, minutes offset) {
  const date::sys_time<milliseconds> t{p.day.time_since_epoch() + p.time - offset};
  return t.time_since_epoch().count();
}

date::zoned_time<milliseconds> in_zone(int64_t ms, const date::time_zone* zone) {
  return date::zoned_time<milliseconds>{zone, date::sys_time<milliseconds>{milliseconds{ms}}};
}

}  // namespace

const date::time_zone* find_zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    throw std::runtime_error("unknown time zone '" + name + "'");
  }
}

std::optional<int64_t> parse_time(std::string_view s) {
  const std::optional<Parsed> p = parse(s);
  if (!p) return std::nullopt;
  if (!p->has_time) return utc_ms(*p, minutes{0});
  // RFC 3339: seconds and the offset are required.
  if (!p->has_seconds || !p->offset) return std::nullopt;
  return utc_ms(*p, *p->offset);
}

std::optional<int64_t> parse_zone_time(std::string_view s, const date::time_zone* zone) {
  const std::optional<Parsed> p = parse(s);
  if (!p) return std::nullopt;
  if (p->offset) return utc_ms(*p, *p->offset);
  const date::local_time<milliseconds> local{p->day.time_since_epoch() + p->time};
  return zone->to_sys(local, date::choose::earliest).time_since_epoch().count();
}

std::string format_utc(int64_t ms, bool with_ms) {
  const date::sys_time<milliseconds> t{milliseconds{ms}};
  return with_ms ? date::format("%Y-%m-%dT%H:%M:%SZ", t) : date::format("%Y-%m-%dT%H:%M:%SZ", floor<seconds>(t));
}

std::string zone_date(int64_t ms, const date::time_zone* zone) { return date::format("%Y-%m-%d", in_zone(ms, zone)); }

std::string zone_time(int64_t ms, const date::time_zone* zone) {
  return date::format("%Y-%m-%d %H:%M", in_zone(ms, zone));
}

std::optional<int64_t> parse_until(std::string_view text, int64_t now, const date::time_zone* zone) {
  auto all_digits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (const std::optional<Parsed> p = parse(text); p && !p->has_time) return parse_zone_time(text, zone);
  if (all_digits(text)) {
    if (text.size() > 18) return std::nullopt;
    return std::stoll(std::string(text));
  }
  if (text.size() >= 3 && text[0] == '+' && all_digits(text.substr(1, text.size() - 2))) {
    const std::string_view digits = text.substr(1, text.size() - 2);
    if (digits.size() > 9) return std::nullopt;
    const int64_t n = std::stoll(std::string(digits));
    int64_t unit = 0;
    switch (text.back()) {
      case 'm': unit = 60'000; break;
      case 'h': unit = 3'600'000; break;
      case 'd': unit = 86'400'000; break;
      case 'w': unit = 7 * 86'400'000LL; break;
      default: return std::nullopt;
    }
    if (n == 0) return std::nullopt;
    return now + n * unit;
  }
  return std::nullopt;
}

}  // namespace kamhost
