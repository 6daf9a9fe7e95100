// kpi_period.cpp - kpi_period; see kpi_period.hpp.
#include "abi/kpi_period.hpp"

#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/events.hpp"

namespace kam::abi {

KpiPeriod kpi_period(int64_t from_ms, int64_t to_ms, int64_t now_ms, int64_t default_ms, const char* fn) {
  KpiPeriod p;
  p.to_ms = to_ms == 0 ? now_ms : to_ms;
  p.from_ms = from_ms != 0 ? from_ms : (p.to_ms > default_ms ? p.to_ms - default_ms : 0);
  for (auto [value, name] : {std::pair{p.from_ms, "from_ms"}, std::pair{p.to_ms, "to_ms"}})
    if (value < core::kMinTimeMs || value > core::kMaxTimeMs)
      throw Error(Status::invalid_argument, std::string(fn) + ": query." + name + " " + std::to_string(value) +
                                                " is outside 1970-01-01..9999-12-31");
  if (p.from_ms >= p.to_ms)
    throw Error(Status::invalid_argument, std::string(fn) + ": the period is empty: from_ms " +
                                              std::to_string(p.from_ms) + " is not before to_ms " +
                                              std::to_string(p.to_ms));
  return p;
}

}  // namespace kam::abi
