#include "core/money/currency.hpp"

#include <algorithm>
#include <iterator>

namespace kam::core::money {
namespace {

struct Currency {
  const char* code;
  int digits;
};

// ISO 4217 codes in common use and not deprecated, with their minor digits, sorted by code:
// generated from ICU at build time (currency_table_gen.cpp), so no ICU state exists at run time.
constexpr Currency kCurrencies[] = {
#include "core/money/currency_table.inc"
};

const Currency* find(std::string_view code) {
  const auto* it = std::lower_bound(std::begin(kCurrencies), std::end(kCurrencies), code,
                                    [](const Currency& c, std::string_view k) { return c.code < k; });
  return it != std::end(kCurrencies) && it->code == code ? it : nullptr;
}

}  // namespace

bool is_known_currency(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code)
    if (c < 'A' || c > 'Z') return false;
  return find(code) != nullptr;
}

int currency_minor_digits(std::string_view code) {
  const Currency* c = find(code);
  return c == nullptr ? -1 : c->digits;
}

}  // namespace kam::core::money
