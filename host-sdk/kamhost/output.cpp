// output.cpp - formatting for people (see output.hpp).
#include "output.hpp"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <iostream>

#include "kamhost.hpp"

namespace kamhost {

using nlohmann::json;

std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string shorten(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t cut = max - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "...";
}

void print_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                 const std::vector<bool>& right_aligned) {
  std::vector<std::size_t> width(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = columns(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size() && c < width.size(); ++c) width[c] = std::max(width[c], columns(r[c]));
  auto line = [&](const std::vector<std::string>& r) {
    std::string s;
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::size_t pad = c < width.size() ? width[c] - std::min(width[c], columns(r[c])) : 0;
      const bool right = c < right_aligned.size() && right_aligned[c];
      if (right) s.append(pad, ' ');
      s += r[c];
      if (c + 1 < r.size()) s.append((right ? 0 : pad) + 2, ' ');
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    std::cout << s << "\n";
  };
  line(header);
  for (const auto& r : rows) line(r);
}

std::string text_of(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string text_of(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it == object.end() ? "" : text_of(*it);
}

std::optional<int64_t> integer_at(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

int64_t integer_of(const json& object, const char* key) { return integer_at(object, key).value_or(0); }

bool bool_of(const json& object, const char* key) {
  if (!object.is_object()) return false;
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

int assumed_minor_digits(const std::string& currency) { return currency == "JPY" || currency == "KRW" ? 0 : 2; }

std::string format_money(int64_t minor_units, const std::string& currency, int digits) {
  const bool negative = minor_units < 0;
  // The magnitude without overflow for INT64_MIN.
  const uint64_t magnitude = negative ? uint64_t{0} - static_cast<uint64_t>(minor_units) : static_cast<uint64_t>(minor_units);
  uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  std::string s = currency.empty() ? "" : currency + " ";
  if (negative) s += "-";
  s += grouped(magnitude / scale);
  if (digits > 0) {
    std::string fraction = std::to_string(magnitude % scale);
    s += "." + std::string(static_cast<std::size_t>(digits) - fraction.size(), '0') + fraction;
  }
  return s;
}

std::string format_bp(int64_t bp) {
  const bool negative = bp < 0;
  const uint64_t m = negative ? uint64_t{0} - static_cast<uint64_t>(bp) : static_cast<uint64_t>(bp);
  std::string s = (negative ? "-" : "") + std::to_string(m / 100);
  const uint64_t fraction = m % 100;
  if (fraction != 0) {
    s += fraction % 10 == 0 ? "." + std::to_string(fraction / 10) : (fraction < 10 ? ".0" : ".") + std::to_string(fraction);
  }
  return s + "%";
}

std::string format_bp_fixed(int64_t bp) {
  const bool negative = bp < 0;
  const uint64_t m = negative ? uint64_t{0} - static_cast<uint64_t>(bp) : static_cast<uint64_t>(bp);
  const uint64_t fraction = m % 100;
  return (negative ? "-" : "") + std::to_string(m / 100) + (fraction < 10 ? ".0" : ".") + std::to_string(fraction) + "%";
}

std::string format_minutes(int64_t minutes) {
  if (minutes > 0 && minutes % (7 * 24 * 60) == 0) return std::to_string(minutes / (7 * 24 * 60)) + "w";
  if (minutes > 0 && minutes % (24 * 60) == 0) return std::to_string(minutes / (24 * 60)) + "d";
  if (minutes > 0 && minutes % 60 == 0) return std::to_string(minutes / 60) + "h";
  return std::to_string(minutes) + "m";
}

namespace {

std::string local_format(int64_t ms, const char* format) {
  // Floor division, so times before 1970 fall on the right second.
  int64_t seconds = ms / 1000;
  if (ms % 1000 < 0) --seconds;
  const time_t t = static_cast<time_t>(seconds);
  struct tm tm_local {};
  if (localtime_r(&t, &tm_local) == nullptr) return std::to_string(ms);
  char text[64];
  const std::size_t n = strftime(text, sizeof text, format, &tm_local);
  return std::string(text, n);
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::string local_date(int64_t ms) { return local_format(ms, "%Y-%m-%d"); }

std::string local_time(int64_t ms) { return local_format(ms, "%Y-%m-%d %H:%M"); }

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::optional<int64_t> parse_until(const std::string& text, int64_t now) {
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' && all_digits(text.substr(0, 4)) &&
      all_digits(text.substr(5, 2)) && all_digits(text.substr(8, 2))) {
    const int year = std::stoi(text.substr(0, 4));
    const int month = std::stoi(text.substr(5, 2));
    const int day = std::stoi(text.substr(8, 2));
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (year < 1970 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || (month == 2 && day == 29 && !leap))
      return std::nullopt;
    struct tm tm_local {};
    tm_local.tm_year = year - 1900;
    tm_local.tm_mon = month - 1;
    tm_local.tm_mday = day;
    tm_local.tm_isdst = -1;  // let the zone's rules decide
    const time_t t = mktime(&tm_local);
    if (t == static_cast<time_t>(-1)) return std::nullopt;
    return static_cast<int64_t>(t) * 1000;
  }
  if (all_digits(text)) {
    if (text.size() > 18) return std::nullopt;
    return std::stoll(text);
  }
  if (text.size() >= 3 && text[0] == '+' && all_digits(text.substr(1, text.size() - 2))) {
    const std::string digits = text.substr(1, text.size() - 2);
    if (digits.size() > 9) return std::nullopt;
    const int64_t n = std::stoll(digits);
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
