// complaints.cpp - the complaints section: the calendar complaints run on, the SLA targets per tier
// x priority (business time on a named calendar) read into core::complaints::Target and checked by
// the core's own validate_targets, and the escalation chain read into core EscalationStep
// (docs/complaints.md for the semantics, docs/config.md for the schema). The targets are the one
// source of truth for response times: each tier's benefits card gets the target its tier has for a
// complaint of unspecified priority (priority 0), so no other section states them.
#include "config/sections/sections.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "config/did_you_mean.hpp"
#include "config/values.hpp"
#include "core/money/decimal.hpp"
#include "core/tiers/rules.hpp"

namespace kam::config::detail {

namespace c = core::complaints;

namespace {

// Index = the priority code the host sends (KAM_EVENT_COMPLAINT's priority), 1..4.
const std::vector<std::string_view> kPriorityNames{"low", "normal", "high", "critical"};
const std::vector<std::string_view> kClocks{"first_response", "resolution"};
constexpr const char* kTargetExample = "{tier: platinum, priority: critical, first_response: 1h, resolution: 8h}";
constexpr const char* kStepExample = "{clock: first_response, at: breach, to: [owner_manager]}";

std::string indexed(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

// 90 -> "90m", 960 -> "16h" (never days: see above).
std::string business_text(int64_t minutes) {
  return minutes % 60 == 0 ? std::to_string(minutes / 60) + "h" : std::to_string(minutes) + "m";
}

// A priority by name (low, normal, high, critical) or by its code 1..4.
std::optional<int32_t> priority_of(const MapReader& r, const Entry& e) {
  if (e.value.IsScalar()) {
    const std::string& s = e.value.Scalar();
    if (s.size() == 1 && s[0] >= '1' && s[0] <= '4') return s[0] - '0';
    const auto it = std::find(kPriorityNames.begin(), kPriorityNames.end(), s);
    if (it != kPriorityNames.end()) return static_cast<int32_t>(it - kPriorityNames.begin()) + 1;
  }
  const std::string got = e.value.IsScalar() ? e.value.Scalar() : "";
  r.error_at_value(e, "expected a priority: low, normal, high, critical (or its code 1..4), got " +
                          describe(e.value) + did_you_mean_suffix(got, kPriorityNames));
  return std::nullopt;
}

// Where each target came from, so the core's issues ("targets[2]", "targets[2].warnings[1]") are
// reported at their node.
struct TargetOrigin {
  YAML::Mark item, tier;
  std::vector<YAML::Mark> warnings;
};

// "targets[1]" in a core message -> "complaints.targets[1]".
std::string yaml_paths(const std::string& message) {
  std::string out;
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message.compare(i, 8, "targets[") == 0 && (i == 0 || message[i - 1] != '.')) out += "complaints.";
    out += message[i];
  }
  return out;
}

class SectionReader {
 public:
  SectionReader(const MapReader& top, const MapReader& r, Config& config) : top_(top), r_(r), config_(config) {}

  void read() {
    if (r_.find("calendar")) {
      take_calendar(r_, config_.complaints.calendar);
    }
    if (const Entry* e = r_.find("targets"); e && !e->value.IsNull()) read_targets(*e);
    if (const Entry* e = r_.find("escalation"); e && !e->value.IsNull()) read_escalation(*e);
    // The SLA check's period (a duration reader refuses 0: at most once a minute per host tick).
    if (const auto every = get_duration(r_, "check_every")) config_.complaints.check_every_minutes = *every;
  }

 private:
  const MapReader& top_;
  const MapReader& r_;
  Config& config_;
  bool ok_ = true;

  // A value read, or ok_ false (its problem has been reported).
  template <typename T, typename V>
  void take(const std::optional<V>& value, T& out) {
    if (value)
      out = *value;
    else
      ok_ = false;
  }

  // The name at `calendar` in `r` when it names a loaded calendar (get_calendar reports otherwise).
  void take_calendar(const MapReader& r, std::string& out) {
    take(get_calendar(top_, r, "calendar", config_) ? r.get_string("calendar") : std::optional<std::string>(), out);
  }

  // The loaded tiers, and those the tiers section names but refused (their errors are reported
  // there; a target naming one is not reported again).
  std::vector<std::string> tier_names() const {
    std::vector<std::string> names;
    for (const auto& level : config_.tiers.levels) names.push_back(level.name);
    const Entry* tiers = top_.find("tiers");
    const YAML::Node levels = tiers && tiers->value.IsMap() ? tiers->value["levels"] : YAML::Node();
    if (levels.IsSequence())
      for (const YAML::Node& level : levels)
        if (level.IsMap() && level["name"].IsScalar() &&
            std::find(names.begin(), names.end(), level["name"].Scalar()) == names.end())
          names.push_back(level["name"].Scalar());
    return names;
  }

  void read_targets(const Entry& e) {
    const YAML::Node* list = sequence_of(r_, e, std::string("a list of targets like - ") + kTargetExample);
    if (!list) return;
    std::vector<c::Target> targets;
    std::vector<TargetOrigin> origins;
    std::size_t index = 0;
    for (const YAML::Node& item : *list) {
      const std::string path = indexed("complaints.targets", index++);
      auto r = item_reader(r_.sink(), item, path,
                           {"tier", "priority", "calendar", "first_response", "resolution", "warnings"},
                           kTargetExample);
      if (!r) {
        ok_ = false;
        continue;
      }
      c::Target t;
      TargetOrigin origin{item.Mark(), item.Mark(), {}};
      if (const Entry* tier = r->find("tier")) {
        origin.tier = MapReader::value_mark(*tier);
        take(r->get_string("tier", "a tier name"), t.tier);
      }
      if (const Entry* p = r->find("priority")) take(priority_of(*r, *p), t.priority);
      t.calendar = config_.complaints.calendar;
      if (r->find("calendar")) {
        take_calendar(*r, t.calendar);
      } else if (!r_.find("calendar")) {
        r_.sink().error(item.Mark(), path + ": no calendar: give 'calendar' here or complaints.calendar (targets are "
                                            "business time on a calendar)");
        ok_ = false;
      }
      read_minutes(*r, path, t);
      read_warnings(*r, t, origin);
      targets.push_back(std::move(t));
      origins.push_back(std::move(origin));
    }
    if (!ok_) return;  // an entry could not be read: checking the rest would only mislead
    validate(targets, origins);
  }

  void read_minutes(const MapReader& r, const std::string& path, c::Target& t) {
    if (!r.find("first_response") && !r.find("resolution")) {
      r.sink().error(r.mark(), path + ": give first_response, resolution or both");
      ok_ = false;
      return;
    }
    const Entry* first = r.find("first_response");
    const Entry* resolution = r.find("resolution");
    if (first) {
      take(business_minutes_of(r, *first), t.first_response_minutes);
    }
    if (resolution) {
      take(business_minutes_of(r, *resolution), t.resolution_minutes);
    }
    if (t.first_response_minutes > 0 && t.resolution_minutes > 0 && t.resolution_minutes < t.first_response_minutes) {
      r.error_at_value(*resolution, "shorter than first_response (" +
                                        business_text(t.first_response_minutes) +
                                        "); a complaint cannot be resolved before the first response");
      ok_ = false;
    }
  }

  void read_warnings(const MapReader& r, c::Target& t, TargetOrigin& origin) {
    const Entry* e = r.find("warnings");
    if (!e) return;
    const YAML::Node* list = sequence_of(r, *e, "a list of warning fractions like [\"50%\", \"75%\"] ([] for none)");
    if (!list) return void(ok_ = false);
    t.warning_bp.clear();
    std::size_t index = 0;
    for (const YAML::Node& item : *list) {
      const std::string key = indexed("warnings", index++);
      // 0% and 100% read here; the core says why they are not warnings.
      if (auto bp = percent_of(r, Entry{key, item, item}, 0, 10000, "expected a warning fraction")) {
        t.warning_bp.push_back(static_cast<int32_t>(*bp));
        origin.warnings.push_back(item.Mark());
      } else {
        ok_ = false;
      }
    }
  }

  void validate(std::vector<c::Target>& targets, const std::vector<TargetOrigin>& origins) {
    const std::vector<std::string> tiers = tier_names();
    const std::vector<std::string_view> tier_views(tiers.begin(), tiers.end());
    const std::vector<c::TargetIssue> issues = c::validate_targets(targets, tiers);
    for (const c::TargetIssue& issue : issues) {
      // "targets[I]" or "targets[I].warnings[W]".
      const std::size_t i = std::stoul(issue.path.substr(8));
      const TargetOrigin& origin = origins[i];
      YAML::Mark at = origin.item;
      std::string message = issue.message;
      if (const std::size_t w = issue.path.find(".warnings["); w != std::string::npos)
        at = origin.warnings[std::stoul(issue.path.substr(w + 10))];
      else if (message.rfind("unknown tier", 0) == 0) {
        at = origin.tier;
        const auto match = closest_match(targets[i].tier, tier_views);
        message += match ? "; did you mean '" + *match + "'?" : "; tiers defined: " + join(tier_views);
      }
      r_.sink().error(at, "complaints." + issue.path + ": " + yaml_paths(message));
    }
    if (!issues.empty()) return;
    config_.complaints.targets = std::move(targets);
    // The benefits card shows what a complaint of unspecified priority gets (no tie is possible at
    // priority 0: priority-only targets do not apply to it).
    for (auto& level : config_.tiers.levels)
      if (const auto t = c::match_target(config_.complaints.targets, level.name, 0)) {
        if (t->first_response_minutes > 0) level.benefits.first_response_target_minutes = t->first_response_minutes;
        if (t->resolution_minutes > 0) level.benefits.resolution_target_minutes = t->resolution_minutes;
      }
  }

  // `at`: a warning fraction like "75%" or `breach` (100%).
  std::optional<int32_t> level_of(const MapReader& r) {
    const Entry* e = r.find("at");
    if (!e) return std::nullopt;
    if (e->value.IsScalar() && e->value.Scalar() == "breach") return 10000;
    auto bp = percent_of(r, *e, 1, 10000, "expected breach or a fraction of the target");
    if (bp) return static_cast<int32_t>(*bp);
    return std::nullopt;
  }

  void read_escalation(const Entry& e) {
    const YAML::Node* list = sequence_of(r_, e, std::string("a list of escalation steps like - ") + kStepExample);
    if (!list) return;
    c::EscalationChain chain;
    std::map<std::tuple<c::ClockKind, int32_t, int64_t>, std::size_t> seen;  // -> index
    bool ok = true;
    std::size_t index = 0;
    for (const YAML::Node& item : *list) {
      const std::size_t i = index++;
      const std::string path = indexed("complaints.escalation", i);
      auto r = item_reader(r_.sink(), item, path, {"name", "clock", "at", "after", "to"}, kStepExample);
      if (!r || !require_keys(*r, path, {"clock", "at", "to"})) {
        ok = false;
        continue;
      }
      c::EscalationStep step;
      const auto clock = r->get_choice("clock", kClocks);
      const auto at = level_of(*r);
      std::optional<int64_t> after = 0;
      if (const Entry* a = r->find("after")) after = business_minutes_of(*r, *a);
      auto to = recipients_of(*r, path, "to");
      std::optional<std::string> name;
      if (r->find("name")) name = r->get_string("name", "a name for the step");
      if (!clock || !at || !after || !to || (r->find("name") && !name)) {
        ok = false;
        continue;
      }
      step.clock = static_cast<c::ClockKind>(*clock + 1);
      step.at_bp = *at;
      step.after_minutes = *after;
      step.to = std::move(*to);
      step.name = name ? *name : describe_step(step);
      const auto [it, inserted] = seen.emplace(std::make_tuple(step.clock, step.at_bp, step.after_minutes), i);
      if (!inserted) {
        r_.sink().error(item.Mark(), path + ": the same clock, level and offset as complaints.escalation[" +
                                         std::to_string(it->second) + "]; give its recipients in one step");
        ok = false;
        continue;
      }
      chain.push_back(std::move(step));
    }
    if (ok) config_.complaints.escalation = std::move(chain);
  }

  // "first_response 75%", "resolution breach + 4h".
  static std::string describe_step(const c::EscalationStep& s) {
    std::string level = s.at_bp >= 10000 ? "breach" : core::money::format_percent_bp(s.at_bp);
    if (s.after_minutes > 0) level += " + " + business_text(s.after_minutes);
    return std::string(c::clock_name(s.clock)) + " " + level;
  }
};

}  // namespace

void read_complaints(const MapReader& top, Config& config) {
  const auto section = top.get_map("complaints", std::vector<std::string_view>{"calendar", "targets", "escalation", "check_every"});
  if (!section) return;
  SectionReader(top, *section, config).read();
}

}  // namespace kam::config::detail
