#include "core/money/exchange.hpp"

#include <algorithm>

#include "core/money/currency.hpp"
#include "core/error.hpp"

namespace kam::core::money {
namespace {

constexpr int kExactScale = kRateDecimals + kMaxMinorDigits;

int digits_of(std::string_view currency) {
  const int d = currency_minor_digits(currency);
  if (d < 0 || d > kMaxMinorDigits)
    throw Error(Status::invalid_argument, "unknown currency '" + std::string(currency) + "'");
  return d;
}

}  // namespace

std::optional<int64_t> ExchangeRate::parse_rate(std::string_view text, DecimalError* error) {
  auto v = parse_scaled_decimal(text, kRateDecimals, error);
  if (v && *v <= 0) {
    if (error) *error = DecimalError::out_of_range;
    return std::nullopt;
  }
  return v;
}

ExchangeRates::ExchangeRates() : ExchangeRates("EUR") {}

ExchangeRates::ExchangeRates(std::string reporting_currency, std::vector<ExchangeRate> rates)
    : reporting_(std::move(reporting_currency)), reporting_digits_(digits_of(reporting_)) {
  for (ExchangeRate& r : rates) {
    (void)digits_of(r.currency);
    if (r.currency == reporting_)
      throw Error(Status::invalid_argument, "exchange rate for the reporting currency " + reporting_);
    if (r.rate <= 0) throw Error(Status::invalid_argument, "exchange rate for " + r.currency + " must be positive");
    auto& list = by_currency_[r.currency];
    auto at = std::lower_bound(list.begin(), list.end(), r.from,
                               [](const Entry& e, time::LocalDate d) { return e.from < d; });
    if (at != list.end() && at->from == r.from)
      throw Error(Status::invalid_argument,
                  "two exchange rates for " + r.currency + " from " + r.from.to_string());
    list.insert(at, Entry{r.from, r.rate});
  }
}

std::vector<ExchangeRate> ExchangeRates::rates() const {
  std::vector<ExchangeRate> out;
  for (const auto& [currency, list] : by_currency_)
    for (const Entry& e : list) out.push_back(ExchangeRate{currency, e.rate, e.from});
  return out;
}

std::optional<int64_t> ExchangeRates::rate_on(std::string_view currency, time::LocalDate date) const {
  if (currency == reporting_) return static_cast<int64_t>(pow10(kRateDecimals));
  auto it = by_currency_.find(currency);
  if (it == by_currency_.end()) return std::nullopt;
  const auto& list = it->second;
  // The last rate whose date is on or before `date`.
  auto after = std::upper_bound(list.begin(), list.end(), date, [](time::LocalDate d, const Entry& e) { return d < e.from; });
  if (after == list.begin()) return std::nullopt;
  return std::prev(after)->rate;
}

int128 ExchangeRates::exact_scaled(const Money& amount, time::LocalDate date) const {
  const int from_digits = digits_of(amount.currency);
  const auto rate = rate_on(amount.currency, date);
  if (!rate) {
    std::string message = "no exchange rate for " + amount.currency + " on " + date.to_string();
    auto it = by_currency_.find(amount.currency);
    if (it != by_currency_.end())
      message += " (its rates start " + it->second.front().from.to_string() + ")";
    else
      message += " (add it to exchange_rates)";
    throw Error(Status::not_found, message);
  }
  // amount * rate * 10^reporting_digits * 10^(kMaxMinorDigits - from_digits), over 10^kExactScale.
  int128 v = checked_mul(amount.minor_units, *rate, "currency conversion");
  v = checked_mul(v, pow10(reporting_digits_ + kMaxMinorDigits - from_digits), "currency conversion");
  return v;
}

int64_t ExchangeRates::convert(const Money& amount, time::LocalDate date) const {
  return to_int64(div_half_even(exact_scaled(amount, date), pow10(kExactScale)), "currency conversion");
}

int64_t ExchangeRates::convert_at(const Money& amount, int64_t at_ms, const time::BusinessCalendar& calendar) const {
  return convert(amount, calendar.local_date(at_ms));
}

void ReportingSum::add(const Money& amount, time::LocalDate date) {
  exact_ = checked_add(exact_, rates_->exact_scaled(amount, date), "reporting total");
  ++count_;
}

int64_t ReportingSum::total() const {
  return to_int64(div_half_even(exact_, pow10(kExactScale)), "reporting total");
}

int64_t sum_in_reporting_currency(const std::vector<DatedAmount>& amounts, const ExchangeRates& rates) {
  ReportingSum sum(rates);
  for (const DatedAmount& a : amounts) sum.add(a.amount, a.date);
  return sum.total();
}

}  // namespace kam::core::money
