// format.cpp - formatting for people (see format.hpp).
#include "render/format.hpp"

#include <algorithm>
#include <iostream>

#include "kamhost.hpp"
#include "text/escape.hpp"

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
  print_table(std::cout, header, rows, right_aligned);
}

void print_row(std::ostream& out, const std::vector<std::string>& r, const std::vector<std::size_t>& width,
               const std::vector<bool>& right_aligned) {
  std::string s;
  for (std::size_t c = 0; c < r.size(); ++c) {
    const std::size_t pad = c < width.size() ? width[c] - std::min(width[c], columns(r[c])) : 0;
    const bool right = c < right_aligned.size() && right_aligned[c];
    if (right) s.append(pad, ' ');
    s += r[c];
    if (c + 1 < r.size()) s.append((right ? 0 : pad) + 2, ' ');
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  out << s << "\n";
}

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& raw_rows, const std::vector<bool>& right_aligned) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(raw_rows.size());
  for (const auto& r : raw_rows) {
    std::vector<std::string> cells;
    for (const auto& c : r) cells.push_back(printable(c));
    rows.push_back(std::move(cells));
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = columns(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size() && c < width.size(); ++c) width[c] = std::max(width[c], columns(r[c]));
  auto line = [&](const std::vector<std::string>& r) { print_row(out, r, width, right_aligned); };
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

int currency_digits(const json& object) {
  const std::optional<int64_t> d = integer_at(object, "reporting_currency_digits");
  if (!d || *d < 0 || *d > 18)
    throw Failure("the plugin's answer does not state reporting_currency_digits (plugin too old?)");
  return static_cast<int>(*d);
}

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

std::string format_business(int64_t ms) {
  const bool negative = ms < 0;
  const uint64_t magnitude = negative ? uint64_t{0} - static_cast<uint64_t>(ms) : static_cast<uint64_t>(ms);
  const uint64_t minutes = magnitude / 60'000;
  const uint64_t h = minutes / 60, m = minutes % 60;
  std::string s = negative && minutes > 0 ? "-" : "";
  if (h > 0) s += grouped(h) + "h";
  if (m > 0 || h == 0) s += (h > 0 ? " " : "") + std::to_string(m) + "m";
  return s;
}

std::string business_minutes_phrase(int64_t minutes) {
  if (minutes > 0 && minutes % 60 == 0)
    return std::to_string(minutes / 60) + (minutes == 60 ? " business hour" : " business hours");
  if (minutes > 0 && minutes < 60) return std::to_string(minutes) + (minutes == 1 ? " business minute" : " business minutes");
  return format_business(minutes * 60'000) + " of business time";
}

std::string grouped(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace kamhost
