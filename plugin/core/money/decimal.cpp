#include "core/money/decimal.hpp"

#include <array>

#include <limits>

#include "core/money/currency.hpp"
#include "core/error.hpp"

namespace kam::core::money {
namespace {

constexpr int128 kInt128Min = static_cast<int128>(static_cast<unsigned __int128>(1) << 127);
constexpr int kMaxPow10 = 38;  // 10^38 < 2^127 - 1 < 10^39

[[noreturn]] void too_large(std::string_view what) {
  throw Error(Status::invalid_argument, std::string(what) + ": number too large");
}

// -v, which does not exist for the smallest int128.
int128 negated(int128 v, std::string_view what) {
  if (v == kInt128Min) too_large(what);
  return -v;
}

// n / d and n % d, refusing the two divisions C++ leaves undefined.
void check_division(int128 n, int128 d) {
  if (d == 0) throw Error(Status::invalid_argument, "decimal division by zero");
  if (d == -1 && n == kInt128Min) too_large("decimal division");
}

}  // namespace

int128 div_floor(int128 n, int128 d) {
  check_division(n, d);
  int128 q = n / d, r = n % d;
  if (r != 0 && ((r < 0) != (d < 0))) --q;
  return q;
}

int128 div_ceil(int128 n, int128 d) {
  check_division(n, d);
  int128 q = n / d, r = n % d;
  if (r != 0 && ((r < 0) == (d < 0))) ++q;
  return q;
}

int128 div_half_even(int128 n, int128 d) {
  check_division(n, d);
  if (d < 0) {
    n = negated(n, "decimal division");
    d = negated(d, "decimal division");
  }
  int128 q = div_floor(n, d);
  int128 r = n % d;  // not n - q * d: q * d may pass the smallest int128 when n is near it
  if (r < 0) r += d;  // 0 <= r < d
  // Compare 2r with d without overflow: r - (d - r).
  const int128 diff = r - (d - r);
  if (diff > 0 || (diff == 0 && (q % 2 != 0))) ++q;
  return q;
}

int128 pow10(int n) {
  // A table: conversions ask for powers several times per amount.
  static const auto table = [] {
    std::array<int128, kMaxPow10 + 1> t{};
    t[0] = 1;
    for (size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  if (n < 0 || n > kMaxPow10)
    throw Error(Status::invalid_argument, "10^" + std::to_string(n) + ": power of ten outside 10^0..10^38");
  return table[static_cast<size_t>(n)];
}

int128 checked_mul(int128 a, int128 b, std::string_view what) {
  int128 out = 0;
  if (__builtin_mul_overflow(a, b, &out)) too_large(what);
  return out;
}

int128 checked_add(int128 a, int128 b, std::string_view what) {
  int128 out = 0;
  if (__builtin_add_overflow(a, b, &out)) too_large(what);
  return out;
}

int64_t to_int64(int128 v, std::string_view what) {
  if (v > std::numeric_limits<int64_t>::max() || v < std::numeric_limits<int64_t>::min()) too_large(what);
  return static_cast<int64_t>(v);
}

std::optional<int64_t> parse_scaled_decimal(std::string_view text, int scale, DecimalError* error) {
  auto fail = [&](DecimalError e) -> std::optional<int64_t> {
    if (error) *error = e;
    return std::nullopt;
  };
  if (error) *error = DecimalError::none;
  for (char c : text)
    if (c == ',' || c == '_' || c == ' ' || c == '\'') return fail(DecimalError::grouping);
  bool negative = false;
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  int128 value = 0;
  std::size_t int_digits = 0, frac_digits = 0;
  bool point = false;
  bool overflow = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (point || int_digits == 0) return fail(DecimalError::syntax);
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return fail(DecimalError::syntax);
    (point ? frac_digits : int_digits)++;
    if (value < pow10(30)) value = value * 10 + (c - '0');
    else overflow = true;
  }
  if (int_digits == 0 || (point && frac_digits == 0)) return fail(DecimalError::syntax);
  if (frac_digits > static_cast<std::size_t>(scale)) return fail(DecimalError::too_many_decimals);
  if (overflow) return fail(DecimalError::out_of_range);
  // value < 10^31 here; a large scale could still carry it past int128, so check the product.
  if (__builtin_mul_overflow(value, pow10(scale - static_cast<int>(frac_digits)), &value))
    return fail(DecimalError::out_of_range);
  if (negative) value = -value;
  if (value > std::numeric_limits<int64_t>::max() || value < std::numeric_limits<int64_t>::min())
    return fail(DecimalError::out_of_range);
  return static_cast<int64_t>(value);
}

std::optional<int64_t> parse_percent_bp(std::string_view text, DecimalError* error) {
  if (text.empty() || text.back() != '%') {
    if (error) *error = DecimalError::missing_percent;
    return std::nullopt;
  }
  text.remove_suffix(1);
  return parse_scaled_decimal(text, 2, error);
}

std::string format_grouped(int128 scaled, int scale) {
  const bool negative = scaled < 0;
  // The magnitude unsigned: the smallest int128 has no positive counterpart.
  const unsigned __int128 v = negative ? -static_cast<unsigned __int128>(scaled) : static_cast<unsigned __int128>(scaled);
  const unsigned __int128 unit = static_cast<unsigned __int128>(pow10(scale));
  unsigned __int128 whole = v / unit, frac = v % unit;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(whole % 10)));
    whole /= 10;
  } while (whole != 0);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  if (scale > 0) {
    std::string f(static_cast<std::size_t>(scale), '0');
    for (int i = scale - 1; i >= 0; --i, frac /= 10) f[static_cast<std::size_t>(i)] = static_cast<char>('0' + static_cast<int>(frac % 10));
    out += '.' + f;
  }
  return negative ? "-" + out : out;
}

std::string format_money(int64_t minor_units, std::string_view currency) {
  int digits = currency_minor_digits(currency);
  if (digits < 0) digits = 2;
  return std::string(currency) + " " + format_grouped(minor_units, digits);
}

std::string format_percent_bp(int64_t bp) {
  std::string s = format_grouped(bp, 2);
  // Trim "24.80" -> "24.8", "20.00" -> "20".
  while (!s.empty() && s.back() == '0' && s.find('.') != std::string::npos) s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s + "%";
}

std::string format_ratio_bp(int128 num, int128 den, std::optional<int64_t> threshold_bp) {
  check_division(num, den);
  if (den < 0) {
    num = negated(num, "percentage");
    den = negated(den, "percentage");
  }
  if (num % den == 0) return format_percent_bp(to_int64(num / den, "percentage"));
  int128 shown = div_half_even(num, den);
  if (threshold_bp) {
    const int128 t = *threshold_bp;
    // The exact value v = num/den is not an integer, so v < t or v > t; for an integer t,
    // v < t exactly when floor(v) < t (no product t * den that could overflow).
    const int128 low = div_floor(num, den), high = low + 1;
    if (low < t && shown >= t) shown = low;
    if (high > t && shown <= t) shown = high;
  }
  return format_percent_bp(to_int64(shown, "percentage"));
}

}  // namespace kam::core::money
