// kpi.hpp - complaint KPIs over derived records: first-response compliance, median and p90
// first-response and resolution business time, breaches and reopen rate, for the complaints received
// in a period, grouped by tier, first owner or the first owner's department. 首问负责制: a complaint
// counts for its first owner, whoever it was handed to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/complaints/record.hpp"

namespace kam::core::complaints {

enum class KpiGroup : int32_t { all = 0, tier = 1, first_owner = 2, department = 3 };

struct KpiRow {
  std::string group;  // the tier, the first owner or the department ("" for KpiGroup::all)
  int64_t complaints = 0;
  // First response, over complaints with a first-response target: decided = responded or breached.
  int64_t first_response_decided = 0, first_response_on_time = 0;
  std::optional<int32_t> compliance_bp;  // on time / decided, in basis points (nothing: none decided)
  std::optional<int64_t> first_response_median_ms, first_response_p90_ms;  // business time
  std::optional<int64_t> resolution_median_ms, resolution_p90_ms;          // business time, when resolved
  int64_t breaches = 0;  // complaints with a breach on either clock
  int64_t resolved = 0, reopened = 0;      // ever resolved; reopened at least once
  std::optional<int32_t> reopen_rate_bp;   // reopened / resolved
};

// Percentile by nearest rank (p50 of an even count is the lower middle): nothing for no values.
std::optional<int64_t> nearest_rank(std::vector<int64_t> values, int32_t percent);

// One row per group, sorted by group, over records received in [from_ms, to_ms).
std::vector<KpiRow> complaint_kpis(const std::vector<ComplaintRecord>& records, KpiGroup by, int64_t from_ms,
                                   int64_t to_ms);

}  // namespace kam::core::complaints
