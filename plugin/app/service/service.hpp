// service.hpp - dedicated service workflows put to work (docs/service.md): the queries of
// kam/service.h (an employee's queue, an account's requests, one request's timeline, KPIs by tier,
// pool, state or workflow) with who may see what, the account card's service member, and the
// periodic deadline check the tick runs (warnings, escalations and auto transitions, each once).
// Queues and cards read the current rows by index; only the timeline and the KPIs read ledgers.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "app/periodic.hpp"
#include "config/config.hpp"
#include "core/actor.hpp"
#include "store/store.hpp"

namespace kam::app {

// Permissions (also in core::kPermissions).
inline constexpr const char* kServiceRead = "service.read";
inline constexpr const char* kServiceReadDepartment = "service.read.department";
inline constexpr const char* kServiceReadAll = "service.read.all";
inline constexpr const char* kServiceKpi = "service.kpi";
inline constexpr const char* kServiceTick = "service.tick";
// The deadline check's periodic job (Store claim), due every config.service.check_every.
inline constexpr const char* kServiceJob = "service.deadlines";

struct ServiceQueryContext {
  const core::Actor& actor;
  const core::AccessRules& access;
  int64_t now_ms = 0;  // host clock
};

// kam/service.h queue; with_complaints merges the employee's complaint queue in (needs a
// complaints read permission; without one the complaints are left out and "complaints_included"
// is false). limit 0 = 100, at most 1,000.
std::string service_queue_json(store::Store& store, const config::Config& config, const ServiceQueryContext& context,
                               const std::string& employee_id, bool with_complaints, uint32_t limit);
// kam/service.h account_requests. Throws not_found for an unknown account.
std::string account_requests_json(store::Store& store, const config::Config& config, const ServiceQueryContext& context,
                                  const std::string& account_id, bool include_closed, uint32_t limit);
// kam/service.h request. Throws not_found for an unknown request.
std::string service_request_json(store::Store& store, const config::Config& config, const ServiceQueryContext& context,
                                 const std::string& request_id);

struct ServiceKpiRequest {
  int32_t group_by = 0;            // KAM_SERVICE_KPI_*: 0 all, 1 tier, 2 pool, 3 state, 4 workflow
  int64_t from_ms = 0, to_ms = 0;  // defaulted by the caller; from < to
};
std::string service_kpis_json(store::Store& store, const config::Config& config, const ServiceQueryContext& context,
                              const ServiceKpiRequest& request);

// The account card's service member: {open_count, overdue_count, open: [the 5 most urgent ITEMs]}.
nlohmann::json account_card_service(store::Store& store, const config::Config& config, const std::string& account_id,
                                    int64_t now_ms);

// What one deadline check did (kam_tick_result's service_* members).
struct ServiceCheckSummary {
  uint64_t requests = 0;          // requests with a step due that it looked at
  uint64_t notifications = 0;     // KAM_NOTIFY_SERVICE_DEADLINE written (each key once, whoever ran)
  uint64_t auto_transitions = 0;  // requests it moved on
};

PeriodicJob service_deadline_job();
ServiceCheckSummary check_service_deadlines(store::Store& store, const config::Config& config, int64_t now_ms,
                                            const std::string& completes_job, const LogFn& log);

}  // namespace kam::app
