// tier_sections.cpp - reads exchange_rates, tiers, customer_value and churn_risk (see
// tier_sections.hpp). Every value is checked with its file position; numbers that matter (money,
// percentages, rates) are parsed from the YAML text exactly, never through floating point.
#include "config/tier_sections.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/did_you_mean.hpp"
#include "core/money/currency.hpp"
#include "core/tiers/tiers.hpp"

namespace kam::config::detail {
namespace {

namespace t = core::tiers;
namespace money = core::money;
namespace time = core::time;
using Entry = MapReader::Entry;

constexpr int kMaxRuleDepth = 8;
constexpr int64_t kMaxCount = 1000000000;

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::string_view s : items) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

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

// The value of a scalar entry as text, or nothing after reporting `expected`.
std::optional<std::string> scalar(const MapReader& r, const Entry& e, const std::string& expected) {
  if (e.value.IsScalar()) return e.value.Scalar();
  r.error_at_value(e, expected + ", got " + describe(e.value));
  return std::nullopt;
}

std::optional<bool> get_bool(const MapReader& r, std::string_view key) {
  const Entry* e = r.find(key);
  if (!e) return std::nullopt;
  if (e->value.IsScalar() && e->value.Tag() == "?") {
    const std::string& s = e->value.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  r.error_at_value(*e, "expected true or false, got " + describe(e->value));
  return std::nullopt;
}

// A percentage written like "12.5%" in basis points, within [min_bp, max_bp]. `lead` starts the
// message ("expected a percentage", "margin_percent is a percentage"); the range is shown unless
// `show_range` is false.
std::optional<int64_t> percent_of(const MapReader& r, const Entry& e, int64_t min_bp, int64_t max_bp,
                                  std::string_view lead = "expected a percentage", bool show_range = true) {
  std::string expected = std::string(lead) + " like \"12.5%\"";
  if (show_range) expected += " in " + money::format_percent_bp(min_bp) + ".." + money::format_percent_bp(max_bp);
  auto text = scalar(r, e, expected);
  if (!text) return std::nullopt;
  money::DecimalError error = money::DecimalError::none;
  auto bp = money::parse_percent_bp(*text, &error);
  if (!bp && error == money::DecimalError::too_many_decimals) {
    r.error_at_value(e, "percentages have at most 2 decimals (whole basis points), got " + describe(e.value));
    return std::nullopt;
  }
  if (!bp || *bp < min_bp || *bp > max_bp) {
    std::string message = expected + ", got " + describe(e.value);
    if (error == money::DecimalError::missing_percent && money::parse_scaled_decimal(*text, 2))
      message += "; write the % sign, e.g. \"" + *text + "%\"";
    r.error_at_value(e, message);
    return std::nullopt;
  }
  return bp;
}

std::optional<int64_t> get_percent(const MapReader& r, std::string_view key, int64_t min_bp, int64_t max_bp) {
  const Entry* e = r.find(key);
  return e ? percent_of(r, *e, min_bp, max_bp) : std::nullopt;
}

// A whole number within [min, max] ("a whole number" rather than get_int's wording, for values
// that sit next to decimals and percentages).
std::optional<int64_t> whole_of(const MapReader& r, const Entry& e, int64_t min, int64_t max, std::string_view what) {
  if (e.value.IsScalar()) {
    if (auto v = money::parse_scaled_decimal(e.value.Scalar(), 0); v && *v >= min && *v <= max) return v;
  }
  r.error_at_value(e, std::string(what) + " is a whole number in " + std::to_string(min) + ".." + std::to_string(max) +
                          ", got " + describe(e.value));
  return std::nullopt;
}

// An amount in the reporting currency, exactly, in minor units.
std::optional<int64_t> money_of(const MapReader& r, const Entry& e, std::string_view what, const std::string& currency) {
  const int digits = core::money::currency_minor_digits(currency);
  const std::string example = digits > 0 ? "1000000." + std::string(static_cast<std::size_t>(digits), '0') : "1000000";
  const std::string expected =
      std::string(what) + " is an amount in " + currency + " like \"" + example + "\"";
  auto text = scalar(r, e, expected);
  if (!text) return std::nullopt;
  money::DecimalError error = money::DecimalError::none;
  auto v = money::parse_scaled_decimal(*text, digits, &error);
  if (v) return v;
  switch (error) {
    case money::DecimalError::too_many_decimals:
      r.error_at_value(e, (digits == 0 ? currency + " amounts have no decimals"
                                       : currency + " has " + std::to_string(digits) + (digits == 1 ? " decimal" : " decimals")) +
                              ", got " + describe(e.value));
      break;
    case money::DecimalError::grouping:
      r.error_at_value(e, "write the amount without thousands separators, like \"" + example + "\", got " +
                              describe(e.value));
      break;
    case money::DecimalError::out_of_range:
      r.error_at_value(e, "amount too large, got " + describe(e.value));
      break;
    default: r.error_at_value(e, expected + ", got " + describe(e.value));
  }
  return std::nullopt;
}

const YAML::Node* sequence_of(const MapReader& r, const Entry& e, const std::string& expected) {
  if (e.value.IsSequence()) return &e.value;
  r.error_at_value(e, "expected " + expected + ", got " + describe(e.value));
  return nullptr;
}

// A list item that must be a mapping; nothing (after reporting) otherwise.
std::optional<MapReader> item_reader(DiagnosticSink& sink, const YAML::Node& item, const std::string& path,
                                     std::vector<std::string_view> known, const std::string& example) {
  if (!item.IsMap()) {
    sink.error(item.Mark(), path + ": expected a mapping like " + example + ", got " + describe(item));
    return std::nullopt;
  }
  return MapReader(sink, item, path, item.Mark(), std::move(known));
}

// Reports each missing key at the mapping (`path` names it); true when none is missing.
bool require_keys(const MapReader& r, const std::string& path, std::initializer_list<std::string_view> keys) {
  bool ok = true;
  for (std::string_view key : keys)
    if (!r.find(key)) {
      r.sink().error(r.mark(), path + ": missing required key '" + std::string(key) + "'");
      ok = false;
    }
  return ok;
}

// ---------------------------------------------------------------------------------------------
// exchange_rates

void read_exchange_rates(const MapReader& top, Config& config) {
  const std::string& reporting = config.business.reporting_currency;
  std::vector<money::ExchangeRate> rates;
  if (const Entry* section = top.find("exchange_rates"); section && !section->value.IsNull()) {
    const YAML::Node* list =
        sequence_of(top, *section, "a list of rates like - {currency: EUR, rate: \"7.8123\", from: 2026-01-01}");
    std::map<std::pair<std::string, int32_t>, int> first_line;  // (currency, date) -> line
    std::size_t index = 0;
    const YAML::Node none(YAML::NodeType::Sequence);
    for (const YAML::Node& item : list ? *list : none) {
      const std::string path = "exchange_rates[" + std::to_string(index++) + "]";
      auto r = item_reader(top.sink(), item, path, {"currency", "rate", "from"},
                           "{currency: EUR, rate: \"7.8123\", from: 2026-01-01}");
      if (!r || !require_keys(*r, path, {"currency", "rate", "from"})) continue;
      money::ExchangeRate rate;
      bool ok = true;
      if (auto code = r->get_string("currency", "an ISO 4217 currency code")) {
        const Entry& e = *r->find("currency");
        if (!core::money::is_known_currency(*code) || core::money::currency_minor_digits(*code) > money::kMaxMinorDigits) {
          std::string message = "expected an ISO 4217 currency code like EUR or USD, got " + describe(e.value);
          std::string upper = *code;
          for (char& c : upper)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
          if (upper != *code && core::money::is_known_currency(upper)) message += "; did you mean '" + upper + "'?";
          r->error_at_value(e, message);
          ok = false;
        } else if (*code == reporting) {
          r->error_at_value(e, *code + " is the reporting currency (business.reporting_currency); its amounts need no rate");
          ok = false;
        } else {
          rate.currency = *code;
        }
      } else {
        ok = false;
      }
      const Entry& rate_entry = *r->find("rate");
      const std::string expected_rate = "expected the value of 1 " + (rate.currency.empty() ? std::string("unit") : rate.currency) +
                                        " in " + reporting + ", a positive decimal like \"7.8123\" (at most " +
                                        std::to_string(money::kRateDecimals) + " decimals)";
      if (auto text = scalar(*r, rate_entry, expected_rate)) {
        money::DecimalError error = money::DecimalError::none;
        if (auto v = money::ExchangeRate::parse_rate(*text, &error))
          rate.rate = *v;
        else {
          r->error_at_value(rate_entry, error == money::DecimalError::grouping
                                            ? "write the rate without thousands separators, got " + describe(rate_entry.value)
                                            : expected_rate + ", got " + describe(rate_entry.value));
          ok = false;
        }
      } else {
        ok = false;
      }
      const Entry& from_entry = *r->find("from");
      std::optional<time::LocalDate> from;
      if (from_entry.value.IsScalar()) from = time::LocalDate::parse(from_entry.value.Scalar());
      if (!from) {
        r->error_at_value(from_entry, "expected the first day the rate applies, like 2026-01-01, got " +
                                          describe(from_entry.value));
        ok = false;
      } else {
        rate.from = *from;
      }
      if (!ok) continue;
      auto [it, inserted] = first_line.emplace(std::make_pair(rate.currency, rate.from.days_since_epoch), item.Mark().line + 1);
      if (!inserted) {
        r->error_at_value(from_entry, "a second " + rate.currency + " rate from " + rate.from.to_string() +
                                          " (first at line " + std::to_string(it->second) + ")");
        continue;
      }
      rates.push_back(std::move(rate));
    }
  }
  if (!core::money::is_known_currency(reporting)) return;  // already reported under business
  config.exchange_rates = money::ExchangeRates(reporting, std::move(rates));
}

// ---------------------------------------------------------------------------------------------
// tiers: rules

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

class RuleReader {
 public:
  RuleReader(DiagnosticSink& sink, const std::string& currency) : sink_(sink), currency_(currency) {}

  // A rule: {all: [...]} or {any: [...]}.
  std::optional<t::Condition> rule(const MapReader& level, const Entry& e) {
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

 private:
  std::optional<t::Condition> group(const MapReader& parent, const Entry& e, int depth) {
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

  std::optional<t::Condition> condition(const YAML::Node& item, const std::string& path, int depth) {
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

  std::optional<t::Condition> metric_condition(const MapReader& r, const std::string& path) {
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

  std::optional<int64_t> threshold(const MapReader& r, const Entry& e, t::Metric metric) {
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

  DiagnosticSink& sink_;
  const std::string& currency_;
};

// ---------------------------------------------------------------------------------------------
// tiers: benefits and levels

std::optional<int64_t> get_duration(const MapReader& r, std::string_view key) {
  const Entry* e = r.find(key);
  if (!e) return std::nullopt;
  std::optional<int64_t> minutes;
  if (e->value.IsScalar()) minutes = t::parse_duration_minutes(e->value.Scalar());
  if (!minutes || *minutes > 3650LL * 24 * 60) {
    r.error_at_value(*e, "expected a duration like 30m, 4h, 2d or 1w (up to 3650d), got " + describe(e->value));
    return std::nullopt;
  }
  return minutes;
}

void read_benefits(const MapReader& level, t::Benefits& b) {
  auto r = level.get_map("benefits", std::vector<std::string_view>{"dedicated_account_manager", "hotline",
                                                                    "first_response_target", "resolution_target",
                                                                    "discount_authority", "visit_cadence_days",
                                                                    "engineer_pool"});
  if (!r) return;
  if (auto v = get_bool(*r, "dedicated_account_manager")) b.dedicated_account_manager = *v;
  if (auto v = r->get_string("hotline", "a phone number or hotline name")) b.hotline = *v;
  b.first_response_target_minutes = get_duration(*r, "first_response_target");
  b.resolution_target_minutes = get_duration(*r, "resolution_target");
  if (b.first_response_target_minutes && b.resolution_target_minutes &&
      *b.resolution_target_minutes < *b.first_response_target_minutes)
    r->error_at_value(*r->find("resolution_target"),
                      "shorter than first_response_target (" + t::format_duration_minutes(*b.first_response_target_minutes) +
                          "); a case cannot be resolved before the first response");
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

// ---------------------------------------------------------------------------------------------
// customer_value, churn_risk

void read_customer_value(const MapReader& top, Config& config) {
  auto r = top.get_map("customer_value", std::vector<std::string_view>{"retention_rate", "discount_rate", "horizon_years"});
  if (!r) return;
  if (auto v = get_percent(*r, "retention_rate", 0, 10000)) config.customer_value.retention_rate_bp = *v;
  if (auto v = get_percent(*r, "discount_rate", 0, 10000)) config.customer_value.discount_rate_bp = *v;
  if (auto v = r->get_int("horizon_years", 1, 50)) config.customer_value.horizon_years = static_cast<int32_t>(*v);
}

std::optional<int64_t> signal_bound(const MapReader& r, std::string_view key, t::ChurnSignal signal) {
  const Entry* e = r.find(key);
  if (!e) return std::nullopt;
  const t::ChurnSignalInfo& info = t::churn_signal_info(signal);
  if (info.kind == t::MetricKind::percent)
    return percent_of(r, *e, 0, 10000, std::string(info.name) + " is a percentage");
  return whole_of(r, *e, 0, 100000, info.name);
}

void read_churn_signals(const MapReader& section, const Entry& entry, t::ChurnConfig& churn) {
  const YAML::Node* list =
      sequence_of(section, entry, "a list of signals like - {signal: revenue_drop, zero_at: \"10%\", full_at: \"50%\", weight: 40}");
  if (!list) return;
  std::map<t::ChurnSignal, int> seen;  // signal -> line
  std::size_t index = 0;
  for (const YAML::Node& item : *list) {
    const std::string path = "churn_risk.signals[" + std::to_string(index++) + "]";
    auto r = item_reader(section.sink(), item, path, {"signal", "zero_at", "full_at", "weight"},
                         "{signal: revenue_drop, zero_at: \"10%\", full_at: \"50%\", weight: 40}");
    if (!r || !require_keys(*r, path, {"signal", "zero_at", "full_at", "weight"})) continue;
    const Entry& se = *r->find("signal");
    std::optional<t::ChurnSignal> signal;
    if (se.value.IsScalar()) signal = t::churn_signal_by_name(se.value.Scalar());
    if (!signal) {
      const auto names = t::churn_signal_names();
      std::string message = "expected one of " + join(names) + ", got " + describe(se.value);
      if (se.value.IsScalar()) message += did_you_mean_suffix(se.value.Scalar(), names);
      r->error_at_value(se, message);
      continue;
    }
    if (auto [it, inserted] = seen.emplace(*signal, se.value.Mark().line + 1); !inserted) {
      r->error_at_value(se, std::string(t::churn_signal_info(*signal).name) + " is already listed (line " +
                                std::to_string(it->second) + ")");
      continue;
    }
    t::ChurnSignalRule rule;
    rule.signal = *signal;
    auto zero = signal_bound(*r, "zero_at", *signal);
    auto full = signal_bound(*r, "full_at", *signal);
    auto weight = r->get_int("weight", 1, 1000);
    if (!zero || !full || !weight) continue;
    if (*full <= *zero) {
      const bool percent = t::churn_signal_info(*signal).kind == t::MetricKind::percent;
      r->error_at_value(*r->find("full_at"), "must be above zero_at (" +
                                                 (percent ? money::format_percent_bp(*zero) : std::to_string(*zero)) +
                                                 "), got " + describe(r->find("full_at")->value));
      continue;
    }
    rule.zero_at = *zero;
    rule.full_at = *full;
    rule.weight = static_cast<int32_t>(*weight);
    churn.signals.push_back(rule);
  }
}

void read_churn_risk(const MapReader& top, Config& config) {
  auto r = top.get_map("churn_risk", std::vector<std::string_view>{"signals", "levels", "notify_at", "retention_discount"});
  if (!r) return;
  t::ChurnConfig& churn = config.churn_risk;
  if (const Entry* signals = r->find("signals"); signals && !signals->value.IsNull())
    read_churn_signals(*r, *signals, churn);
  if (auto levels = r->get_map("levels", std::vector<std::string_view>{"medium", "high"})) {
    if (auto v = levels->get_int("medium", 1, 100)) churn.medium_at = static_cast<int32_t>(*v);
    if (auto v = levels->get_int("high", 1, 100)) churn.high_at = static_cast<int32_t>(*v);
    if (churn.high_at <= churn.medium_at) {
      const Entry* e = levels->find("high") ? levels->find("high") : levels->find("medium");
      if (e)
        levels->error_at_value(*e, e->key == "high"
                                       ? "must be above levels.medium (" + std::to_string(churn.medium_at) + "), got " + describe(e->value)
                                       : "must be below levels.high (" + std::to_string(churn.high_at) + "), got " + describe(e->value));
    }
  }
  if (auto v = r->get_choice("notify_at", {"medium", "high"}))
    churn.notify_at = *v == 0 ? t::ChurnLevel::medium : t::ChurnLevel::high;
  if (auto d = r->get_map("retention_discount", std::vector<std::string_view>{"low", "medium", "high"})) {
    const std::string_view names[] = {"low", "medium", "high"};
    for (std::size_t i = 0; i < 3; ++i)
      if (auto v = get_percent(*d, names[i], 0, 10000)) churn.retention_discount_bp[i] = *v;
  }
}

}  // namespace

void read_tier_sections(const MapReader& top, Config& config) {
  read_exchange_rates(top, config);
  read_tiers(top, config);
  read_customer_value(top, config);
  read_churn_risk(top, config);
}

}  // namespace kam::config::detail
