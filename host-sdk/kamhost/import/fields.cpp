// fields.cpp - checks and message pieces shared by the import formats (see fields.hpp).
#include "import/fields.hpp"

#include "import/events.hpp"

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

int32_t priority_from_text(std::string_view text, const char* field) {
  const std::string_view t = trim(text);
  if (t.size() == 1 && t[0] >= '0' && t[0] <= '4') return t[0] - '0';
  if (auto v = lookup(kPriorities, t)) return *v;
  throw ParseError(std::string(field) + ": " + in_quotes(t) + " is not a priority (" + names(kPriorities) +
                   ", or 0..4 with 0 = unspecified)");
}

uint32_t flag_bits(const Named* table, std::size_t table_size, const std::vector<std::string_view>& given,
                   const char* field) {
  uint32_t bits = 0;
  for (std::string_view raw : given) {
    const std::string_view name = trim(raw);
    if (name.empty()) continue;
    bool found = false;
    for (std::size_t i = 0; i < table_size; ++i) {
      if (name == table[i].name) {
        bits |= static_cast<uint32_t>(table[i].value);
        found = true;
      }
    }
    if (!found) {
      std::string known;
      for (std::size_t i = 0; i < table_size; ++i) known += (i > 0 ? ", " : "") + std::string(table[i].name);
      throw ParseError(std::string(field) + ": " + in_quotes(name) + " is not one of " + known);
    }
  }
  return bits;
}

}  // namespace kamhost::import
