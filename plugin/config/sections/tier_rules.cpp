// tier_rules.cpp - the rule reader of the tiers section (see tier_rules.hpp).
#include "config/sections/tier_rules.hpp"

#include <string_view>
#include <vector>

#include "config/did_you_mean.hpp"
#include "config/values.hpp"
#include "core/tiers/tiers.hpp"

namespace kam::config::detail {
namespace {

namespace t = core::tiers;

constexpr int kMaxRuleDepth = 8;
constexpr int64_t kMaxCount = 1000000000;

// The operators people write by mistake, and what they mean.
std::optional<std::string_view> operator_suggestion(std::string_view op) {
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"=", "=="},  {"=>", ">="}, {"=<", "<="}, {"≥", ">="},  {"≤", "<="}, {"≠", "!="}, {"<>", "!="},
      {"ge", ">="}, {"gte", ">="}, {"le", "<="}, {"lte", "<="}, {"gt", ">"}, {"lt", "<"}, {"eq", "=="},
      {"ne", "!="},
  };
  for (const auto& [alias, meant] : kAliases)
    if (alias == op) return meant;
  return std::nullopt;
}

}  // namespace

// A rule: {all: [...]} or {any: [...]}.
std::optional<t::Condition> RuleReader::rule(const MapReader& level, const Entry& e) {
  if (!e.value.IsMap()) {
    level.error_at_value(e, "expected {all: [conditions]} or {any: [conditions]}, got " + describe(e.value));
    return std::nullopt;
  }
  MapReader r(sink_, e.value, level.path_of(e.key), e.value.Mark(), std::vector<std::string_view>{"all", "any"});
  if (r.entries().size() != e.value.size()) return std::nullopt;  // unknown or duplicate keys: reported
  if (r.entries().empty()) {
    level.error_at_value(e, "expected {all: [conditions]} or {any: [conditions]}, got an empty mapping");
    return std::nullopt;
  }
  if (r.entries().size() > 1) {
    sink_.error(r.entries()[1].key_node.Mark(),
                level.path_of(e.key) + ": use either 'all' or 'any', not both; nest one inside the other");
    return std::nullopt;
  }
  return group(r, r.entries()[0], 1);
}

std::optional<t::Condition> RuleReader::group(const MapReader& parent, const Entry& e, int depth) {
  const YAML::Node* list = sequence_of(parent, e, "a non-empty list of conditions");
  if (!list) return std::nullopt;
  if (list->size() == 0) {
    parent.error_at_value(e, "expected a non-empty list of conditions, got an empty list");
    return std::nullopt;
  }
  std::vector<t::Condition> members;
  bool ok = true;
  std::size_t index = 0;
  for (const YAML::Node& item : *list) {
    auto c = condition(item, parent.path_of(e.key) + "[" + std::to_string(index++) + "]", depth);
    if (c)
      members.push_back(std::move(*c));
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return e.key == "all" ? t::Condition::all_of(std::move(members)) : t::Condition::any_of(std::move(members));
}

std::optional<t::Condition> RuleReader::condition(const YAML::Node& item, const std::string& path, int depth) {
  static const std::string kForms =
      "{metric: revenue, op: \">=\", value: \"1000000.00\"}, {flag: strategic}, or a nested {all: [...]} or "
      "{any: [...]}";
  auto r = item_reader(sink_, item, path, {"metric", "op", "value", "flag", "all", "any"}, kForms);
  if (!r) return std::nullopt;
  if (r->entries().size() != item.size()) return std::nullopt;  // unknown or duplicate keys: reported
  std::vector<std::string_view> forms;
  for (std::string_view key : {"metric", "flag", "all", "any"})
    if (r->find(key)) forms.push_back(key);
  if (forms.size() != 1) {
    if (forms.empty() && (r->find("op") || r->find("value")))
      sink_.error(r->mark(), path + ": missing required key 'metric'");
    else if (forms.empty())
      sink_.error(r->mark(), path + ": expected a condition like " + kForms);
    else
      sink_.error(r->find(forms[1])->key_node.Mark(), path + ": a condition has one of 'metric' (with op and value), "
                                                             "'flag', 'all' or 'any'; this one has " +
                                                             join(forms));
    return std::nullopt;
  }
  const std::string_view form = forms[0];
  if (form != "metric")
    for (std::string_view key : {"op", "value"})
      if (const Entry* stray = r->find(key)) {
        sink_.error(stray->key_node.Mark(), r->path_of(key) + ": only a 'metric' condition has '" + std::string(key) + "'");
        return std::nullopt;
      }
  if (form == "flag") {
    auto flag = r->get_string("flag", "a flag name like strategic");
    if (!flag) return std::nullopt;
    if (flag->empty()) {
      r->error_at_value(*r->find("flag"), "expected a flag name like strategic, got \"\"");
      return std::nullopt;
    }
    return t::Condition::has_flag(*flag);
  }
  if (form == "all" || form == "any") {
    if (depth >= kMaxRuleDepth) {
      sink_.error(r->find(form)->key_node.Mark(),
                  r->path_of(form) + ": conditions nest at most " + std::to_string(kMaxRuleDepth) + " levels deep");
      return std::nullopt;
    }
    return group(*r, *r->find(form), depth + 1);
  }
  return metric_condition(*r, path);
}

std::optional<t::Condition> RuleReader::metric_condition(const MapReader& r, const std::string& path) {
  bool ok = true;
  for (std::string_view key : {"op", "value"})
    if (!r.find(key)) {
      sink_.error(r.mark(), path + ": missing required key '" + std::string(key) + "'");
      ok = false;
    }
  std::optional<t::Metric> metric;
  const Entry& metric_entry = *r.find("metric");
  if (metric_entry.value.IsScalar()) metric = t::metric_by_name(metric_entry.value.Scalar());
  if (!metric) {
    const auto names = t::metric_names();
    std::string message = "unknown metric " + describe(metric_entry.value);
    const std::string suffix = metric_entry.value.IsScalar() ? did_you_mean_suffix(metric_entry.value.Scalar(), names) : "";
    message += suffix.empty() ? "; metrics: " + join(names) : suffix;
    r.error_at_value(metric_entry, message);
    ok = false;
  }
  std::optional<t::Op> op;
  if (const Entry* op_entry = r.find("op")) {
    if (op_entry->value.IsScalar()) op = t::op_by_symbol(op_entry->value.Scalar());
    if (!op) {
      std::string message = "expected one of " + join(t::op_symbols()) + " (in quotes, e.g. op: \">=\"), got " +
                            describe(op_entry->value);
      const std::string& tag = op_entry->value.Tag();
      if (op_entry->value.IsScalar() && op_entry->value.Scalar().empty() && tag.size() > 1 && tag[0] == '!')
        message = "unquoted " + tag + " is a YAML tag; write op: \"" + tag + "\"";  // `op: !=`
      else if (op_entry->value.IsScalar())
        if (auto meant = operator_suggestion(op_entry->value.Scalar()))
          message += "; did you mean '" + std::string(*meant) + "'?";
      r.error_at_value(*op_entry, message);
      ok = false;
    }
  }
  std::optional<int64_t> threshold;
  if (const Entry* value = r.find("value"); value && metric) {
    threshold = this->threshold(r, *value, *metric);
    ok = ok && threshold.has_value();
  }
  if (!ok || !metric || !op || !threshold) return std::nullopt;
  return t::Condition::compare(*metric, *op, *threshold);
}

std::optional<int64_t> RuleReader::threshold(const MapReader& r, const Entry& e, t::Metric metric) {
  const t::MetricInfo& info = t::metric_info(metric);
  switch (info.kind) {
    case t::MetricKind::money: return money_of(r, e, info.name, currency_);
    case t::MetricKind::percent: {
      const bool bounded = metric == t::Metric::revenue_share || metric == t::Metric::pareto_top_percent;
      return percent_of(r, e, bounded ? 0 : -100000000, bounded ? 10000 : 100000000,
                        std::string(info.name) + " is a percentage", bounded);
    }
    case t::MetricKind::count:
    case t::MetricKind::days: return whole_of(r, e, 0, kMaxCount, info.name);
  }
  return std::nullopt;
}

}  // namespace kam::config::detail
