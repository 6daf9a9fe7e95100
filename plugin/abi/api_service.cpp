// Service workflows per tier (ABI 1.4): the capability table kam_service_v1 and its getter
// kam_api_v1.service. Each call converts its arguments, checks the actor's base permission (Call),
// runs one use case of app/service (which applies the finer rule: own, department, all) and
// returns its JSON.
#include <cstdint>
#include <string>
#include <tuple>

#include "abi/api.hpp"
#include "abi/buffer.hpp"
#include "abi/call.hpp"
#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/instance.hpp"
#include "abi/kpi_period.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "app/service/service.hpp"
#include "core/events.hpp"

namespace kam::abi {
namespace {

constexpr int64_t kDefaultKpiPeriodMs = 30LL * 24 * 3600 * 1000;  // kam/service.h: from_ms 0 is 30 days before to_ms

constexpr uint32_t kMaxLimit = 1000;

const char* const kReadPermissions[] = {app::kServiceRead, app::kServiceReadDepartment, app::kServiceReadAll};

void check_limit(uint32_t limit, const char* function) {
  if (limit > kMaxLimit)
    throw Error(Status::invalid_argument,
                std::string(function) + ": limit " + std::to_string(limit) + " is over " + std::to_string(kMaxLimit));
}

void check_flags(uint32_t flags, uint32_t known, const char* function, const char* names) {
  if ((flags & ~known) != 0)
    throw Error(Status::unsupported, std::string(function) + ": flags " + std::to_string(flags) +
                                         " has bits this plugin does not know (" + names + ")");
}

app::ServiceQueryContext context_for(const Call& call, const ConfigSnapshot& snapshot) {
  return app::ServiceQueryContext{call.actor(), snapshot.config->access, now_ms(call.instance())};
}

kam_status queue(kam_instance* instance, const kam_actor* actor, const char* employee_id, uint32_t flags,
                 uint32_t limit, kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "service.queue";
    Call call(instance, actor, fn, kReadPermissions);
    const std::string employee = id_arg(employee_id, "service.queue: employee_id");
    check_flags(flags, KAM_SERVICE_QUEUE_WITH_COMPLAINTS, fn, "KAM_SERVICE_QUEUE_*: 1");
    check_limit(limit, fn);
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                app::service_queue_json(*instance->store, *snapshot.config, context_for(call, snapshot), employee,
                                        (flags & KAM_SERVICE_QUEUE_WITH_COMPLAINTS) != 0, limit),
                fn);
  });
}

kam_status account_requests(kam_instance* instance, const kam_actor* actor, const char* account_id, uint32_t flags,
                            uint32_t limit, kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "service.account_requests";
    Call call(instance, actor, fn, kReadPermissions);
    const std::string account = id_arg(account_id, "service.account_requests: account_id");
    check_flags(flags, KAM_SERVICE_INCLUDE_CLOSED, fn, "KAM_SERVICE_INCLUDE_CLOSED: 1");
    check_limit(limit, fn);
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                app::account_requests_json(*instance->store, *snapshot.config, context_for(call, snapshot), account,
                                           (flags & KAM_SERVICE_INCLUDE_CLOSED) != 0, limit),
                fn);
  });
}

kam_status request(kam_instance* instance, const kam_actor* actor, const char* request_id, kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "service.request";
    Call call(instance, actor, fn, kReadPermissions);
    const std::string id = id_arg(request_id, "service.request: request_id");
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                app::service_request_json(*instance->store, *snapshot.config, context_for(call, snapshot), id), fn);
  });
}

app::ServiceKpiRequest kpi_request(const kam_service_kpi_query& q, int64_t now) {
  const char* fn = "service.service_kpis";
  if (q.group_by < KAM_SERVICE_KPI_ALL || q.group_by > KAM_SERVICE_KPI_BY_WORKFLOW)
    throw Error(Status::invalid_argument, std::string(fn) + ": query.group_by " + std::to_string(q.group_by) +
                                              " is not a KAM_SERVICE_KPI_* value (0..4)");
  app::ServiceKpiRequest r;
  r.group_by = q.group_by;
  const KpiPeriod period = kpi_period(q.from_ms, q.to_ms, now, kDefaultKpiPeriodMs, fn);
  r.from_ms = period.from_ms;
  r.to_ms = period.to_ms;
  return r;
}

kam_status service_kpis(kam_instance* instance, const kam_actor* actor, const kam_service_kpi_query* query,
                        kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "service.service_kpis";
    Call call(instance, actor, fn, app::kServiceKpi);
    require_ptr(query, fn, "query");
    check_struct(query, kServiceKpiQuerySize_1_4, "kam_service_kpi_query");
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    const app::ServiceQueryContext context = context_for(call, snapshot);
    fill_buffer(
        out_json,
        app::service_kpis_json(*instance->store, *snapshot.config, context, kpi_request(*query, context.now_ms)), fn);
  });
}

// Members are only ever appended (kam/service.h).
const kam_service_v1 kServiceV1 = {
    sizeof(kam_service_v1), 4,
    /* 1.4 */
    &queue, &account_requests, &request, &service_kpis,
    /* end 1.4 */
};

}  // namespace

const kam_service_v1* service() { return &kServiceV1; }

}  // namespace kam::abi
