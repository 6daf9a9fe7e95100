// complaints.hpp - complaint first-response tracking put to work: the complaint core
// (core/complaints) applied to what the store holds. The queries of kam/complaints.h (an employee's
// queue, an account's complaints, a complaint's timeline, KPIs) with who may see what, the periodic
// SLA check the tick runs, and the recomputation of open deadlines when a calendar changes on reload.
//
// Each query derives the records at the host's now from the stored ledgers (never from a cached
// status), so nothing stays "on time" because nothing looked at it. The ABI layer
// (abi/api_complaints.cpp) converts to and from C and checks the actor's base permission; the finer
// rule (own, department, all) is applied here because it needs the data.
#pragma once

#include <cstdint>
#include <string>

#include "app/periodic.hpp"
#include "config/config.hpp"
#include "core/actor.hpp"
#include "store/store.hpp"

namespace kam::app {

// Permissions (also in core::kPermissions).
inline constexpr const char* kComplaintsRead = "complaints.read";
inline constexpr const char* kComplaintsReadDepartment = "complaints.read.department";
inline constexpr const char* kComplaintsReadAll = "complaints.read.all";
inline constexpr const char* kComplaintsKpi = "complaints.kpi";
inline constexpr const char* kComplaintsTick = "complaints.tick";
// The SLA check's periodic job (Store claim), due every config.complaints.check_every.
inline constexpr const char* kSlaJob = "complaints.sla";

struct ComplaintQueryContext {
  const core::Actor& actor;
  const core::AccessRules& access;
  int64_t now_ms = 0;  // host clock
};

// kam/complaints.h queue: JSON as documented there. limit 0 = 100 (at most 1,000: invalid_argument
// above). Throws permission when the actor may not see this employee's queue.
std::string complaint_queue_json(store::Store& store, const config::Config& config, const ComplaintQueryContext& context,
                                 const std::string& employee_id, uint32_t limit);

// kam/complaints.h account_complaints. Throws not_found for an unknown account, permission when the
// actor may not see the account's complaints.
std::string account_complaints_json(store::Store& store, const config::Config& config,
                                    const ComplaintQueryContext& context, const std::string& account_id,
                                    bool include_closed, uint32_t limit);

// kam/complaints.h complaint. Throws not_found for an unknown complaint, permission when the actor may
// not see it.
std::string complaint_timeline_json(store::Store& store, const config::Config& config,
                                    const ComplaintQueryContext& context, const std::string& complaint_id);

struct KpiRequest {
  int32_t group_by = 0;  // KAM_COMPLAINT_KPI_* (core::complaints::KpiGroup)
  int64_t from_ms = 0, to_ms = 0;  // already defaulted by the caller; from < to
};
// kam/complaints.h complaint_kpis.
std::string complaint_kpis_json(store::Store& store, const config::Config& config, const ComplaintQueryContext& context,
                                const KpiRequest& request);

// What one SLA check did (kam_tick_result's sla_* members).
struct SlaCheckSummary {
  uint64_t complaints = 0;  // complaints with a level due that it looked at
  uint64_t warnings = 0, breaches = 0;  // notifications it wrote (each key once, whoever ran)
};

// The tick's SLA check (tick.cpp's registry): writes each due escalation's notification once.
// Reported in TickResult::sla.
PeriodicJob sla_check_job();
// The check itself at now_ms (the job's run; `completes_job` is recorded with its last write).
SlaCheckSummary check_sla(store::Store& store, const config::Config& config, int64_t now_ms,
                          const std::string& completes_job, const LogFn& log);

// After a reload changed a calendar's definition: registers the new calendar version and appends a
// calendar_changed ledger entry at now_ms to every open complaint on it, so their deadlines follow
// the new schedule from now on (past breaches stay). Returns how many complaints it touched.
uint64_t recompute_open_deadlines(store::Store& store, const config::Config& old_config,
                                  const config::Config& new_config, int64_t now_ms, const LogFn& log);

}  // namespace kam::app
