// items.hpp - what the service use cases share: one request as a queue ITEM (kam/service.h), with
// its business time left on the workflow's calendar at the host's now.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "store/service/service_rows.hpp"

namespace kam::app::service {

// {type: "service", request_id, account_id, tier, workflow, state, open, assignee, pool, routed_by,
//  opened_at_ms, state_entered_at_ms, deadline_ms, left_ms, overdue, calendar, time_zone}
nlohmann::json item_json(const store::ServiceCurrent& r, const config::Config& config, int64_t now_ms);

}  // namespace kam::app::service
