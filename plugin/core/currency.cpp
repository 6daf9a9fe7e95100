#include "core/currency.hpp"

#include <unicode/ucurr.h>
#include <unicode/utypes.h>


namespace kam::core {
namespace {

bool to_uchars(std::string_view code, UChar out[4]) {
  if (code.size() != 3) return false;
  for (size_t i = 0; i < 3; ++i) {
    if (code[i] < 'A' || code[i] > 'Z') return false;
    out[i] = static_cast<UChar>(code[i]);
  }
  out[3] = 0;
  return true;
}

}  // namespace

bool is_known_currency(std::string_view code) {
  UChar iso[4];
  if (!to_uchars(code, iso)) return false;
  UErrorCode status = U_ZERO_ERROR;
  // Legal tender at any time from 1970 to 2100 (historical orders may be in a withdrawn currency).
  const UDate from = 0.0, to = 4102444800000.0;
  UBool ok = ucurr_isAvailable(iso, from, to, &status);
  return U_SUCCESS(status) && ok;
}

int currency_minor_digits(std::string_view code) {
  UChar iso[4];
  if (!is_known_currency(code) || !to_uchars(code, iso)) return -1;
  UErrorCode status = U_ZERO_ERROR;
  int32_t digits = ucurr_getDefaultFractionDigits(iso, &status);
  return U_SUCCESS(status) ? digits : -1;
}

}  // namespace kam::core
