// service.cpp - the service section (docs/service.md, schema in docs/config.md): engineer pools and
// their routing rule, the supervisors of unroutable requests, the roles employees hold, one workflow
// per tier (or shared) with named states, deadlines in business time on a named calendar, what
// happens at them, and the allowed transitions with the roles that may perform each. Each workflow
// is checked by the core's validate_workflow; every problem is reported at its node.
#include <algorithm>
#include <map>
#include <set>

#include "config/did_you_mean.hpp"
#include "config/sections/sections.hpp"
#include "config/values.hpp"
#include "core/money/decimal.hpp"
#include "core/service/validate.hpp"

namespace kam::config::detail {

namespace s = core::service;

namespace {

const std::vector<std::string_view> kRules{"least_open", "round_robin"};
constexpr const char* kTransitionExample = "{from: new, to: in_progress, roles: [service.agent]}";
constexpr const char* kStepExample = "{warn: \"75%\", to: [assignee]} or {escalate: breach, to: [assignee_manager]}";

std::string indexed(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

// Where each part of a workflow came from, so the core's issues are reported at their node.
struct WorkflowMarks {
  YAML::Mark initial;
  std::map<std::string, YAML::Mark> states;
  struct Transition {
    std::vector<YAML::Mark> from, roles;
    YAML::Mark to;
  };
  std::vector<Transition> transitions;
};

class ServiceReader {
 public:
  ServiceReader(const MapReader& top, const MapReader& r, Config& config) : top_(top), r_(r), config_(config) {
    for (const auto& [role, permissions] : config_.access.role_permissions) roles_.insert(role);
  }

  void read() {
    s::ServiceConfig& out = config_.service;
    if (const auto every = get_duration(r_, "check_every")) out.check_every_minutes = *every;
    if (const auto pools = r_.get_map("pools", std::nullopt)) read_pools(*pools);
    if (const Entry* e = r_.find("default_pool")) {
      if (const auto name = r_.get_string("default_pool", "a pool name")) {
        if (out.pool(*name))
          out.default_pool = *name;
        else
          r_.error_at_value(*e, "unknown pool " + detail::quoted(*name) + pool_names_suffix(*name));
      }
    }
    if (r_.find("supervisors"))
      if (auto to = recipients_of(r_, "service", "supervisors")) {
        check_recipient_roles(r_, "supervisors", *to);
        out.supervisors = std::move(*to);
      }
    if (const auto roles = r_.get_map("employee_roles", std::nullopt)) read_employee_roles(*roles);
    if (const auto workflows = r_.get_map("workflows", std::nullopt)) read_workflows(*workflows);
    check_tier_pools();
    if (const auto by_tier = r_.get_map("by_tier", std::nullopt)) read_by_tier(*by_tier);
    check_every_tier_has_a_workflow();
  }

 private:
  const MapReader& top_;
  const MapReader& r_;
  Config& config_;
  std::set<std::string> roles_;  // defined by access.roles

  std::string pool_names_suffix(const std::string& name) const {
    std::vector<std::string_view> names;
    for (const s::Pool& p : config_.service.pools) names.push_back(p.name);
    if (names.empty()) return "; service.pools defines none";
    const auto match = closest_match(name, names);
    return match ? "; did you mean '" + *match + "'?" : "; pools defined: " + join(names);
  }

  // A role name that must be defined by access.roles: reported at `at` otherwise.
  bool check_role(const std::string& role, const YAML::Mark& at, const std::string& path) const {
    if (roles_.count(role)) return true;
    const std::vector<std::string_view> names(roles_.begin(), roles_.end());
    const auto match = closest_match(role, names);
    r_.sink().error(at, path + ": role " + detail::quoted(role) + " is defined by no access rule (access.roles)" +
                            (match ? "; did you mean '" + *match + "'?" : ""));
    return false;
  }

  void check_recipient_roles(const MapReader& r, std::string_view key, const std::vector<s::Recipient>& to) const {
    const Entry* e = r.find(key);
    std::size_t i = 0;
    for (const YAML::Node& item : e->value) {
      const s::Recipient& rec = to[i];
      if (rec.kind == s::RecipientKind::role) check_role(rec.role, item["role"].Mark(), indexed(r.path_of(key), i));
      ++i;
    }
  }

  std::optional<std::vector<std::string>> names_of(const MapReader& r, const Entry& e, const std::string& expected,
                                                   std::vector<YAML::Mark>* marks = nullptr) const {
    if (e.value.IsScalar()) {
      if (marks) marks->push_back(e.value.Mark());
      return std::vector<std::string>{e.value.Scalar()};
    }
    const YAML::Node* list = sequence_of(r, e, expected);
    if (!list) return std::nullopt;
    std::vector<std::string> out;
    bool ok = true;
    std::size_t i = 0;
    for (const YAML::Node& item : *list) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        r.sink().error(item.Mark(), indexed(r.path_of(e.key), i) + ": expected a name, got " + describe(item));
        ok = false;
      } else {
        out.push_back(item.Scalar());
        if (marks) marks->push_back(item.Mark());
      }
      ++i;
    }
    if (!ok) return std::nullopt;
    return out;
  }

  void read_pools(const MapReader& pools) {
    for (const Entry& e : pools.entries()) {
      const std::string path = pools.path_of(e.key);
      const auto r = item_reader(pools.sink(), e.value, path, {"members", "rule", "role"},
                                 "{members: [eng-01, eng-02], rule: least_open}");
      if (!r || !require_keys(*r, path, {"members"})) continue;
      s::Pool pool;
      pool.name = e.key;
      if (const auto members = names_of(*r, *r->find("members"), "a list of employee ids like [eng-01, eng-02]"))
        pool.members = *members;
      if (r->find("rule"))
        if (const auto rule = r->get_choice("rule", kRules)) pool.rule = static_cast<s::PoolRule>(*rule + 1);
      if (const Entry* role = r->find("role"))
        if (const auto name = r->get_string("role", "a role name"))
          if (check_role(*name, MapReader::value_mark(*role), r->path_of("role"))) pool.role = *name;
      config_.service.pools.push_back(std::move(pool));
    }
  }

  void read_employee_roles(const MapReader& roles) {
    for (const Entry& e : roles.entries()) {
      std::vector<YAML::Mark> marks;
      const auto names = names_of(roles, e, "a list of role names like [service.agent]", &marks);
      if (!names) continue;
      for (std::size_t i = 0; i < names->size(); ++i) check_role((*names)[i], marks[i], roles.path_of(e.key));
      config_.service.employee_roles[e.key] = *names;
    }
  }

  std::optional<s::DeadlineStep> read_step(const MapReader& state, const YAML::Node& item, const std::string& path) {
    auto r = item_reader(state.sink(), item, path, {"warn", "escalate", "after", "to", "name"}, kStepExample);
    if (!r) return std::nullopt;
    const Entry* warn = r->find("warn");
    const Entry* escalate = r->find("escalate");
    if ((warn != nullptr) == (escalate != nullptr)) {
      r->sink().error(item.Mark(), path + ": give warn (a fraction of the deadline) or escalate (breach), one of them");
      return std::nullopt;
    }
    s::DeadlineStep step;
    bool ok = true;
    if (warn) {
      step.kind = s::StepKind::warning;
      const auto bp = percent_of(*r, *warn, 1, 9999, "expected a warning fraction below 100%");
      if (bp) step.at_bp = static_cast<int32_t>(*bp);
      ok = ok && bp.has_value();
      if (const Entry* after = r->find("after")) {
        r->error_at_value(*after, "after belongs to escalate steps (business time past the deadline)");
        ok = false;
      }
    } else {
      step.kind = s::StepKind::escalation;
      if (!escalate->value.IsScalar() || escalate->value.Scalar() != "breach") {
        r->error_at_value(*escalate,
                          "expected breach (the deadline; add after: 2h for later), got " + describe(escalate->value));
        ok = false;
      }
      if (const Entry* after = r->find("after")) {
        const auto minutes = business_minutes_of(*r, *after);
        if (minutes) step.after_minutes = *minutes;
        ok = ok && minutes.has_value();
      }
    }
    if (!require_keys(*r, path, {"to"})) return std::nullopt;
    auto to = recipients_of(*r, path, "to");
    if (!to) return std::nullopt;
    check_recipient_roles(*r, "to", *to);
    step.to = std::move(*to);
    if (r->find("name")) {
      const auto name = r->get_string("name", "a name for the step");
      if (!name) return std::nullopt;
      step.name = *name;
    } else if (step.kind == s::StepKind::warning) {
      step.name = "warning " + core::money::format_percent_bp(step.at_bp);
    } else {
      step.name = "escalation breach";
      if (step.after_minutes > 0)
        step.name += " + " + (step.after_minutes % 60 == 0 ? std::to_string(step.after_minutes / 60) + "h"
                                                           : std::to_string(step.after_minutes) + "m");
    }
    if (!ok) return std::nullopt;
    return step;
  }

  std::optional<s::State> read_state(const MapReader& states, const Entry& e) {
    s::State state;
    state.name = e.key;
    if (e.value.IsNull()) return state;  // `waiting_customer: {}` or nothing: no deadline
    const std::string path = states.path_of(e.key);
    auto r = item_reader(states.sink(), e.value, path, {"deadline", "final", "on_deadline"},
                         "{deadline: 4h, on_deadline: [...]} or {final: true}");
    if (!r) return std::nullopt;
    bool ok = true;
    if (const auto final = get_bool(*r, "final")) state.final = *final;
    if (const Entry* d = r->find("deadline")) {
      state.deadline_minutes = business_minutes_of(*r, *d);
      ok = ok && state.deadline_minutes.has_value();
    }
    if (const Entry* steps = r->find("on_deadline")) {
      const YAML::Node* list = sequence_of(*r, *steps, std::string("a list of steps like - ") + kStepExample);
      if (!list) return std::nullopt;
      std::size_t i = 0;
      for (const YAML::Node& item : *list) {
        auto step = read_step(*r, item, indexed(path + ".on_deadline", i++));
        if (step)
          state.on_deadline.push_back(std::move(*step));
        else
          ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return state;
  }

  std::optional<s::Transition> read_transition(const MapReader& list_owner, const YAML::Node& item,
                                               const std::string& path, WorkflowMarks::Transition& marks) {
    auto r = item_reader(list_owner.sink(), item, path, {"from", "to", "roles", "auto_after"}, kTransitionExample);
    if (!r || !require_keys(*r, path, {"from", "to"})) return std::nullopt;
    s::Transition t;
    bool ok = true;
    const auto from = names_of(*r, *r->find("from"), "a state or a list of states", &marks.from);
    if (from) t.from = *from;
    ok = ok && from.has_value();
    const auto to = r->get_string("to", "a state name");
    marks.to = MapReader::value_mark(*r->find("to"));
    if (to) t.to = *to;
    ok = ok && to.has_value();
    if (const Entry* roles = r->find("roles")) {
      const auto names = names_of(*r, *roles, "a list of role names like [service.agent]", &marks.roles);
      if (names) t.roles = *names;
      ok = ok && names.has_value();
    }
    if (const Entry* after = r->find("auto_after")) {
      t.auto_after_minutes = business_minutes_of(*r, *after);
      ok = ok && t.auto_after_minutes.has_value();
    }
    if (!ok) return std::nullopt;
    return t;
  }

  void read_workflow(const MapReader& workflows, const Entry& e) {
    const std::string path = workflows.path_of(e.key);
    auto r = item_reader(workflows.sink(), e.value, path, {"calendar", "initial", "states", "transitions"},
                         "{calendar: china-office, initial: new, states: {...}, transitions: [...]}");
    if (!r || !require_keys(*r, path, {"calendar", "initial", "states", "transitions"})) return;
    s::Workflow w;
    WorkflowMarks marks;
    w.name = e.key;
    bool ok = true;
    if (get_calendar(top_, *r, "calendar", config_))
      w.calendar = *r->get_string("calendar");
    else
      ok = false;
    if (const auto initial = r->get_string("initial", "a state name")) w.initial = *initial;
    marks.initial = MapReader::value_mark(*r->find("initial"));
    if (const auto states = r->get_map("states", std::nullopt)) {
      for (const Entry& se : states->entries()) {
        marks.states[se.key] = se.key_node.Mark();
        if (auto state = read_state(*states, se))
          w.states.push_back(std::move(*state));
        else
          ok = false;
      }
    } else {
      ok = false;
    }
    if (const YAML::Node* list = sequence_of(*r, *r->find("transitions"),
                                             std::string("a list of transitions like - ") + kTransitionExample)) {
      std::size_t i = 0;
      for (const YAML::Node& item : *list) {
        marks.transitions.emplace_back();
        auto t = read_transition(*r, item, indexed(path + ".transitions", i++), marks.transitions.back());
        if (t)
          w.transitions.push_back(std::move(*t));
        else
          ok = false;
      }
    } else {
      ok = false;
    }
    if (!ok) return;  // an entry could not be read: checking the graph would only mislead
    bool valid = true;
    for (const s::WorkflowIssue& issue : s::validate_workflow(w, roles_)) {
      valid = false;
      using At = s::WorkflowIssue::At;
      YAML::Mark at = marks.initial;
      std::string where = path + ".initial";
      const auto& tm = issue.transition < marks.transitions.size() ? marks.transitions[issue.transition]
                                                                   : WorkflowMarks::Transition{};
      const std::string tpath = indexed(path + ".transitions", issue.transition);
      switch (issue.at) {
        case At::initial:
          break;
        case At::state:
          at = marks.states[issue.state];
          where = path + ".states." + issue.state;
          break;
        case At::transition_from:
          at = tm.from.at(issue.item);
          where = tpath + ".from";
          break;
        case At::transition_to:
          at = tm.to;
          where = tpath + ".to";
          break;
        case At::transition_role:
          at = tm.roles.at(issue.item);
          where = indexed(tpath + ".roles", issue.item);
          break;
      }
      r->sink().error(at, where + ": " + issue.message);
    }
    if (valid) config_.service.workflows.push_back(std::move(w));
  }

  void read_workflows(const MapReader& workflows) {
    for (const Entry& e : workflows.entries()) read_workflow(workflows, e);
  }

  std::vector<std::string> tier_names() const {
    std::vector<std::string> names;
    for (const auto& level : config_.tiers.levels) names.push_back(level.name);
    return names;
  }

  bool workflow_declared(const std::string& name) const {
    const Entry* e = r_.find("workflows");
    return e && e->value.IsMap() && e->value[name];
  }

  void read_by_tier(const MapReader& by_tier) {
    const std::vector<std::string> tiers = tier_names();
    const std::vector<std::string_view> tier_views(tiers.begin(), tiers.end());
    std::vector<std::string_view> workflow_names;
    const Entry* declared = r_.find("workflows");
    std::vector<std::string> declared_names;
    if (declared && declared->value.IsMap())
      for (const auto& pair : declared->value)
        if (pair.first.IsScalar()) declared_names.push_back(pair.first.Scalar());
    for (const std::string& n : declared_names) workflow_names.push_back(n);
    for (const Entry& e : by_tier.entries()) {
      if (e.key != "default" && std::find(tiers.begin(), tiers.end(), e.key) == tiers.end()) {
        const auto match = closest_match(e.key, tier_views);
        by_tier.sink().error(e.key_node.Mark(), by_tier.path_of(e.key) + ": unknown tier " + detail::quoted(e.key) +
                                                    (match ? "; did you mean '" + *match + "'?"
                                                           : "; tiers defined: " + join(tier_views) + " (or default)"));
        continue;
      }
      const auto name = by_tier.get_string(e.key, "a workflow name");
      if (!name) continue;
      if (!config_.service.workflow(*name)) {
        if (!workflow_declared(*name)) {  // a declared one that was refused has had its errors
          const auto match = closest_match(*name, workflow_names);
          by_tier.error_at_value(e, "unknown workflow " + detail::quoted(*name) +
                                        (workflow_names.empty() ? std::string("; service.workflows defines none")
                                         : match                ? "; did you mean '" + *match + "'?"
                                                                : "; workflows defined: " + join(workflow_names)));
        }
        continue;
      }
      if (e.key == "default")
        config_.service.default_workflow = *name;
      else
        config_.service.by_tier[e.key] = *name;
    }
  }

  void check_tier_pools() {
    const Entry* pools = r_.find("pools");
    for (const auto& level : config_.tiers.levels)
      if (!level.benefits.engineer_pool.empty() && !config_.service.pool(level.benefits.engineer_pool))
        r_.sink().error(pools ? pools->key_node.Mark() : r_.mark(),
                        "service.pools: tier '" + level.name + "' names engineer_pool " +
                            detail::quoted(level.benefits.engineer_pool) + " in its benefits; define it here" +
                            pool_names_suffix(level.benefits.engineer_pool));
  }

  void check_every_tier_has_a_workflow() {
    const s::ServiceConfig& out = config_.service;
    if (!r_.find("workflows") || r_.sink().has_errors()) return;
    const Entry* by_tier = r_.find("by_tier");
    for (const auto& level : config_.tiers.levels)
      if (!out.workflow_for_tier(level.name))
        r_.sink().error(
            by_tier ? by_tier->key_node.Mark() : r_.mark(),
            "service.by_tier: tier '" + level.name + "' has no workflow; name one for it or give by_tier.default");
  }
};

}  // namespace

void read_service(const MapReader& top, Config& config) {
  const auto section =
      top.get_map("service", std::vector<std::string_view>{"check_every", "pools", "default_pool", "supervisors",
                                                           "employee_roles", "workflows", "by_tier"});
  if (!section) return;
  ServiceReader(top, *section, config).read();
}

}  // namespace kam::config::detail
