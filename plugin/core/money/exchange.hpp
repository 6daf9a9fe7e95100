// exchange.hpp - converting order amounts into the reporting currency (business.reporting_currency)
// with the exchange rates from the config, exactly.
//
// A rate says how many units of the reporting currency one unit of another currency is worth
// ("7.8123" CNY per EUR). It is kept as an integer in units of 10^-10 and is valid from its local
// date (business time zone) until the day before the next rate of the same currency. An amount is
// converted at the rate valid on the order's local date:
//
//   reporting_minor = amount_minor * rate * 10^reporting_digits / 10^amount_digits
//
// computed in __int128 and rounded once, half-even, to reporting minor units. A total of many
// amounts (ReportingSum) adds the exact, unrounded values and rounds once at the end, so a total
// never carries per-order rounding errors. Minor digits come from ICU (EUR 2, JPY 0, BHD 3).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/events.hpp"
#include "core/time/calendar.hpp"
#include "core/money/decimal.hpp"

namespace kam::core::money {

// Rates are integers in units of 10^-kRateDecimals.
inline constexpr int kRateDecimals = 10;

struct ExchangeRate {
  std::string currency;   // the currency converted from
  int64_t rate = 0;       // reporting-currency units per unit of `currency`, times 10^kRateDecimals; > 0
  time::LocalDate from;         // valid from this local date (inclusive) until the next rate's date

  // "7.8123" -> 78123000000; nothing when not a positive decimal with at most 10 decimals that fits.
  static std::optional<int64_t> parse_rate(std::string_view text, DecimalError* error = nullptr);
};

class ExchangeRates {
 public:
  ExchangeRates();  // reporting currency EUR, no rates
  // Throws kam::Error(Status::invalid_argument) for an unknown currency, a non-positive rate, a rate
  // for the reporting currency itself, or two rates of one currency from the same date.
  explicit ExchangeRates(std::string reporting_currency, std::vector<ExchangeRate> rates = {});

  const std::string& reporting_currency() const { return reporting_; }
  int reporting_digits() const { return reporting_digits_; }
  // All rates, by currency and then date.
  std::vector<ExchangeRate> rates() const;

  // The rate valid for `currency` on `date`: 10^10 (1.0) for the reporting currency itself; nothing
  // when the currency has no rate on or before that date.
  std::optional<int64_t> rate_on(std::string_view currency, time::LocalDate date) const;

  // One amount in reporting minor units at the rate of `date`, rounded half-even once. Throws
  // kam::Error(Status::not_found) when no rate applies ("no exchange rate for USD on 2025-12-31")
  // and kam::Error(Status::invalid_argument) for an unknown currency or overflow.
  int64_t convert(const Money& amount, time::LocalDate date) const;
  // The same at the local date of `at_ms` in the calendar's zone.
  int64_t convert_at(const Money& amount, int64_t at_ms, const time::BusinessCalendar& calendar) const;

  // The converted amount as an exact fraction over 10^(kRateDecimals + kMaxMinorDigits) reporting
  // minor units (what ReportingSum adds up). Throws like convert().
  int128 exact_scaled(const Money& amount, time::LocalDate date) const;

 private:
  std::string reporting_;
  int reporting_digits_ = 2;
  struct Entry {
    time::LocalDate from;
    int64_t rate;
  };
  std::map<std::string, std::vector<Entry>, std::less<>> by_currency_;  // sorted by `from`
};

// Minor digits the converter supports (ISO 4217 has none above 4).
inline constexpr int kMaxMinorDigits = 4;

// A total in the reporting currency: the exact sum of converted amounts, rounded once.
class ReportingSum {
 public:
  explicit ReportingSum(const ExchangeRates& rates) : rates_(&rates) {}
  void add(const Money& amount, time::LocalDate date);
  // The total in reporting minor units, rounded half-even. Throws on overflow.
  int64_t total() const;
  bool empty() const { return count_ == 0; }
  int64_t count() const { return count_; }

 private:
  const ExchangeRates* rates_;
  int128 exact_ = 0;  // over 10^(kRateDecimals + kMaxMinorDigits)
  int64_t count_ = 0;
};

// Convenience: the total of several amounts, each at the rate of its date (exact sum, one rounding).
struct DatedAmount {
  Money amount;
  time::LocalDate date;
};
int64_t sum_in_reporting_currency(const std::vector<DatedAmount>& amounts, const ExchangeRates& rates);

}  // namespace kam::core::money
