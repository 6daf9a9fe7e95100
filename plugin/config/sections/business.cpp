// business.cpp - the business section: the time zone of day boundaries and the reporting currency.
#include "config/sections/sections.hpp"

#include "config/did_you_mean.hpp"
#include "config/values.hpp"
#include "core/money/currency.hpp"
#include "core/time/zone.hpp"

namespace kam::config::detail {

void read_business(const MapReader& top, Config& config) {
  auto section = top.get_map("business", std::vector<std::string_view>{"time_zone", "reporting_currency"});
  if (!section) return;
  if (auto tz = section->get_string("time_zone", "an IANA time zone name")) {
    if (core::time::is_known_time_zone(*tz)) {
      config.business.time_zone = *tz;
    } else {
      const Entry& e = *section->find("time_zone");
      std::string message = "expected an IANA time zone name like Europe/Berlin or Asia/Shanghai, got " +
                            detail::describe(e.value);
      message += detail::did_you_mean_suffix(*tz, core::time::time_zone_names());
      section->error_at_value(e, message);
    }
  }
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
