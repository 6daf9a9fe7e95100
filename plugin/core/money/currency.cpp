#include "core/money/currency.hpp"

#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/utypes.h>

#include <map>
#include <set>
#include <string>

namespace kam::core::money {
namespace {

// ICU's list of ISO 4217 codes in common use and not deprecated, with their minor digits, read
// once: conversions ask for digits per amount, and ICU's lookup takes a global mutex each time.
// (ucurr_isAvailable is no good here: ICU 72 keeps one country's date range per code and answers
// false for GBP, INR, DKK, ... over 1970-2100.)
const std::map<std::string, int, std::less<>>& iso_currencies() {
  static const std::map<std::string, int, std::less<>> codes = [] {
    std::map<std::string, int, std::less<>> out;
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration* e = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
    if (U_FAILURE(status)) return out;
    int32_t length = 0;
    while (const char* code = uenum_next(e, &length, &status)) {
      if (U_FAILURE(status)) break;
      if (length != 3) continue;
      const UChar iso[4] = {static_cast<UChar>(code[0]), static_cast<UChar>(code[1]),
                            static_cast<UChar>(code[2]), 0};
      UErrorCode digits_status = U_ZERO_ERROR;
      const int32_t digits = ucurr_getDefaultFractionDigits(iso, &digits_status);
      out.emplace(std::string(code, 3), U_SUCCESS(digits_status) ? digits : -1);
    }
    uenum_close(e);
    return out;
  }();
  return codes;
}

}  // namespace

bool is_known_currency(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code)
    if (c < 'A' || c > 'Z') return false;
  return iso_currencies().find(code) != iso_currencies().end();
}

int currency_minor_digits(std::string_view code) {
  const auto it = iso_currencies().find(code);
  return it == iso_currencies().end() ? -1 : it->second;
}

}  // namespace kam::core::money
