// service.hpp - the demo company's organisation and complaints, as JSON lines `kamhost import` reads:
// employees in departments with managers (sales, service, quality, logistics, a director), then a
// year of complaint steps for the key accounts (the largest by revenue): first owners kept through
// hand-offs (首问负责制), automatic acknowledgements and internal notes that are no first response,
// pauses while waiting on the customer, reopens, some late; the last days' complaints still open, so
// a tick finds warnings and breaches. Seeded and deterministic like the portfolio.
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "demo/portfolio.hpp"

namespace kamhost::demo {

struct ServiceOptions {
  uint64_t seed = 1;
  int64_t end_ms = 0;             // no step at or after this instant (the portfolio's end)
  uint64_t key_accounts = 40;     // complaints for at most this many of the largest accounts
  const char* time_zone = "Asia/Shanghai";  // the office's: steps happen in its working hours
};

struct ServiceSummary {
  uint64_t employees = 0;
  uint64_t complaints = 0;
  uint64_t steps = 0;
  uint64_t open = 0;  // complaints not resolved by end_ms
  uint64_t requests = 0, request_steps = 0;  // service requests (demo/requests.hpp)
};

// Writes every employee_upserted, then the complaint steps in time order, then the key accounts'
// service requests of the last two weeks in time order.
ServiceSummary write_service(const ServiceOptions& options, const std::vector<DemoAccount>& accounts, std::ostream& out);

}  // namespace kamhost::demo
