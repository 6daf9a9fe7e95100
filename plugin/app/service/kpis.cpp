// kpis.cpp - service KPIs (kam/service.h service_kpis): of the requests opened in the period, the
// share of state stays with a deadline that ended within it, grouped by tier, pool, state or
// workflow. A stay counts once it is decided: it ended (the next state entry or the close), or
// its deadline passed by the host's now without it ending (a miss).
#include <map>
#include <set>

#include "app/service/service.hpp"

namespace kam::app {

using nlohmann::json;

namespace {

const char* const kGroupNames[] = {"all", "tier", "pool", "state", "workflow"};

struct Row {
  std::set<std::string> requests;
  int64_t stays = 0, decided = 0, within = 0, missed_open = 0;
};

json row_json(const std::string& group, const Row& r) {
  return json{{"group", group},
              {"requests", r.requests.size()},
              {"stays_with_deadline", r.stays},
              {"decided", r.decided},
              {"within_deadline", r.within},
              {"within_bp", r.decided > 0 ? json(r.within * 10000 / r.decided) : json(nullptr)},
              {"missed_still_open", r.missed_open}};
}

}  // namespace

std::string service_kpis_json(store::Store& store, const config::Config& config, const ServiceQueryContext& context,
                              const ServiceKpiRequest& request) {
  std::map<std::string, Row> rows;
  Row total;
  for (const store::ServiceStay& s : store.service().stays(request.from_ms, request.to_ms)) {
    if (!s.deadline_ms) continue;
    const std::string group = request.group_by == 1   ? s.tier
                              : request.group_by == 2 ? (s.pool.empty() ? "(dedicated manager)" : s.pool)
                              : request.group_by == 3 ? s.state
                              : request.group_by == 4 ? s.workflow
                                                      : "all";
    for (Row* r : {&rows[group], &total}) {
      r->requests.insert(s.request_id);
      ++r->stays;
      if (s.left_at_ms) {
        ++r->decided;
        if (*s.left_at_ms <= *s.deadline_ms) ++r->within;
      } else if (*s.deadline_ms < context.now_ms) {
        ++r->decided;
        ++r->missed_open;
      }
    }
  }
  json list = json::array();
  for (const auto& [group, r] : rows) list.push_back(row_json(group, r));
  return json{{"group_by", kGroupNames[request.group_by]},
              {"from_ms", request.from_ms},
              {"to_ms", request.to_ms},
              {"time_zone", config.business.time_zone},
              {"rows", list},
              {"total", row_json("total", total)}}
      .dump();
}

}  // namespace kam::app
