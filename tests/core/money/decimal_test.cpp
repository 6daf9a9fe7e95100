// decimal_test.cpp - exact decimal parsing, half-even division and the formats people read.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/money/decimal.hpp"

namespace kam::core::money {
namespace {

TEST(Decimal, HalfEvenDivision) {
  EXPECT_EQ(div_half_even(5, 10), 0);    // 0.5 -> 0
  EXPECT_EQ(div_half_even(15, 10), 2);   // 1.5 -> 2
  EXPECT_EQ(div_half_even(25, 10), 2);   // 2.5 -> 2
  EXPECT_EQ(div_half_even(35, 10), 4);   // 3.5 -> 4
  EXPECT_EQ(div_half_even(26, 10), 3);
  EXPECT_EQ(div_half_even(24, 10), 2);
  EXPECT_EQ(div_half_even(-5, 10), 0);   // -0.5 -> 0
  EXPECT_EQ(div_half_even(-15, 10), -2);
  EXPECT_EQ(div_half_even(-25, 10), -2);
  EXPECT_EQ(div_half_even(-26, 10), -3);
  EXPECT_EQ(div_half_even(25, -10), -2);
  EXPECT_EQ(div_half_even(7, 7), 1);
  EXPECT_EQ(div_floor(-1, 10), -1);
  EXPECT_EQ(div_ceil(1, 10), 1);
  EXPECT_EQ(div_ceil(-1, 10), 0);
}

TEST(Decimal, HalfEvenAgreesWithAReferenceOnManyValues) {
  // Reference: exact comparison of 2*remainder with the divisor, for small numbers.
  for (int n = -300; n <= 300; ++n)
    for (int d = 1; d <= 12; ++d) {
      int q = n / d, r = n % d;
      if (r < 0) {
        --q;
        r += d;
      }
      if (2 * r > d || (2 * r == d && q % 2 != 0)) ++q;
      ASSERT_EQ(div_half_even(n, d), q) << n << "/" << d;
    }
}

TEST(Decimal, ParsesScaledDecimalsExactly) {
  DecimalError e = DecimalError::none;
  EXPECT_EQ(parse_scaled_decimal("1000000.00", 2), 100000000);
  EXPECT_EQ(parse_scaled_decimal("1000000", 2), 100000000);
  EXPECT_EQ(parse_scaled_decimal("0.01", 2), 1);
  EXPECT_EQ(parse_scaled_decimal("-12.5", 2), -1250);
  EXPECT_EQ(parse_scaled_decimal("7.8123", 10), 78123000000);
  EXPECT_EQ(parse_scaled_decimal("92233720368547758.07", 2), INT64_MAX);
  EXPECT_EQ(parse_scaled_decimal("92233720368547758.08", 2, &e), std::nullopt);
  EXPECT_EQ(e, DecimalError::out_of_range);
  EXPECT_EQ(parse_scaled_decimal("1.005", 2, &e), std::nullopt);
  EXPECT_EQ(e, DecimalError::too_many_decimals);
  EXPECT_EQ(parse_scaled_decimal("1.5", 0, &e), std::nullopt);  // JPY has no decimals
  EXPECT_EQ(e, DecimalError::too_many_decimals);
  EXPECT_EQ(parse_scaled_decimal("1,000.00", 2, &e), std::nullopt);
  EXPECT_EQ(e, DecimalError::grouping);
  for (const char* bad : {"", "-", ".5", "5.", "1e6", "+1", " 1", "1.2.3", "0x10", "1_000"})
    EXPECT_EQ(parse_scaled_decimal(bad, 2), std::nullopt) << bad;
}

TEST(Decimal, ParsesPercentagesToBasisPoints) {
  DecimalError e = DecimalError::none;
  EXPECT_EQ(parse_percent_bp("12.5%"), 1250);
  EXPECT_EQ(parse_percent_bp("80%"), 8000);
  EXPECT_EQ(parse_percent_bp("0.01%"), 1);
  EXPECT_EQ(parse_percent_bp("-20%"), -2000);
  EXPECT_EQ(parse_percent_bp("100.00%"), 10000);
  EXPECT_EQ(parse_percent_bp("12.5", &e), std::nullopt);
  EXPECT_EQ(e, DecimalError::missing_percent);
  EXPECT_EQ(parse_percent_bp("12.345%", &e), std::nullopt);
  EXPECT_EQ(e, DecimalError::too_many_decimals);
  EXPECT_EQ(parse_percent_bp("%"), std::nullopt);
}

TEST(Decimal, FormatsMoneyWithTheCurrencysDigits) {
  EXPECT_EQ(format_money(125000000, "CNY"), "CNY 1,250,000.00");
  EXPECT_EQ(format_money(1234, "JPY"), "JPY 1,234");
  EXPECT_EQ(format_money(1234567, "BHD"), "BHD 1,234.567");
  EXPECT_EQ(format_money(5, "EUR"), "EUR 0.05");
  EXPECT_EQ(format_money(-123456, "EUR"), "EUR -1,234.56");
  EXPECT_EQ(format_money(0, "EUR"), "EUR 0.00");
  EXPECT_EQ(format_money(INT64_MAX, "EUR"), "EUR 92,233,720,368,547,758.07");
  EXPECT_EQ(format_money(INT64_MIN, "EUR"), "EUR -92,233,720,368,547,758.08");
  EXPECT_EQ(format_grouped(999, 0), "999");
  EXPECT_EQ(format_grouped(1000, 0), "1,000");
}

TEST(Decimal, FormatsPercentages) {
  EXPECT_EQ(format_percent_bp(2480), "24.8%");
  EXPECT_EQ(format_percent_bp(2000), "20%");
  EXPECT_EQ(format_percent_bp(1), "0.01%");
  EXPECT_EQ(format_percent_bp(0), "0%");
  EXPECT_EQ(format_percent_bp(-1250), "-12.5%");
  EXPECT_EQ(format_percent_bp(1000000), "10,000%");
}

TEST(Decimal, RatioDisplayNeverContradictsTheComparison) {
  // 19.995% exactly: rounds half-even to 20.00% (even), but against a 20% threshold it must not
  // look like it meets it.
  EXPECT_EQ(format_ratio_bp(39990, 20), "20%");  // 1999.5 bp, no threshold: half-even
  EXPECT_EQ(format_ratio_bp(39990, 20, 2000), "19.99%");
  EXPECT_EQ(format_ratio_bp(40001, 20, 2000), "20.01%");  // 2000.05 bp vs 20%: shown above
  EXPECT_EQ(format_ratio_bp(40001, 20), "20%");
  EXPECT_EQ(format_ratio_bp(40000, 20, 2000), "20%");  // exact
  EXPECT_EQ(format_ratio_bp(-39990, 20, -2000), "-19.99%");  // -19.995% is above -20%
  EXPECT_EQ(format_ratio_bp(-40001, 20, -2000), "-20.01%");
  EXPECT_EQ(format_ratio_bp(1, 3), "0%");
  EXPECT_EQ(format_ratio_bp(1, 3, 0), "0.01%");
}

TEST(Decimal, OverflowIsReportedNotWrapped) {
  const int128 big = pow10(38);
  EXPECT_THROW(checked_mul(big, 10, "x"), Error);
  EXPECT_THROW(checked_add(big * 1, big, "x"), Error);
  EXPECT_THROW(to_int64(pow10(19), "x"), Error);
  EXPECT_EQ(to_int64(-pow10(18), "x"), -1000000000000000000LL);
}

}  // namespace
}  // namespace kam::core::money
