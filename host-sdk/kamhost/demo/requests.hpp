// requests.hpp - the demo company's service requests (docs/service.md), as JSON
// lines `kamhost import` reads: requests of the largest accounts opened over
// the last two weeks in the office's working hours, taken on by the service
// agents and moved through the workflows of config/demo/kam.yaml (in progress,
// waiting on the customer, resolved, some still new and late), so the queues
// and a tick show deadlines, warnings and escalations. Routing is the plugin's:
// the events name no assignee. Seeded and deterministic like the portfolio.
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "demo/portfolio.hpp"

namespace kamhost::demo {

struct RequestSummary {
  uint64_t requests = 0, steps = 0;
};

// `working` moves an instant into the office's working hours.
RequestSummary write_requests(uint64_t seed, int64_t end_ms, const std::vector<const DemoAccount*>& accounts,
                              int64_t (*working)(int64_t), std::ostream& out);

}  // namespace kamhost::demo
