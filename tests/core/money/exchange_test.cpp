// exchange_test.cpp - exchange rates with effective dates, exact conversion between currencies
// with different minor digits, half-even rounding applied once, totals rounded once.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "test_util.hpp"

namespace kam::core::money {
namespace {

using namespace kam::core::tiers::test;

int64_t rate(const char* text) { return *ExchangeRate::parse_rate(text); }

ExchangeRates cny_rates() {
  return ExchangeRates("CNY", {{"EUR", rate("7.90"), ymd(2026, 2, 1)},  // given out of order on purpose
                               {"EUR", rate("7.80"), ymd(2026, 1, 1)},
                               {"USD", rate("7.1850"), ymd(2026, 1, 1)}});
}

TEST(ExchangeRates, ParsesRatesAsScaledIntegers) {
  EXPECT_EQ(ExchangeRate::parse_rate("7.8123"), 78123000000);
  EXPECT_EQ(ExchangeRate::parse_rate("0.0000000001"), 1);  // 10 decimals
  EXPECT_EQ(ExchangeRate::parse_rate("0.00000000001"), std::nullopt);
  EXPECT_EQ(ExchangeRate::parse_rate("0"), std::nullopt);
  EXPECT_EQ(ExchangeRate::parse_rate("-7.8"), std::nullopt);
  EXPECT_EQ(ExchangeRate::parse_rate("7,8"), std::nullopt);
}

TEST(ExchangeRates, RateAppliesFromItsDateUntilTheNextOne) {
  const ExchangeRates r = cny_rates();
  EXPECT_EQ(r.rate_on("EUR", ymd(2025, 12, 31)), std::nullopt);
  EXPECT_EQ(r.rate_on("EUR", ymd(2026, 1, 1)), rate("7.80"));
  EXPECT_EQ(r.rate_on("EUR", ymd(2026, 1, 31)), rate("7.80"));
  EXPECT_EQ(r.rate_on("EUR", ymd(2026, 2, 1)), rate("7.90"));
  EXPECT_EQ(r.rate_on("EUR", ymd(2030, 1, 1)), rate("7.90"));
  EXPECT_EQ(r.rate_on("CNY", ymd(1999, 1, 1)), 10000000000);  // the reporting currency: 1
  EXPECT_EQ(r.rate_on("CHF", ymd(2026, 3, 1)), std::nullopt);
  ASSERT_EQ(r.rates().size(), 3u);
  EXPECT_EQ(r.rates()[0].from, ymd(2026, 1, 1));  // sorted by currency, then date
}

TEST(ExchangeRates, ConvertsAtTheOrdersDate) {
  const ExchangeRates r = cny_rates();
  EXPECT_EQ(r.convert(amount_of(10000, "EUR"), ymd(2026, 1, 31)), 78000);  // EUR 100.00 -> CNY 780.00
  EXPECT_EQ(r.convert(amount_of(10000, "EUR"), ymd(2026, 2, 1)), 79000);
  EXPECT_EQ(r.convert(amount_of(10000, "USD"), ymd(2026, 2, 1)), 71850);
  EXPECT_EQ(r.convert(amount_of(12345, "CNY"), ymd(2000, 1, 1)), 12345);
  EXPECT_EQ(r.convert(amount_of(-10000, "EUR"), ymd(2026, 1, 2)), -78000);  // credit note
}

TEST(ExchangeRates, OrderDateIsTheLocalDateInTheBusinessTimeZone) {
  const ExchangeRates r = cny_rates();
  // 2026-01-31 17:00 UTC is already 2026-02-01 01:00 in Shanghai: the February rate applies there.
  const int64_t at = utc_ms(2026, 1, 31, 17);
  EXPECT_EQ(r.convert_at(amount_of(10000, "EUR"), at, time::BusinessCalendar("Asia/Shanghai")), 79000);
  EXPECT_EQ(r.convert_at(amount_of(10000, "EUR"), at, time::BusinessCalendar("UTC")), 78000);
  EXPECT_EQ(r.convert_at(amount_of(10000, "EUR"), at, time::BusinessCalendar("America/New_York")), 78000);
}

TEST(ExchangeRates, MissingRateIsAnErrorThatSaysWhatIsMissing) {
  const ExchangeRates r = cny_rates();
  try {
    r.convert(amount_of(100, "EUR"), ymd(2025, 12, 31));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::not_found);
    EXPECT_STREQ(e.what(), "no exchange rate for EUR on 2025-12-31 (its rates start 2026-01-01)");
  }
  try {
    r.convert(amount_of(100, "CHF"), ymd(2026, 3, 1));
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "no exchange rate for CHF on 2026-03-01 (add it to exchange_rates)");
  }
  EXPECT_THROW(r.convert(amount_of(100, "XXQ"), ymd(2026, 3, 1)), Error);
}

TEST(ExchangeRates, HalfEvenRoundingOnceJpyToEur) {
  // JPY has 0 minor digits, EUR 2: 1 JPY = 0.0061 EUR = 0.61 cents.
  const ExchangeRates r("EUR", {{"JPY", rate("0.0061"), ymd(2026, 1, 1)}});
  const time::LocalDate d = ymd(2026, 1, 1);
  EXPECT_EQ(r.convert(amount_of(50, "JPY"), d), 30);       // 30.5 cents -> 30 (even)
  EXPECT_EQ(r.convert(amount_of(150, "JPY"), d), 92);      // 91.5 -> 92 (even)
  EXPECT_EQ(r.convert(amount_of(250, "JPY"), d), 152);     // 152.5 -> 152
  EXPECT_EQ(r.convert(amount_of(12345, "JPY"), d), 7530);  // 7530.45 -> 7530
  EXPECT_EQ(r.convert(amount_of(12346, "JPY"), d), 7531);  // 7531.06 -> 7531
  EXPECT_EQ(r.convert(amount_of(-50, "JPY"), d), -30);     // -30.5 -> -30
  EXPECT_EQ(r.convert(amount_of(-150, "JPY"), d), -92);
  EXPECT_EQ(r.convert(amount_of(1, "JPY"), d), 1);         // 0.61 -> 1
}

TEST(ExchangeRates, HalfEvenRoundingOnceEurToJpy) {
  // Into a currency without minor units: 1 cent = 1.5 JPY.
  const ExchangeRates r("JPY", {{"EUR", rate("150"), ymd(2026, 1, 1)}});
  const time::LocalDate d = ymd(2026, 1, 1);
  EXPECT_EQ(r.convert(amount_of(1, "EUR"), d), 2);    // 1.5 -> 2
  EXPECT_EQ(r.convert(amount_of(3, "EUR"), d), 4);    // 4.5 -> 4
  EXPECT_EQ(r.convert(amount_of(5, "EUR"), d), 8);    // 7.5 -> 8
  EXPECT_EQ(r.convert(amount_of(100, "EUR"), d), 150);
}

TEST(ExchangeRates, ThreeDigitCurrencies) {
  const time::LocalDate d = ymd(2026, 1, 1);
  // BHD (3 digits) into CNY (2): 1 fils = 1.9 fen at 19 CNY per BHD.
  const ExchangeRates into_cny("CNY", {{"BHD", rate("19"), d}});
  EXPECT_EQ(into_cny.convert(amount_of(5, "BHD"), d), 10);   // 9.5 -> 10 (even)
  EXPECT_EQ(into_cny.convert(amount_of(15, "BHD"), d), 28);  // 28.5 -> 28 (even)
  EXPECT_EQ(into_cny.convert(amount_of(1000, "BHD"), d), 1900);
  // EUR (2) into BHD (3): 1 cent = 4.5 fils at 0.45 BHD per EUR.
  const ExchangeRates into_bhd("BHD", {{"EUR", rate("0.45"), d}, {"KWD", rate("1.2345"), d}});
  EXPECT_EQ(into_bhd.convert(amount_of(1, "EUR"), d), 4);   // 4.5 -> 4
  EXPECT_EQ(into_bhd.convert(amount_of(3, "EUR"), d), 14);  // 13.5 -> 14
  EXPECT_EQ(into_bhd.convert(amount_of(1, "KWD"), d), 1);   // 3 digits to 3 digits: 1.2345 -> 1
  EXPECT_EQ(into_bhd.convert(amount_of(2, "KWD"), d), 2);   // 2.469 -> 2
  EXPECT_EQ(into_bhd.reporting_digits(), 3);
}

TEST(ExchangeRates, TotalsAreRoundedOnceNotPerOrder) {
  const ExchangeRates r("EUR", {{"JPY", rate("0.0061"), ymd(2026, 1, 1)}});
  const time::LocalDate d = ymd(2026, 1, 1);
  // Each 50 JPY is 30.5 cents; rounded per order the total would be 90, exactly it is 91.5 -> 92.
  EXPECT_EQ(sum_in_reporting_currency({{amount_of(50, "JPY"), d}, {amount_of(50, "JPY"), d}, {amount_of(50, "JPY"), d}}, r), 92);
  ReportingSum sum(r);
  EXPECT_TRUE(sum.empty());
  EXPECT_EQ(sum.total(), 0);
  sum.add(amount_of(50, "JPY"), d);
  sum.add(amount_of(199, "EUR"), d);
  EXPECT_EQ(sum.total(), 230);  // 30.5 + 199 = 229.5 -> 230 (even)
  EXPECT_EQ(sum.count(), 2);
}

TEST(ExchangeRates, ManyAmountsMatchAnIndependentReference) {
  // Reference: exact rational arithmetic with long division, for a spread of amounts and rates.
  const time::LocalDate d = ymd(2026, 1, 1);
  const int64_t rates[] = {rate("7.8123"), rate("0.0478"), rate("0.1234567891"), rate("150.5")};
  uint64_t seed = 12345;
  for (int64_t rt : rates) {
    const ExchangeRates r("CNY", {{"JPY", rt, d}, {"BHD", rt, d}});
    for (int i = 0; i < 500; ++i) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      const int64_t amount = static_cast<int64_t>(seed >> 24) % 100000000 - 50000000;
      for (const char* currency : {"JPY", "BHD"}) {
        const int from_digits = std::string(currency) == "JPY" ? 0 : 3;
        // amount * rate * 10^2 / 10^(10 + from_digits), half-even.
        const int128 num = static_cast<int128>(amount) * rt * 100;
        const int128 den = pow10(10 + from_digits);
        int128 q = num / den, rem = num % den;
        if (rem < 0) {
          --q;
          rem += den;
        }
        if (2 * rem > den || (2 * rem == den && q % 2 != 0)) ++q;
        ASSERT_EQ(r.convert(amount_of(amount, currency), d), static_cast<int64_t>(q)) << amount << " " << currency;
      }
    }
  }
}

TEST(ExchangeRates, RefusesInvalidTables) {
  const time::LocalDate d = ymd(2026, 1, 1);
  EXPECT_THROW(ExchangeRates("CNY", {{"CNY", rate("1"), d}}), Error);
  EXPECT_THROW(ExchangeRates("CNY", {{"EUR", rate("7"), d}, {"EUR", rate("8"), d}}), Error);
  EXPECT_THROW(ExchangeRates("CNY", {{"EUX", rate("7"), d}}), Error);
  EXPECT_THROW(ExchangeRates("CNY", {{"EUR", 0, d}}), Error);
  EXPECT_THROW(ExchangeRates("RMB"), Error);
}

TEST(ExchangeRates, OverflowIsAnErrorNotAWrongNumber) {
  const ExchangeRates r("CNY", {{"EUR", rate("1000"), ymd(2026, 1, 1)}});
  try {
    r.convert(amount_of(INT64_MAX, "EUR"), ymd(2026, 1, 1));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::invalid_argument);
    EXPECT_STREQ(e.what(), "currency conversion: number too large");
  }
}

// The extremes every step must survive without undefined behaviour (see decimal_test.cpp).
TEST(ExchangeExtremes, LargestAmountsAndRatesAreErrorsNotWrongNumbers) {
  const time::LocalDate d = ymd(2026, 1, 1);
  const int64_t largest_rate = *ExchangeRate::parse_rate("922337203.6854775807");
  EXPECT_EQ(largest_rate, INT64_MAX);
  EXPECT_EQ(ExchangeRate::parse_rate(std::string(31, '9')), std::nullopt);  // the fuzzer's input
  auto expect_too_large = [](auto&& f, const char* message) {
    try {
      f();
      ADD_FAILURE() << "no overflow reported";
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), Status::invalid_argument);
      EXPECT_STREQ(e.what(), message);
    }
  };
  // INT64_MAX EUR at the largest rate into BHD (3 digits): the product passes 2^127.
  const ExchangeRates bhd("BHD", {{"EUR", largest_rate, d}});
  expect_too_large([&] { bhd.convert(amount_of(INT64_MAX, "EUR"), d); }, "currency conversion: number too large");
  expect_too_large([&] { bhd.convert(amount_of(INT64_MIN, "EUR"), d); }, "currency conversion: number too large");
  // A 38-digit product that fits int128 (BHD has 3 digits, JPY none) but not the int64 result.
  const int64_t rate = INT64_MAX / 10;
  const ExchangeRates jpy("JPY", {{"BHD", rate, d}});
  EXPECT_EQ(jpy.exact_scaled(amount_of(INT64_MAX, "BHD"), d), static_cast<int128>(INT64_MAX) * rate * 10);
  expect_too_large([&] { jpy.convert(amount_of(INT64_MAX, "BHD"), d); }, "currency conversion: number too large");
  EXPECT_EQ(jpy.convert(amount_of(1, "BHD"), d), 92234);  // 0.001 BHD at 92,233,720.3685477580
  // Totals: each INT64_MAX fits, their sum does not.
  ReportingSum sum(jpy);
  sum.add(amount_of(INT64_MAX, "JPY"), d);
  EXPECT_EQ(sum.total(), INT64_MAX);
  sum.add(amount_of(1, "JPY"), d);
  expect_too_large([&] { sum.total(); }, "reporting total: number too large");
  ReportingSum wide(jpy);
  expect_too_large([&] { for (int i = 0; i < 3; ++i) wide.add(amount_of(INT64_MAX, "BHD"), d); },
                   "reporting total: number too large");
}

}  // namespace
}  // namespace kam::core::money
