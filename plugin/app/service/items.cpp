// items.cpp - a request as a queue ITEM; see items.hpp.
#include "app/service/items.hpp"

#include "core/error.hpp"

namespace kam::app::service {

using nlohmann::json;

json item_json(const store::ServiceCurrent& r, const config::Config& config, int64_t now_ms) {
  const core::service::Workflow* w = config.service.workflow(r.workflow);
  const core::time::WorkCalendar* calendar = w ? config.calendars.find(w->calendar) : nullptr;
  json left = nullptr;
  if (r.deadline_ms && calendar && r.open) {
    try {
      left = calendar->business_ms_between(now_ms, *r.deadline_ms);
    } catch (const Error&) {
      // outside the calendar's years: shown without business time left
    }
  }
  const auto opt = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); };
  return json{{"type", "service"},
              {"request_id", r.request_id},
              {"account_id", r.account_id},
              {"tier", r.tier},
              {"workflow", r.workflow},
              {"state", r.state},
              {"open", r.open},
              {"assignee", r.assignee},
              {"pool", r.pool},
              {"routed_by", r.routed_by},
              {"opened_at_ms", r.opened_at_ms},
              {"state_entered_at_ms", r.state_entered_at_ms},
              {"deadline_ms", opt(r.deadline_ms)},
              {"left_ms", left},
              {"overdue", r.open && r.deadline_ms && *r.deadline_ms < now_ms},
              {"calendar", w ? w->calendar : ""},
              {"time_zone", calendar ? calendar->definition().time_zone : config.business.time_zone}};
}

}  // namespace kam::app::service
