// business.cpp - the business section: the time zone of day boundaries and the reporting currency.
#include "config/sections/sections.hpp"

#include "config/values.hpp"
#include "core/money/currency.hpp"

namespace kam::config::detail {

void read_business(const MapReader& top, Config& config) {
  auto section = top.get_map("business", std::vector<std::string_view>{"time_zone", "reporting_currency"});
  if (!section) return;
  if (auto tz = get_time_zone(*section, "time_zone")) config.business.time_zone = *tz;
  if (auto code = section->get_string("reporting_currency", "an ISO 4217 currency code")) {
    if (core::money::is_known_currency(*code)) {
      config.business.reporting_currency = *code;
    } else {
      const Entry& e = *section->find("reporting_currency");
      std::string message = "expected an ISO 4217 currency code like EUR or CNY, got " + detail::describe(e.value);
      message += currency_case_suggestion(*code);
      section->error_at_value(e, message);
    }
  }
}

}  // namespace kam::config::detail
