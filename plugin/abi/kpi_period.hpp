// kpi_period.hpp - the period of a KPI query (kam_complaint_kpi_query, kam_visit_kpi_query) with its
// documented defaults and checks, shared by the capability tables that report KPIs.
#pragma once

#include <cstdint>

namespace kam::abi {

struct KpiPeriod {
  int64_t from_ms = 0, to_ms = 0;
};

// to_ms 0 is the host's now, from_ms 0 is default_ms before to_ms; both within 1970..9999 and
// from < to, else Error(invalid_argument) naming `function` and the member.
KpiPeriod kpi_period(int64_t from_ms, int64_t to_ms, int64_t now_ms, int64_t default_ms, const char* function);

}  // namespace kam::abi
