// customer_value.cpp - the customer_value section: retention, discount rate and horizon of the
// lifetime value (core/tiers/customer_value.hpp).
#include "config/sections/sections.hpp"

#include "config/values.hpp"

namespace kam::config::detail {

void read_customer_value(const MapReader& top, Config& config) {
  auto r = top.get_map("customer_value", std::vector<std::string_view>{"retention_rate", "discount_rate", "horizon_years"});
  if (!r) return;
  if (auto v = get_percent(*r, "retention_rate", 0, 10000)) config.customer_value.retention_rate_bp = *v;
  if (auto v = get_percent(*r, "discount_rate", 0, 10000)) config.customer_value.discount_rate_bp = *v;
  if (auto v = r->get_int("horizon_years", 1, 50)) config.customer_value.horizon_years = static_cast<int32_t>(*v);
}

}  // namespace kam::config::detail
