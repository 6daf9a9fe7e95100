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

// Found by libFuzzer under UBSan: 31 nines (0x7e37be2022c0914b267fffffff) at a scale of 10 was
// multiplied by 10^10 past int128. Every step now checks; build with -fsanitize=undefined to see
// that none of these is undefined behaviour.
TEST(DecimalExtremes, ParsingLargeNumbersAtLargeScalesIsOutOfRange) {
  DecimalError e = DecimalError::none;
  const std::string nines31(31, '9');
  EXPECT_EQ(parse_scaled_decimal(nines31, 10, &e), std::nullopt);
  EXPECT_EQ(e, DecimalError::out_of_range);
  EXPECT_EQ(parse_scaled_decimal(std::string(40, '9') + ".5", 10, &e), std::nullopt);
  EXPECT_EQ(e, DecimalError::out_of_range);
  EXPECT_EQ(parse_scaled_decimal("-" + nines31, 18, &e), std::nullopt);
  EXPECT_EQ(e, DecimalError::out_of_range);
  EXPECT_EQ(parse_scaled_decimal("9223372036854775807", 0), INT64_MAX);
  EXPECT_EQ(parse_scaled_decimal("-9223372036854775808", 0), INT64_MIN);
  EXPECT_EQ(parse_scaled_decimal("922337203.6854775807", 10), INT64_MAX);  // the largest rate
  EXPECT_EQ(parse_scaled_decimal("922337203.6854775808", 10, &e), std::nullopt);
  EXPECT_EQ(e, DecimalError::out_of_range);
  EXPECT_EQ(parse_scaled_decimal("0." + std::string(37, '0') + "1", 38), 1);
}

TEST(DecimalExtremes, PowersOfTenOutsideInt128AreErrors) {
  EXPECT_EQ(pow10(38), pow10(19) * pow10(19));
  try {
    pow10(39);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::invalid_argument);
    EXPECT_STREQ(e.what(), "10^39: power of ten outside 10^0..10^38");
  }
  EXPECT_THROW(pow10(-1), Error);
  EXPECT_THROW(parse_scaled_decimal("1", 39), Error);  // a scale no caller may ask for
}

TEST(DecimalExtremes, DivisionsThatDoNotFitAreErrors) {
  const int128 min = static_cast<int128>(static_cast<unsigned __int128>(1) << 127);
  const int128 max = -(min + 1);
  EXPECT_THROW(div_floor(min, -1), Error);
  EXPECT_THROW(div_ceil(min, -1), Error);
  EXPECT_THROW(div_half_even(min, -1), Error);
  EXPECT_THROW(div_half_even(1, min), Error);  // -d does not exist
  EXPECT_THROW(div_half_even(1, 0), Error);
  EXPECT_THROW(div_floor(1, 0), Error);
  EXPECT_EQ(div_half_even(min, 2), min / 2);
  EXPECT_EQ(div_half_even(max, 1), max);
  EXPECT_EQ(div_half_even(max, max), 1);
  EXPECT_EQ(div_floor(min, 1), min);
  EXPECT_EQ(div_ceil(max, -1), -max);
}

TEST(DecimalExtremes, FormattingCoversTheWholeRange) {
  const int128 min = static_cast<int128>(static_cast<unsigned __int128>(1) << 127);
  EXPECT_EQ(format_grouped(min, 0), "-170,141,183,460,469,231,731,687,303,715,884,105,728");
  EXPECT_EQ(format_grouped(-(min + 1), 38), "1.70141183460469231731687303715884105727");
  EXPECT_THROW(format_grouped(1, 39), Error);
  EXPECT_EQ(format_money(INT64_MIN, "JPY"), "JPY -9,223,372,036,854,775,808");
  EXPECT_EQ(format_percent_bp(INT64_MIN), "-92,233,720,368,547,758.08%");
  // A huge denominator against a huge threshold: the old t * den overflowed.
  EXPECT_EQ(format_ratio_bp(pow10(37) * 5 + 1, pow10(37), INT64_MAX), "0.05%");
  EXPECT_EQ(format_ratio_bp(-(pow10(37) * 5 + 1), pow10(37), INT64_MIN), "-0.05%");
  EXPECT_THROW(format_ratio_bp(min + 1, 3, 0), Error);  // far past int64 basis points
  EXPECT_THROW(format_ratio_bp(min, -1), Error);
  EXPECT_THROW(format_ratio_bp(1, 0), Error);
}

}  // namespace
}  // namespace kam::core::money
