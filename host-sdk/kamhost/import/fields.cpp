// fields.cpp - checks and message pieces shared by the import formats (see fields.hpp).
#include "import/fields.hpp"

#include <algorithm>
#include <cstring>

namespace kamhost::import {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A value quoted for a message, shortened so a message stays readable.
std::string in_quotes(std::string_view v) {
  constexpr std::size_t kMax = 60;
  std::string s = "'";
  if (v.size() > kMax) {
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 char
    s.append(v.substr(0, cut));
    s += "...";
  } else {
    s.append(v);
  }
  s += "'";
  return s;
}

void set_currency(kam_money& m, std::string_view currency) {
  std::memset(m.currency, 0, sizeof m.currency);
  std::memcpy(m.currency, currency.data(), std::min<std::size_t>(currency.size(), 3));
}

std::string_view currency_or_throw(const char* value) {
  if (value == nullptr || *value == '\0') throw ParseError("currency: is required (an ISO 4217 code like CNY)");
  std::string_view c(value);
  if (c.size() != 3) throw ParseError("currency: " + in_quotes(c) + " is not a three-letter ISO 4217 code");
  return c;
}

}  // namespace kamhost::import
