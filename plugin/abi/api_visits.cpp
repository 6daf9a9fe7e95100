// Customer-visit plans (ABI 1.4): the capability table kam_visits_v1 and its getter
// kam_api_v1.visits. Each call converts its arguments, checks the actor's base permission (Call),
// runs one use case of app/visits (which applies the finer rule: own accounts or all) and returns
// its JSON.
#include <cstdint>
#include <string>

#include "abi/api.hpp"
#include "abi/buffer.hpp"
#include "abi/call.hpp"
#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/instance.hpp"
#include "abi/kpi_period.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "app/visits/visits.hpp"
#include "core/events.hpp"

namespace kam::abi {
namespace {

constexpr uint32_t kMaxVisitLimit = 1000;                          // kam/visits.h: limit at most 1,000
constexpr int64_t kDefaultKpiPeriodMs = 90LL * 24 * 3600 * 1000;   // from_ms 0: 90 days before to_ms
constexpr int64_t kMaxHorizonMs = 3650LL * 24 * 3600 * 1000;       // ten years

const char* const kReadPermissions[] = {app::kVisitsRead, app::kVisitsReadAll};

void check_limit(uint32_t limit, const char* function) {
  if (limit > kMaxVisitLimit)
    throw Error(Status::invalid_argument, std::string(function) + ": limit " + std::to_string(limit) + " is over " +
                                              std::to_string(kMaxVisitLimit));
}

app::VisitQueryContext context_for(const Call& call, const ConfigSnapshot& snapshot) {
  return app::VisitQueryContext{call.actor(), snapshot.config->access, now_ms(call.instance())};
}

kam_status visits_due(kam_instance* instance, const kam_actor* actor, const kam_visits_due_query* query,
                      kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "visits.visits_due";
    Call call(instance, actor, fn, kReadPermissions);
    require_ptr(query, fn, "query");
    check_struct(query, kVisitsDueQuerySize_1_4, "kam_visits_due_query");
    check_reserved(query->reserved0, "query.reserved0");
    if ((query->flags & ~KAM_VISITS_OVERDUE_ONLY) != 0)
      throw Error(Status::unsupported, std::string(fn) + ": query.flags " + std::to_string(query->flags) +
                                           " has bits this plugin does not know (KAM_VISITS_*: 1)");
    if (query->horizon_ms < 0 || query->horizon_ms > kMaxHorizonMs)
      throw Error(Status::invalid_argument, std::string(fn) + ": query.horizon_ms " +
                                                std::to_string(query->horizon_ms) + " is outside 0..10 years");
    check_limit(query->limit, fn);
    require_ptr(out_json, fn, "out_json");
    app::VisitsDueRequest r;
    r.overdue_only = (query->flags & KAM_VISITS_OVERDUE_ONLY) != 0;
    r.manager_id = input_string(query->manager_id, "visits.visits_due: query.manager_id", StringKind::id, false);
    r.after = input_string(query->after, "visits.visits_due: query.after", StringKind::name, false);
    r.horizon_ms = query->horizon_ms;
    r.limit = query->limit == 0 ? 100 : query->limit;
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json, app::visits_due_json(*instance->store, *snapshot.config, context_for(call, snapshot), r),
                fn);
  });
}

kam_status account_visits(kam_instance* instance, const kam_actor* actor, const char* account_id, uint32_t limit,
                          kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "visits.account_visits";
    Call call(instance, actor, fn, kReadPermissions);
    const std::string account = id_arg(account_id, "visits.account_visits: account_id");
    check_limit(limit, fn);
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                app::account_visits_json(*instance->store, *snapshot.config, context_for(call, snapshot), account,
                                         limit),
                fn);
  });
}

app::VisitKpiRequest kpi_request(const kam_visit_kpi_query& q, int64_t now) {
  const char* fn = "visits.visit_kpis";
  if (q.group_by < KAM_VISIT_KPI_ALL || q.group_by > KAM_VISIT_KPI_BY_MANAGER)
    throw Error(Status::invalid_argument, std::string(fn) + ": query.group_by " + std::to_string(q.group_by) +
                                              " is not a KAM_VISIT_KPI_* value (0..2)");
  app::VisitKpiRequest r;
  r.group_by = q.group_by;
  const KpiPeriod period = kpi_period(q.from_ms, q.to_ms, now, kDefaultKpiPeriodMs, fn);
  r.from_ms = period.from_ms;
  r.to_ms = period.to_ms;
  return r;
}

kam_status visit_kpis(kam_instance* instance, const kam_actor* actor, const kam_visit_kpi_query* query,
                      kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "visits.visit_kpis";
    Call call(instance, actor, fn, app::kVisitsKpi);
    require_ptr(query, fn, "query");
    check_struct(query, kVisitKpiQuerySize_1_4, "kam_visit_kpi_query");
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    const app::VisitQueryContext context = context_for(call, snapshot);
    fill_buffer(out_json,
                app::visit_kpis_json(*instance->store, *snapshot.config, context, kpi_request(*query, context.now_ms)),
                fn);
  });
}

// Members are only ever appended (kam/visits.h).
const kam_visits_v1 kVisitsV1 = {
    sizeof(kam_visits_v1),
    4,
    /* 1.4 */
    &visits_due,
    &account_visits,
    &visit_kpis,
    /* end 1.4 */
};

}  // namespace

const kam_visits_v1* visits() { return &kVisitsV1; }

}  // namespace kam::abi
