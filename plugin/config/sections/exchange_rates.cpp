// exchange_rates.cpp - the exchange_rates section: dated rates into the reporting currency
// (core/money/exchange.hpp), one per currency and day.
#include "config/sections/sections.hpp"

#include <map>

#include "config/values.hpp"
#include "core/money/currency.hpp"
#include "core/money/exchange.hpp"

namespace kam::config::detail {

namespace money = core::money;

void read_exchange_rates(const MapReader& top, Config& config) {
  const std::string& reporting = config.business.reporting_currency;
  std::vector<money::ExchangeRate> rates;
  if (const Entry* section = top.find("exchange_rates"); section && !section->value.IsNull()) {
    const YAML::Node* list =
        sequence_of(top, *section, "a list of rates like - {currency: EUR, rate: \"7.8123\", from: 2026-01-01}");
    std::map<std::pair<std::string, int32_t>, int> first_line;  // (currency, date) -> line
    std::size_t index = 0;
    const YAML::Node none(YAML::NodeType::Sequence);
    for (const YAML::Node& item : list ? *list : none) {
      const std::string path = "exchange_rates[" + std::to_string(index++) + "]";
      auto r = item_reader(top.sink(), item, path, {"currency", "rate", "from"},
                           "{currency: EUR, rate: \"7.8123\", from: 2026-01-01}");
      if (!r || !require_keys(*r, path, {"currency", "rate", "from"})) continue;
      money::ExchangeRate rate;
      bool ok = true;
      if (auto code = r->get_string("currency", "an ISO 4217 currency code")) {
        const Entry& e = *r->find("currency");
        if (!core::money::is_known_currency(*code) || core::money::currency_minor_digits(*code) > money::kMaxMinorDigits) {
          std::string message = "expected an ISO 4217 currency code like EUR or USD, got " + describe(e.value);
          message += currency_case_suggestion(*code);
          r->error_at_value(e, message);
          ok = false;
        } else if (*code == reporting) {
          r->error_at_value(e, *code + " is the reporting currency (business.reporting_currency); its amounts need no rate");
          ok = false;
        } else {
          rate.currency = *code;
        }
      } else {
        ok = false;
      }
      const Entry& rate_entry = *r->find("rate");
      const std::string expected_rate = "expected the value of 1 " + (rate.currency.empty() ? std::string("unit") : rate.currency) +
                                        " in " + reporting + ", a positive decimal like \"7.8123\" (at most " +
                                        std::to_string(money::kRateDecimals) + " decimals)";
      if (auto text = scalar(*r, rate_entry, expected_rate)) {
        money::DecimalError error = money::DecimalError::none;
        if (auto v = money::ExchangeRate::parse_rate(*text, &error))
          rate.rate = *v;
        else {
          r->error_at_value(rate_entry, error == money::DecimalError::grouping
                                            ? "write the rate without thousands separators, got " + describe(rate_entry.value)
                                            : expected_rate + ", got " + describe(rate_entry.value));
          ok = false;
        }
      } else {
        ok = false;
      }
      const Entry& from_entry = *r->find("from");
      const std::optional<core::time::LocalDate> from = date_of(*r, from_entry, "the first day the rate applies");
      if (!from) {
        ok = false;
      } else {
        rate.from = *from;
      }
      if (!ok) continue;
      auto [it, inserted] = first_line.emplace(std::make_pair(rate.currency, rate.from.days_since_epoch), item.Mark().line + 1);
      if (!inserted) {
        r->error_at_value(from_entry, "a second " + rate.currency + " rate from " + rate.from.to_string() +
                                          " (first at line " + std::to_string(it->second) + ")");
        continue;
      }
      rates.push_back(std::move(rate));
    }
  }
  if (!core::money::is_known_currency(reporting)) return;  // already reported under business
  config.exchange_rates = money::ExchangeRates(reporting, std::move(rates));
}

}  // namespace kam::config::detail
