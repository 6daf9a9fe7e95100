// service_workflow_writer.cpp - ServiceWorkflowWriter: routing at OPENED, the workflow check of
// STATE_CHANGED, and the ledger and current row of every step; see service_workflow_writer.hpp.
#include "store/ingestion/service_workflow_writer.hpp"

#include <climits>

#include <nlohmann/json.hpp>

#include "core/service/deadlines.hpp"
#include "core/service/routing.hpp"
#include "store/cursor.hpp"
#include "store/ingestion/writer_support.hpp"

namespace kam::store::detail {

namespace sv = core::service;
using nlohmann::json;

namespace {

std::string text_of(soci::session& sql, Backend backend, const char* query, const std::string& key) {
  Cursor c(sql, backend, query, {key});
  return c.next() ? std::string(c.text_at(0)) : std::string();
}

// The managers of these employees, as complaints' org facts (recipients owner_manager, ...).
core::complaints::OrgFacts org_of(soci::session& sql, Backend backend, const std::vector<std::string>& ids) {
  core::complaints::OrgFacts org;
  for (const std::string& id : ids)
    if (!id.empty())
      org[id].manager_id = text_of(sql, backend, "SELECT manager_id FROM employees WHERE employee_id = $1", id);
  return org;
}

std::vector<std::string> without_empty(std::vector<std::string> v) {
  std::erase(v, std::string());
  return v;
}

}  // namespace

std::optional<ItemResult> ServiceWorkflowWriter::prepare(const core::ServiceRequestEvent& event) {
  plan_ = Plan{};
  if (ctx_.config == nullptr || !ctx_.config->service.enabled()) return std::nullopt;
  auto current = read_service_current(ctx_.sql, ctx_.backend, event.request_id, true);
  if (event.action == static_cast<int32_t>(core::ServiceAction::opened))
    return current ? std::nullopt : open(event);  // a second OPENED: the v1 table names the first
  if (!current) return std::nullopt;              // opened before workflows: events only
  return step(event, std::move(*current));
}

void ServiceWorkflowWriter::enter_state(ServiceCurrent& c, const std::string& state, const std::string& who) {
  const sv::Workflow& w = *ctx_.config->service.workflow(c.workflow);
  const sv::State& s = *w.state(state);
  const core::time::WorkCalendar& calendar = *ctx_.config->calendars.find(w.calendar);
  ServiceEntry e;
  e.seq = ++c.last_seq;
  e.at_ms = ctx_.at_ms;
  e.kind = "state_entered";
  e.who = who;
  e.state = state;
  e.assignee = c.assignee;
  e.deadline_ms = sv::deadline_of(s, calendar, ctx_.at_ms);
  e.event_id = ctx_.event_id;
  c.state = state;
  c.open = !s.final;
  c.state_entered_at_ms = ctx_.at_ms;
  c.state_seq = e.seq;
  c.deadline_ms = e.deadline_ms;
  // Levels already past count too: no tick has seen this state entry yet.
  c.next_due_ms = c.open ? sv::next_due(sv::state_steps(w, s, calendar, ctx_.at_ms), INT64_MIN) : std::nullopt;
  c.closed_at_ms = s.final ? std::optional<int64_t>(ctx_.at_ms) : std::nullopt;
  plan_.entries.push_back(std::move(e));
}

std::optional<ItemResult> ServiceWorkflowWriter::open(const core::ServiceRequestEvent& event) {
  const config::Config& config = *ctx_.config;
  const sv::ServiceConfig& service = config.service;
  ServiceCurrent& c = plan_.current;
  c.request_id = event.request_id;
  c.account_id = event.account_id;
  c.tier =
      text_of(ctx_.sql, ctx_.backend, "SELECT effective_tier FROM tier_state WHERE account_id = $1", event.account_id);
  if (c.tier.empty() || !config.tiers.find(c.tier)) c.tier = config.tiers.default_level().name;
  const sv::Workflow* workflow = service.workflow_for_tier(c.tier);
  if (!workflow) return std::nullopt;  // the loader makes every tier resolve; kept as events only otherwise
  c.workflow = workflow->name;
  c.opened_at_ms = ctx_.at_ms;

  // Routing by the tier's benefits.
  const core::tiers::Benefits& benefits = config.tiers.find(c.tier)->benefits;
  sv::RouteInput in;
  in.tier = c.tier;
  in.dedicated_manager_required = benefits.dedicated_account_manager;
  in.account_id = event.account_id;
  in.account_manager_id = text_of(ctx_.sql, ctx_.backend,
                                  "SELECT account_manager_id FROM accounts WHERE account_id = $1", event.account_id);
  in.pool = service.pool(benefits.engineer_pool.empty() ? service.default_pool : benefits.engineer_pool);
  if (in.pool && in.pool->rule == sv::PoolRule::least_open)
    in.open_counts = open_request_counts(ctx_.sql, ctx_.backend, in.pool->members);
  // Round robin takes the pool's turn now: on PostgreSQL the row stays locked until the batch
  // commits, so concurrent batches never hand out the same turn.
  const bool turns = in.pool && in.pool->rule == sv::PoolRule::round_robin && !in.pool->members.empty() &&
                     !(in.dedicated_manager_required && !in.account_manager_id.empty());
  if (turns) in.routed_to_pool = take_pool_turn(ctx_.sql, ctx_.backend, in.pool->name);
  const sv::Route route = sv::route(in);
  c.assignee = route.assignee;
  c.pool = route.pool;
  c.routed_by = sv::route_by_name(route.by);

  ServiceEntry opened;
  opened.seq = ++c.last_seq;
  opened.at_ms = ctx_.at_ms;
  opened.kind = "opened";
  opened.who = event.employee_id;
  opened.event_id = ctx_.event_id;
  opened.details_json =
      json{{"category", event.category}, {"text", event.text}, {"tier", c.tier}, {"workflow", c.workflow}}.dump();
  plan_.entries.push_back(std::move(opened));
  ServiceEntry routed;
  routed.seq = ++c.last_seq;
  routed.at_ms = ctx_.at_ms;
  routed.kind = "routed";
  routed.assignee = c.assignee;
  routed.event_id = ctx_.event_id;
  routed.details_json =
      json{{"by", c.routed_by}, {"pool", c.pool}, {"unrouted", route.unrouted ? json(*route.unrouted) : json(nullptr)}}
          .dump();
  plan_.entries.push_back(std::move(routed));
  enter_state(c, workflow->initial, event.employee_id);

  if (route.unrouted) {
    const auto to =
        core::complaints::resolve_recipients(service.supervisors, in.account_manager_id, c.assignee,
                                             org_of(ctx_.sql, ctx_.backend, {in.account_manager_id, c.assignee}));
    ServiceNotification n;
    n.key = event.request_id + "/unrouted";
    n.request_id = event.request_id;
    n.account_id = event.account_id;
    n.kind = "unrouted";
    n.state = c.state;
    n.due_at_ms = ctx_.at_ms;
    n.payload_json = json{{"key", n.key},
                          {"request_id", n.request_id},
                          {"account_id", n.account_id},
                          {"tier", c.tier},
                          {"reason", *route.unrouted},
                          {"assignee", c.assignee},
                          {"employees", without_empty(to.employees)},
                          {"roles", to.roles},
                          {"created_at_ms", ctx_.received_at_ms}}
                         .dump();
    plan_.unrouted = std::move(n);
  }
  plan_.active = true;
  return std::nullopt;
}

std::optional<ItemResult> ServiceWorkflowWriter::step(const core::ServiceRequestEvent& event, ServiceCurrent c) {
  const sv::Workflow* workflow = ctx_.config->service.workflow(c.workflow);
  const std::string who = "service request '" + event.request_id + "'";
  if (!workflow)
    return rejected_item(Status::conflict, who + " follows workflow '" + c.workflow +
                                               "', which the config in force no longer has; restore it to go on");
  ServiceEntry e;
  e.at_ms = ctx_.at_ms;
  e.who = event.employee_id;
  e.event_id = ctx_.event_id;
  switch (static_cast<core::ServiceAction>(event.action)) {
    case core::ServiceAction::state_changed: {
      const std::vector<std::string> roles = ctx_.config->service.roles_of(event.employee_id);
      if (const auto why = sv::refused_transition(*workflow, c.state, event.state, roles))
        return rejected_item(Status::conflict, who + ": " + c.state + " -> " + event.state + " by '" +
                                                   event.employee_id + "' refused: " + *why);
      enter_state(c, event.state, event.employee_id);
      break;
    }
    case core::ServiceAction::assigned:
      c.assignee = event.assignee_id;
      e.kind = "assigned";
      e.assignee = event.assignee_id;
      break;
    case core::ServiceAction::closed:
      c.open = false;
      c.next_due_ms.reset();
      c.closed_at_ms = ctx_.at_ms;
      e.kind = "closed";
      e.state = c.state;
      break;
    case core::ServiceAction::commented:
      e.kind = "commented";
      e.details_json = json{{"text", event.text}}.dump();
      break;
    case core::ServiceAction::opened:
      break;
  }
  if (!e.kind.empty()) {
    e.seq = ++c.last_seq;
    plan_.entries.push_back(std::move(e));
  }
  plan_.current = std::move(c);
  plan_.active = true;
  return std::nullopt;
}

void ServiceWorkflowWriter::write() {
  if (!plan_.active) return;
  append_service_entries(ctx_.sql, ctx_.backend, plan_.current.request_id, plan_.entries);
  write_service_current(ctx_.sql, ctx_.backend, plan_.current);
  if (plan_.unrouted) write_service_notification(ctx_.sql, ctx_.backend, *plan_.unrouted, ctx_.received_at_ms);
  plan_ = Plan{};
}

}  // namespace kam::store::detail
