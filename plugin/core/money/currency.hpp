// currency.hpp - ISO 4217 facts from ICU (not a hand-made table): is a code a real, current
// currency, and how many minor-unit digits it has. The table is generated from ICU at build time
// (currency_table_gen.cpp): the plugin keeps no ICU state, so unloading it leaks nothing.
#pragma once

#include <string_view>

namespace kam::core::money {

// True for a three-letter upper-case ISO 4217 code that ICU knows as a currency in use today.
bool is_known_currency(std::string_view code);

// Minor-unit digits of a currency (EUR 2, JPY 0, BHD 3); -1 for an unknown code.
int currency_minor_digits(std::string_view code);

}  // namespace kam::core::money
