// kpi_period.hpp - the period of a KPI query as kam/complaints.h and kam/service.h define it: to_ms
// 0 is the host's now, from_ms 0 is 30 days before to_ms; both within 1970..9999 and from < to, else
// KAM_ERR_INVALID_ARGUMENT naming the function (`fn`) and the member.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/events.hpp"

namespace kam::abi {

inline std::pair<int64_t, int64_t> kpi_period(int64_t from_ms, int64_t to_ms, int64_t now_ms, const char* fn) {
  constexpr int64_t kDefaultPeriodMs = 30LL * 24 * 3600 * 1000;
  const int64_t to = to_ms == 0 ? now_ms : to_ms;
  const int64_t from = from_ms != 0 ? from_ms : (to > kDefaultPeriodMs ? to - kDefaultPeriodMs : 0);
  for (auto [value, name] : {std::pair{from, "from_ms"}, std::pair{to, "to_ms"}})
    if (value < core::kMinTimeMs || value > core::kMaxTimeMs)
      throw Error(Status::invalid_argument, std::string(fn) + ": query." + name + " " + std::to_string(value) +
                                                " is outside 1970-01-01..9999-12-31");
  if (from >= to)
    throw Error(Status::invalid_argument, std::string(fn) + ": the period is empty: from_ms " + std::to_string(from) +
                                              " is not before to_ms " + std::to_string(to));
  return {from, to};
}

}  // namespace kam::abi
