#include "core/tiers/rules.hpp"

#include <charconv>

namespace kam::core::tiers {
namespace {

constexpr std::string_view kSymbols[] = {"<", "<=", ">", ">=", "==", "!="};
constexpr std::string_view kSigns[] = {"<", "≤", ">", "≥", "=", "≠"};

bool compare(const MetricValue& v, Op op, int64_t threshold) {
  // v.num / v.den op threshold  <=>  v.num op threshold * v.den  (den > 0)
  const money::int128 lhs = v.num, rhs = static_cast<money::int128>(threshold) * v.den;
  switch (op) {
    case Op::lt: return lhs < rhs;
    case Op::le: return lhs <= rhs;
    case Op::gt: return lhs > rhs;
    case Op::ge: return lhs >= rhs;
    case Op::eq: return lhs == rhs;
    case Op::ne: return lhs != rhs;
  }
  return false;
}

}  // namespace

std::string_view op_symbol(Op op) { return kSymbols[static_cast<int>(op)]; }
std::string_view op_sign(Op op) { return kSigns[static_cast<int>(op)]; }

std::optional<Op> op_by_symbol(std::string_view symbol) {
  for (int i = 0; i < 6; ++i)
    if (kSymbols[i] == symbol) return static_cast<Op>(i);
  return std::nullopt;
}

std::vector<std::string_view> op_symbols() { return {std::begin(kSymbols), std::end(kSymbols)}; }

Condition Condition::compare(Metric metric, Op op, int64_t threshold) {
  Condition c;
  c.kind = Kind::metric;
  c.metric = metric;
  c.op = op;
  c.threshold = threshold;
  return c;
}

Condition Condition::has_flag(std::string flag) {
  Condition c;
  c.kind = Kind::flag;
  c.flag = std::move(flag);
  return c;
}

Condition Condition::all_of(std::vector<Condition> members) {
  Condition c;
  c.kind = Kind::all;
  c.members = std::move(members);
  return c;
}

Condition Condition::any_of(std::vector<Condition> members) {
  Condition c;
  c.kind = Kind::any;
  c.members = std::move(members);
  return c;
}

std::optional<int64_t> parse_duration_minutes(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  int64_t unit = 0;
  switch (text.back()) {
    case 'm': unit = 1; break;
    case 'h': unit = 60; break;
    case 'd': unit = 60 * 24; break;
    case 'w': unit = 60 * 24 * 7; break;
    default: return std::nullopt;
  }
  text.remove_suffix(1);
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n <= 0 || n > 1000000) return std::nullopt;
  return n * unit;
}

std::string format_duration_minutes(int64_t minutes) {
  if (minutes > 0 && minutes % (60 * 24 * 7) == 0) return std::to_string(minutes / (60 * 24 * 7)) + "w";
  if (minutes > 0 && minutes % (60 * 24) == 0) return std::to_string(minutes / (60 * 24)) + "d";
  if (minutes > 0 && minutes % 60 == 0) return std::to_string(minutes / 60) + "h";
  return std::to_string(minutes) + "m";
}

TierLevel TierConfig::standard_level() {
  TierLevel level;
  level.name = "standard";
  level.label = "Standard";
  level.is_default = true;
  return level;
}

const TierLevel* TierConfig::find(std::string_view name) const {
  for (const TierLevel& l : levels)
    if (l.name == name) return &l;
  return nullptr;
}

std::optional<std::size_t> TierConfig::rank_of(std::string_view name) const {
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (levels[i].name == name) return i;
  return std::nullopt;
}

std::string TierConfig::window_label() const {
  if (window_days % 365 == 0) return "trailing-" + std::to_string(window_days / 365 * 12) + "-month";
  return "trailing-" + std::to_string(window_days) + "-day";
}

ConditionResult evaluate(const Condition& c, const AccountMetrics& metrics) {
  ConditionResult r;
  r.kind = c.kind;
  r.metric = c.metric;
  r.op = c.op;
  r.threshold = c.threshold;
  r.flag = c.flag;
  switch (c.kind) {
    case Condition::Kind::metric:
      r.value = metric_value(metrics, c.metric);
      r.outcome = !r.value ? Outcome::no_data : compare(*r.value, c.op, c.threshold) ? Outcome::pass : Outcome::fail;
      break;
    case Condition::Kind::flag:
      r.outcome = metrics.flags.count(c.flag) ? Outcome::pass : Outcome::fail;
      break;
    case Condition::Kind::all:
    case Condition::Kind::any: {
      bool all = true, any = false;
      for (const Condition& member : c.members) {
        r.members.push_back(evaluate(member, metrics));
        if (r.members.back().passed())
          any = true;
        else
          all = false;
      }
      r.outcome = (c.kind == Condition::Kind::all ? all : any) ? Outcome::pass : Outcome::fail;
      break;
    }
  }
  return r;
}

Classification classify(const AccountMetrics& metrics, const TierConfig& config) {
  Classification out;
  for (std::size_t i = 0; i < config.levels.size(); ++i) {
    const TierLevel& level = config.levels[i];
    TierCheck check;
    check.tier = level.name;
    check.is_default = level.is_default;
    if (level.is_default) {
      check.rule.kind = Condition::Kind::all;
      check.rule.outcome = Outcome::pass;
    } else {
      check.rule = evaluate(level.rule, metrics);
    }
    check.matched = check.rule.passed();
    out.checks.push_back(std::move(check));
    if (out.checks.back().matched) {
      out.tier = level.name;
      out.rank = i;
      return out;
    }
  }
  // A TierConfig always ends with its default tier; without one, the last tier is the fallback.
  out.rank = config.levels.empty() ? 0 : config.levels.size() - 1;
  out.tier = config.levels.empty() ? std::string() : config.levels.back().name;
  return out;
}

}  // namespace kam::core::tiers
