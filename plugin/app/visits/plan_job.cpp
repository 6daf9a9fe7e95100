// plan_job.cpp - the tick's visit plan check: first aligns the plans with the tiers (new plans,
// changed tiers and cadences: one statement), then reads, chunk by chunk, the plans whose check is
// due (an index on visit_plans.check_at_ms), computes each one's due date at the host's now, writes
// the level reached once (its key: a key already written, by this host or another, is not written
// again), records the outcome of a due date a visit moved the plan on from, and stores when to look
// again; the last chunk's write completes the job.
#include "app/tick.hpp"
#include "app/visits/visits.hpp"
#include "core/time/calendar.hpp"

namespace kam::app {

namespace cv = core::visits;
using nlohmann::json;

namespace {

constexpr uint32_t kChunk = 500;

std::map<std::string, int32_t> cadences(const config::Config& config) {
  std::map<std::string, int32_t> out;
  for (const core::tiers::TierLevel& level : config.tiers.levels)
    if (level.benefits.visit_cadence_days) out[level.name] = *level.benefits.visit_cadence_days;
  return out;
}

cv::PlanRules rules_of(const config::Config& config) {
  return cv::PlanRules{config.visits.due_ahead_days, config.visits.grace_days};
}

// Who hears of a level: the account manager; overdue also their manager, or the supervisors.
void recipients(const store::StoredVisitPlan& p, cv::Level level, const config::Config& config, json& employees,
                json& roles) {
  employees = json::array();
  roles = json::array();
  if (!p.manager_id.empty()) employees.push_back(p.manager_id);
  if (level != cv::Level::overdue) return;
  if (!p.managers_manager_id.empty()) {
    employees.push_back(p.managers_manager_id);
    return;
  }
  for (const std::string& e : config.visits.supervisor_employees) employees.push_back(e);
  if (!config.visits.supervisor_role.empty()) roles.push_back(config.visits.supervisor_role);
}

store::VisitAlertWrite alert(const store::StoredVisitPlan& p, const cv::Plan& plan, cv::Level level,
                             const config::Config& config, int64_t now_ms) {
  store::VisitAlertWrite a;
  a.key = cv::alert_key(p.account_id, plan, level);
  a.account_id = p.account_id;
  a.due_date = plan.due_date.to_string();
  a.tier = p.tier;
  a.manager_id = p.manager_id;
  a.level = static_cast<int32_t>(level);
  a.due_ms = plan.due_ms;
  if (level == cv::Level::due || level == cv::Level::overdue) {
    json employees, roles;
    recipients(p, level, config, employees, roles);
    a.payload_json = json{{"key", a.key},
                          {"account_id", p.account_id},
                          {"account_name", p.account_name},
                          {"tier", p.tier},
                          {"due_date", a.due_date},
                          {"due_ms", plan.due_ms},
                          {"level", cv::level_name(level)},
                          {"last_visit_at_ms", p.last_visit_ms ? json(*p.last_visit_ms) : json(nullptr)},
                          {"cadence_days", p.cadence_days},
                          {"account_manager_id", p.manager_id.empty() ? json(nullptr) : json(p.manager_id)},
                          {"employees", employees},
                          {"roles", roles},
                          {"created_at_ms", now_ms}}
                         .dump();
  }
  return a;
}

}  // namespace

std::optional<cv::Plan> plan_now(const store::StoredVisitPlan& row, const config::Config& config) {
  const core::time::BusinessCalendar calendar(config.business.time_zone);
  return cv::plan_of(cv::PlanInput{row.cadence_days, row.anchor_ms, row.last_visit_ms}, rules_of(config), calendar);
}

VisitCheckSummary check_visit_plans(store::Store& store, const config::Config& config, int64_t now_ms,
                                    const std::string& completes_job, const LogFn& log) {
  store::VisitsRepository& repo = store.visits();
  const int64_t aligned = repo.align_with_tiers(cadences(config), now_ms);
  if (log && aligned > 0)
    log(core::LogLevel::debug, "visit plans: " + std::to_string(aligned) + " plans follow a new tier or cadence");
  const core::time::BusinessCalendar calendar(config.business.time_zone);
  const cv::PlanRules rules = rules_of(config);
  VisitCheckSummary summary;
  std::optional<std::pair<int64_t, std::string>> after;
  bool completed = false;
  while (!completed) {
    const std::vector<store::StoredVisitPlan> chunk = repo.to_check(now_ms, after, kChunk);
    completed = chunk.size() < kChunk;
    if (!chunk.empty()) after = std::make_pair(*chunk.back().check_at_ms, chunk.back().account_id);
    std::vector<store::VisitPlanWrite> writes;
    for (const store::StoredVisitPlan& p : chunk) {
      ++summary.plans;
      store::VisitPlanWrite w;
      w.account_id = p.account_id;
      w.expected_tier = p.tier;
      w.expected_cadence = p.cadence_days;
      w.expected_last_visit_ms = p.last_visit_ms;
      const std::optional<cv::Plan> plan =
          cv::plan_of(cv::PlanInput{p.cadence_days, p.anchor_ms, p.last_visit_ms}, rules, calendar);
      // A newer visit than the stored due date was computed from met (or missed) that due date.
      if (p.last_visit_ms && p.due_anchor_ms && *p.last_visit_ms > *p.due_anchor_ms && !p.due_date.empty()) {
        if (const auto old_date = core::time::LocalDate::parse(p.due_date)) {
          cv::Plan old;
          old.due_date = *old_date;
          old.due_ms = calendar.start_of_day_ms(*old_date);
          old.overdue_from_ms =
              calendar.start_of_day_ms(core::time::LocalDate{old_date->days_since_epoch + rules.grace_days + 1});
          w.alerts.push_back(alert(p, old, cv::outcome_of(old, *p.last_visit_ms), config, now_ms));
        }
      }
      if (plan) {
        w.next_due_ms = plan->due_ms;
        w.due_date = plan->due_date.to_string();
        w.due_anchor_ms = p.last_visit_ms.value_or(p.anchor_ms);
        w.check_at_ms = cv::next_check_ms(*plan, now_ms);
        // The highest level reached is raised (a plan first seen overdue is not also "due").
        const cv::Level level = cv::level_at(*plan, now_ms);
        if (level != cv::Level::none) w.alerts.push_back(alert(p, *plan, level, config, now_ms));
        w.notified_level = static_cast<int32_t>(level);
      }
      writes.push_back(std::move(w));
    }
    const store::VisitWriteResult r = repo.write_checks(writes, now_ms, completed ? completes_job : std::string());
    summary.due += r.due;
    summary.overdue += r.overdue;
  }
  return summary;
}

PeriodicJob visit_plan_job() {
  PeriodicJob job;
  job.name = kVisitPlanJob;
  job.permission = kVisitsTick;
  job.every_ms = [](const config::Config& c) { return c.visits.check_every_minutes * int64_t{60000}; };
  job.run = [](const JobContext& c, TickResult& result) {
    const VisitCheckSummary s = check_visit_plans(c.store, c.config, c.now_ms, kVisitPlanJob, c.log);
    if (c.log && (s.due > 0 || s.overdue > 0))
      c.log(core::LogLevel::info, "visit plans: " + std::to_string(s.plans) + " checked, " + std::to_string(s.due) +
                                      " due, " + std::to_string(s.overdue) + " overdue");
    result.visits = s;
  };
  return job;
}

}  // namespace kam::app
