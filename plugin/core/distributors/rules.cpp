// rules.cpp - lookups over the distributor rules.
#include "core/distributors/rules.hpp"

#include <algorithm>

#include <date/date.h>

namespace kam::core::distributors {

const char* quota_period_name(QuotaPeriod period) {
  switch (period) {
    case QuotaPeriod::month: return "month";
    case QuotaPeriod::quarter: return "quarter";
    case QuotaPeriod::year: return "year";
  }
  return "month";
}

std::string percent_text(int64_t bp) {
  const int64_t a = bp < 0 ? -bp : bp;
  const std::string cents = std::to_string(a % 100);
  return (bp < 0 ? "-" : "") + std::to_string(a / 100) + "." + (cents.size() < 2 ? "0" : "") + cents + "%";
}

time::LocalDate period_start(time::LocalDate day, QuotaPeriod per) {
  const date::year_month_day ymd{date::sys_days{date::days{day.days_since_epoch}}};
  unsigned month = static_cast<unsigned>(ymd.month());
  if (per == QuotaPeriod::quarter) month = (month - 1) / 3 * 3 + 1;
  if (per == QuotaPeriod::year) month = 1;
  return time::LocalDate::from_ymd(static_cast<int>(ymd.year()), month, 1);
}

bool Level::allows_line(std::string_view line) const {
  return std::find(product_lines.begin(), product_lines.end(), line) != product_lines.end();
}

int64_t Level::max_discount_for(std::string_view line) const {
  const auto it = max_discount_bp.find(std::string(line));
  return it == max_discount_bp.end() ? default_max_discount_bp : it->second;
}

const Level* DistributorRules::level(std::string_view name) const {
  for (const Level& l : levels)
    if (l.name == name) return &l;
  return nullptr;
}

bool DistributorRules::is_direct_tier(std::string_view tier) const {
  return std::find(direct_channel_tiers.begin(), direct_channel_tiers.end(), tier) != direct_channel_tiers.end();
}

}  // namespace kam::core::distributors
