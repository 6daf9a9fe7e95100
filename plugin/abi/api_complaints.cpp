// Complaint first-response tracking (ABI 1.3): the capability table kam_complaints_v1 and its getter
// kam_api_v1.complaints. Each call converts its arguments, checks the actor's base permission (Call),
// runs one use case of app/complaints (which applies the finer rule: own, department, all) and
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
#include "app/complaints/complaints.hpp"
#include "core/events.hpp"

namespace kam::abi {
namespace {

constexpr uint32_t kMaxComplaintLimit = 1000;                 // kam/complaints.h: limit at most 1,000

// Any of the three read permissions lets a read in; app/complaints decides what the actor then sees
// (own, department, all). An actor holding none is refused naming the three.
const char* const kReadPermissions[] = {app::kComplaintsRead, app::kComplaintsReadDepartment,
                                        app::kComplaintsReadAll};

void check_limit(uint32_t limit, const char* function) {
  if (limit > kMaxComplaintLimit)
    throw Error(Status::invalid_argument, std::string(function) + ": limit " + std::to_string(limit) +
                                              " is over " + std::to_string(kMaxComplaintLimit));
}

app::ComplaintQueryContext context_for(const Call& call, const ConfigSnapshot& snapshot) {
  return app::ComplaintQueryContext{call.actor(), snapshot.config->access, now_ms(call.instance())};
}

kam_status queue(kam_instance* instance, const kam_actor* actor, const char* employee_id, uint32_t limit,
                 kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "complaints.queue";
    Call call(instance, actor, fn, kReadPermissions);
    const std::string employee = id_arg(employee_id, "complaints.queue: employee_id");
    check_limit(limit, fn);
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                app::complaint_queue_json(*instance->store, *snapshot.config, context_for(call, snapshot), employee,
                                          limit),
                fn);
  });
}

kam_status account_complaints(kam_instance* instance, const kam_actor* actor, const char* account_id,
                              uint32_t flags, uint32_t limit, kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "complaints.account_complaints";
    Call call(instance, actor, fn, kReadPermissions);
    const std::string account = id_arg(account_id, "complaints.account_complaints: account_id");
    if ((flags & ~KAM_COMPLAINTS_INCLUDE_CLOSED) != 0)
      throw Error(Status::unsupported, std::string(fn) + ": flags " + std::to_string(flags) +
                                           " has bits this plugin does not know (KAM_COMPLAINTS_*: 1)");
    check_limit(limit, fn);
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                app::account_complaints_json(*instance->store, *snapshot.config, context_for(call, snapshot), account,
                                             (flags & KAM_COMPLAINTS_INCLUDE_CLOSED) != 0, limit),
                fn);
  });
}

kam_status complaint(kam_instance* instance, const kam_actor* actor, const char* complaint_id,
                     kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "complaints.complaint";
    Call call(instance, actor, fn, kReadPermissions);
    const std::string id = id_arg(complaint_id, "complaints.complaint: complaint_id");
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                app::complaint_timeline_json(*instance->store, *snapshot.config, context_for(call, snapshot), id), fn);
  });
}

// The KPI period with its defaults: to_ms 0 is the host's now, from_ms 0 is 30 days before to_ms.
app::KpiRequest kpi_request(const kam_complaint_kpi_query& q, int64_t now) {
  const char* fn = "complaints.complaint_kpis";
  if (q.group_by < KAM_COMPLAINT_KPI_ALL || q.group_by > KAM_COMPLAINT_KPI_BY_DEPARTMENT)
    throw Error(Status::invalid_argument, std::string(fn) + ": query.group_by " + std::to_string(q.group_by) +
                                              " is not a KAM_COMPLAINT_KPI_* value (0..3)");
  app::KpiRequest r;
  r.group_by = q.group_by;
  std::tie(r.from_ms, r.to_ms) = kpi_period(q.from_ms, q.to_ms, now, fn);
  return r;
}

kam_status complaint_kpis(kam_instance* instance, const kam_actor* actor, const kam_complaint_kpi_query* query,
                          kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "complaints.complaint_kpis";
    Call call(instance, actor, fn, app::kComplaintsKpi);
    require_ptr(query, fn, "query");
    check_struct(query, kComplaintKpiQuerySize_1_3, "kam_complaint_kpi_query");
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    const app::ComplaintQueryContext context = context_for(call, snapshot);
    fill_buffer(out_json,
                app::complaint_kpis_json(*instance->store, *snapshot.config, context,
                                         kpi_request(*query, context.now_ms)),
                fn);
  });
}

// Members are only ever appended (kam/complaints.h).
const kam_complaints_v1 kComplaintsV1 = {
    sizeof(kam_complaints_v1),
    3,
    /* 1.3 */
    &queue,
    &account_complaints,
    &complaint,
    &complaint_kpis,
    /* end 1.3 */
};

}  // namespace

const kam_complaints_v1* complaints() { return &kComplaintsV1; }

}  // namespace kam::abi
