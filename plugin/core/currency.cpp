#include "core/currency.hpp"

#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/utypes.h>

#include <set>
#include <string>

namespace kam::core {
namespace {

// ICU's list of ISO 4217 codes in common use and not deprecated, read once. (ucurr_isAvailable is
// no good here: ICU 72 keeps one country's date range per code and answers false for GBP, INR,
// DKK, ... over 1970-2100.)
const std::set<std::string>& iso_currencies() {
  static const std::set<std::string> codes = [] {
    std::set<std::string> out;
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration* e = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
    if (U_FAILURE(status)) return out;
    int32_t length = 0;
    while (const char* code = uenum_next(e, &length, &status)) {
      if (U_FAILURE(status)) break;
      out.emplace(code, static_cast<size_t>(length));
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
  return iso_currencies().count(std::string(code)) > 0;
}

int currency_minor_digits(std::string_view code) {
  if (!is_known_currency(code)) return -1;
  UChar iso[4] = {static_cast<UChar>(code[0]), static_cast<UChar>(code[1]),
                  static_cast<UChar>(code[2]), 0};
  UErrorCode status = U_ZERO_ERROR;
  int32_t digits = ucurr_getDefaultFractionDigits(iso, &status);
  return U_SUCCESS(status) ? digits : -1;
}

}  // namespace kam::core
