// currency_test - ISO 4217 facts come from ICU (a table generated from it at build time, so the
// plugin keeps no ICU state): every currency in common use is known (ICU's ucurr_isAvailable once
// refused GBP and INR), withdrawn and made-up codes are not, and the minor-unit digits are ICU's.
#include <gtest/gtest.h>

#include "core/money/currency.hpp"

namespace {

TEST(Currency, CommonCurrenciesAreKnown) {
  for (const char* code : {"EUR", "USD", "CNY", "GBP", "INR", "DKK", "EGP", "JOD", "MYR", "JPY",
                           "CHF", "BHD", "KWD", "HKD", "SGD", "SEK", "NOK", "BRL", "ZAR", "KRW"})
    EXPECT_TRUE(kam::core::money::is_known_currency(code)) << code;
}

TEST(Currency, MadeUpWithdrawnAndMalformedCodesAreNot) {
  for (const char* code : {"XQZ", "DEM", "FRF", "eur", "EU", "EURO", "", "E1R"})
    EXPECT_FALSE(kam::core::money::is_known_currency(code)) << code;
}

TEST(Currency, MinorDigitsComeFromIcu) {
  EXPECT_EQ(2, kam::core::money::currency_minor_digits("EUR"));
  EXPECT_EQ(2, kam::core::money::currency_minor_digits("CNY"));
  EXPECT_EQ(0, kam::core::money::currency_minor_digits("JPY"));
  EXPECT_EQ(3, kam::core::money::currency_minor_digits("BHD"));
  EXPECT_EQ(-1, kam::core::money::currency_minor_digits("XQZ"));
}

TEST(Currency, LookupFindsCodesAtBothEndsOfTheSortedTable) {
  for (const char* code : {"AED", "AFN", "ALL", "ZAR", "ZMW"})
    EXPECT_TRUE(kam::core::money::is_known_currency(code)) << code;
  for (const char* code : {"AAA", "ZZZ"}) EXPECT_FALSE(kam::core::money::is_known_currency(code)) << code;
  EXPECT_EQ(2, kam::core::money::currency_minor_digits("AED"));
  EXPECT_EQ(2, kam::core::money::currency_minor_digits("ZAR"));
}

}  // namespace
