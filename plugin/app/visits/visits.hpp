// visits.hpp - customer-visit plans put to work (kam/visits.h, docs/visits.md): the plan arithmetic
// (core/visits) applied to what the store holds. The periodic plan check the tick runs (due and
// overdue visits to the outbox, once per account, due date and level, whichever host runs it), and
// the queries: visits due, an account's plan and history, compliance KPIs by tier and manager, and
// the account card's visits member.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/periodic.hpp"
#include "config/config.hpp"
#include "core/actor.hpp"
#include "core/visits/plan.hpp"
#include "store/store.hpp"

namespace kam::app {

// Permissions (also in core::kPermissions).
inline constexpr const char* kVisitsRead = "visits.read";
inline constexpr const char* kVisitsReadAll = "visits.read.all";
inline constexpr const char* kVisitsKpi = "visits.kpi";
inline constexpr const char* kVisitsTick = "visits.tick";
// The plan check's periodic job (Store claim), due every config.visits.check_every.
inline constexpr const char* kVisitPlanJob = "visits.plan";

struct VisitCheckSummary {
  uint64_t plans = 0;           // plans it looked at (those with a check due)
  uint64_t due = 0, overdue = 0;  // notifications it wrote (each key once, whoever ran)
};

// The tick's plan check (tick.cpp's registry). Reported in TickResult::visits.
PeriodicJob visit_plan_job();
VisitCheckSummary check_visit_plans(store::Store& store, const config::Config& config, int64_t now_ms,
                                    const std::string& completes_job, const LogFn& log);

// The plan of a stored row at the config in force (nothing: its tier has no cadence).
std::optional<core::visits::Plan> plan_now(const store::StoredVisitPlan& row, const config::Config& config);

struct VisitQueryContext {
  const core::Actor& actor;
  const core::AccessRules& access;
  int64_t now_ms = 0;
};

struct VisitsDueRequest {
  bool overdue_only = false;
  std::string manager_id;   // "" every manager the actor may see
  int64_t horizon_ms = 0;   // due before now + horizon (0: config due_ahead_days)
  std::string after;        // paging: the next_cursor of the previous page ("" first page)
  uint32_t limit = 100;
};
// kam/visits.h visits_due. Throws permission when the actor may see only their own accounts and
// asks for another manager's.
std::string visits_due_json(store::Store& store, const config::Config& config, const VisitQueryContext& context,
                            const VisitsDueRequest& request);

// kam/visits.h account_visits. not_found for an unknown account; permission when the actor may not
// see it.
std::string account_visits_json(store::Store& store, const config::Config& config, const VisitQueryContext& context,
                                const std::string& account_id, uint32_t limit);

struct VisitKpiRequest {
  int32_t group_by = 0;  // KAM_VISIT_KPI_*: 0 all, 1 tier, 2 manager
  int64_t from_ms = 0, to_ms = 0;
};
// kam/visits.h visit_kpis.
std::string visit_kpis_json(store::Store& store, const config::Config& config, const VisitQueryContext& context,
                            const VisitKpiRequest& request);

// The account card's visits member: {cadence_days, last_visit_at_ms, next_due_ms, overdue}, null
// without a plan.
nlohmann::json card_visits_json(store::Store& store, const config::Config& config, const std::string& account_id,
                                int64_t now_ms);

}  // namespace kam::app
