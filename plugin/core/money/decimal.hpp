// decimal.hpp - exact decimal arithmetic for the tier engine: parsing decimal strings from the
// config into scaled integers (money in minor units, percentages in basis points, exchange rates),
// division with one documented rounding (half-even), and formatting for people.
//
// No floating point anywhere: every value is an integer at a known scale, intermediate products
// are __int128, and overflow is reported (kam::Error), never wrapped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kam::core::money {

using int128 = __int128;

// n / d rounded to the nearest integer, ties to the even neighbour (banker's rounding); signs are
// handled (-2.5 -> -2, -3.5 -> -4). These three throw kam::Error(Status::invalid_argument) for
// d == 0 and for a quotient that does not fit (the smallest int128 / -1).
int128 div_half_even(int128 n, int128 d);
// n / d rounded down (towards minus infinity) and up.
int128 div_floor(int128 n, int128 d);
int128 div_ceil(int128 n, int128 d);

// 10^n for 0 <= n <= 38; kam::Error(Status::invalid_argument) for any other n.
int128 pow10(int n);

// a * b and a + b, throwing kam::Error(Status::invalid_argument, "<what>: number too large") on
// overflow of __int128.
int128 checked_mul(int128 a, int128 b, std::string_view what);
int128 checked_add(int128 a, int128 b, std::string_view what);
// The value as int64, or kam::Error as above when it does not fit.
int64_t to_int64(int128 v, std::string_view what);

// Why a decimal string was refused.
enum class DecimalError {
  none,
  syntax,             // not [-]digits[.digits]
  grouping,           // contains ',' or '_' or ' ' (thousands separators)
  too_many_decimals,  // more fraction digits than the scale allows
  out_of_range,       // does not fit int64 at the scale
  missing_percent,    // parse_percent_bp: no trailing '%'
};

// "-1234.5" at scale 3 -> -1234500. Accepts an optional leading '-', at least one digit before an
// optional '.', and at most `scale` digits after it (trailing zeros count: "1.50" needs scale 2).
// No '+', exponents, spaces or separators.
std::optional<int64_t> parse_scaled_decimal(std::string_view text, int scale, DecimalError* error = nullptr);

// "12.5%" -> 1250 basis points (1 bp = 0.01%). At most two decimals; the '%' is required.
std::optional<int64_t> parse_percent_bp(std::string_view text, DecimalError* error = nullptr);

// 1250000 at scale 2 -> "12,500.00"; negative values get a leading '-'. Scale 0 has no point.
std::string format_grouped(int128 scaled, int scale);

// "CNY 1,250,000.00" - minor units with the currency's minor digits (ICU); "JPY 1,234".
std::string format_money(int64_t minor_units, std::string_view currency);

// Basis points as a percentage without trailing zeros: 2480 -> "24.8%", 2000 -> "20%",
// 1 -> "0.01%", -1250 -> "-12.5%".
std::string format_percent_bp(int64_t bp);

// A ratio in basis points (num/den bp, den > 0) shown to 0.01%: exact values as format_percent_bp;
// otherwise rounded half-even, except that when a threshold is given the rounding never crosses it
// or lands on it (19.995% against 20% shows "19.99%", 20.004% shows "20.01%"), so the shown value
// and the comparison always agree.
std::string format_ratio_bp(int128 num, int128 den, std::optional<int64_t> threshold_bp = std::nullopt);

}  // namespace kam::core::money
