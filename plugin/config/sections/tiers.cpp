// tiers.cpp - the tiers section: the evaluation window and schedule, and the levels, highest
// first, each with its rule (tier_rules.hpp) and benefits.
#include "config/sections/sections.hpp"

#include <map>

#include "config/sections/tier_rules.hpp"
#include "config/values.hpp"
#include "core/tiers/tiers.hpp"

namespace kam::config::detail {

namespace t = core::tiers;

namespace {

bool is_tier_name(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

// "gold" -> "Gold", "key-account" -> "Key-account".
std::string capitalised(std::string name) {
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}


void read_benefits(const MapReader& level, t::Benefits& b) {
  auto r = level.get_map("benefits", std::vector<std::string_view>{"dedicated_account_manager", "hotline",
                                                                    "first_response_target", "resolution_target",
                                                                    "discount_authority", "visit_cadence_days",
                                                                    "engineer_pool"});
  if (!r) return;
  if (auto v = get_bool(*r, "dedicated_account_manager")) b.dedicated_account_manager = *v;
  if (auto v = r->get_string("hotline", "a phone number or hotline name")) b.hotline = *v;
  // One source of truth: the response times come from complaints.targets (read_complaints fills them
  // in); the old keys are named here so an admin learns where they went.
  for (const char* moved : {"first_response_target", "resolution_target"})
    if (const Entry* e = r->find(moved))
      level.sink().error(e->key_node.Mark(),
                         r->path_of(moved) + ": response times are set in complaints.targets (business time on a "
                                             "calendar); the benefits card shows the tier's target from there");
  if (auto v = get_percent(*r, "discount_authority", 0, 10000)) b.discount_authority_bp = *v;
  if (auto v = r->get_int("visit_cadence_days", 1, 3650)) b.visit_cadence_days = static_cast<int32_t>(*v);
  if (auto v = r->get_string("engineer_pool", "an engineer pool name")) b.engineer_pool = *v;
}

void read_levels(const MapReader& tiers, const Entry& levels_entry, Config& config) {
  const YAML::Node* list = sequence_of(tiers, levels_entry, "a list of tiers, highest first, the default one last");
  if (!list) return;
  std::vector<t::TierLevel> levels;
  std::map<std::string, int> name_lines;
  std::optional<std::pair<std::string, int>> first_default;  // name, line
  bool ok = true;
  RuleReader rules(tiers.sink(), config.business.reporting_currency);
  std::size_t index = 0;
  const std::size_t count = list->size();
  for (const YAML::Node& item : *list) {
    const std::size_t i = index++;
    const std::string path = "tiers.levels[" + std::to_string(i) + "]";
    auto r = item_reader(tiers.sink(), item, path, {"name", "label", "default", "key_account", "rule", "benefits"},
                         "{name: gold, rule: {all: [...]}, benefits: {...}}");
    if (!r) {
      ok = false;
      continue;
    }
    t::TierLevel level;
    if (!require_keys(*r, path, {"name"})) ok = false;
    if (auto name = r->get_string("name", "a tier name")) {
      const Entry& e = *r->find("name");
      if (!is_tier_name(*name)) {
        r->error_at_value(e, "expected a tier name of 1 to 32 characters from a-z 0-9 _ -, got " + describe(e.value));
        ok = false;
      } else if (auto [it, inserted] = name_lines.emplace(*name, e.value.Mark().line + 1); !inserted) {
        r->error_at_value(e, "duplicate tier name '" + *name + "' (first at line " + std::to_string(it->second) + ")");
        ok = false;
      } else {
        level.name = *name;
      }
    } else {
      ok = false;
    }
    level.label = capitalised(level.name);
    if (auto label = r->get_string("label", "a display name like \"Platinum\"")) {
      if (label->empty())
        r->error_at_value(*r->find("label"), "expected a display name like \"Platinum\", got \"\"");
      else
        level.label = *label;
    }
    level.is_default = get_bool(*r, "default").value_or(false);
    if (level.is_default) {
      const Entry& e = *r->find("default");
      if (first_default) {
        r->error_at_value(e, "a second default tier (the first is '" + first_default->first + "' at line " +
                                 std::to_string(first_default->second) + ")");
        ok = false;
      } else {
        first_default = std::make_pair(level.name, e.key_node.Mark().line + 1);
        if (i + 1 != count) {
          r->error_at_value(e, "the default tier must be the last one; tiers after it could never match");
          ok = false;
        }
      }
    }
    level.key_account = get_bool(*r, "key_account").value_or(!level.is_default);
    if (const Entry* rule = r->find("rule")) {
      if (level.is_default) {
        tiers.sink().error(rule->key_node.Mark(), r->path_of("rule") + ": the default tier has no rule; it takes "
                                                                      "every account no other tier matches");
        ok = false;
      } else if (auto c = rules.rule(*r, *rule)) {
        level.rule = std::move(*c);
      } else {
        ok = false;
      }
    } else if (!level.is_default && r->find("name")) {
      tiers.sink().error(r->mark(), path + ": missing required key 'rule' (only the default tier has none)");
      ok = false;
    }
    read_benefits(*r, level.benefits);
    levels.push_back(std::move(level));
  }
  if (count == 0) {
    tiers.error_at_value(levels_entry, "expected at least the default tier, e.g. - {name: standard, default: true}");
    return;
  }
  if (!first_default) {
    tiers.error_at_value(levels_entry, "no default tier; end the list with one that has 'default: true' (it takes "
                                       "every account no other tier matches)");
    return;
  }
  if (ok) config.tiers.levels = std::move(levels);
}

}  // namespace

void read_tiers(const MapReader& top, Config& config) {
  auto r = top.get_map("tiers", std::vector<std::string_view>{"window_days", "downgrade_after_days", "pareto_percent",
                                                              "evaluate_every", "levels"});
  if (!r) return;
  if (auto v = r->get_int("window_days", 1, 3660)) config.tiers.window_days = static_cast<int32_t>(*v);
  if (auto v = r->get_int("downgrade_after_days", 0, 3650)) config.tiers.downgrade_after_days = static_cast<int32_t>(*v);
  if (auto v = get_percent(*r, "pareto_percent", 1, 10000)) config.tiers.pareto_percent_bp = *v;
  if (auto v = get_duration(*r, "evaluate_every")) config.tiers.evaluate_every_minutes = *v;
  if (const Entry* levels = r->find("levels"); levels && !levels->value.IsNull()) read_levels(*r, *levels, config);
}

}  // namespace kam::config::detail
