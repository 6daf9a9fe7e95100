// distributors.cpp - the distributors section (distributor levels, the tiers reserved for the direct
// channel, the match score of a house account, how often the tick expires registrations) and the
// discount_authority section (the approval chain above a channel's maximum discount); semantics in
// docs/distributors.md. Needs access (roles), tiers and business (the reporting currency).
#include <set>

#include "config/did_you_mean.hpp"
#include "config/sections/sections.hpp"
#include "config/values.hpp"

namespace kam::config::detail {

namespace d = core::distributors;

namespace {

const std::vector<std::string_view> kLevelKeys{"product_lines", "max_discount", "territories", "industries",
                                               "registration_quota", "protection_days", "review_above"};
constexpr int64_t kMaxBp = 10000;

// A list of non-empty strings (no duplicates); nothing after reporting.
std::optional<std::vector<std::string>> string_list(const MapReader& r, const Entry& e, const std::string& example) {
  const YAML::Node* list = sequence_of(r, e, "a list of names, like " + example);
  if (!list) return std::nullopt;
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const YAML::Node& item : *list) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      r.sink().error(item.Mark(), "expected a name (a non-empty string) in " + r.path_of(e.key) + ", like " + example);
      return std::nullopt;
    }
    if (!seen.insert(item.Scalar()).second) {
      r.sink().error(item.Mark(), detail::quoted(item.Scalar()) + " is listed twice in " + r.path_of(e.key));
      return std::nullopt;
    }
    out.push_back(item.Scalar());
  }
  return out;
}

std::vector<std::string_view> tier_names(const Config& config) {
  std::vector<std::string_view> names;
  for (const core::tiers::TierLevel& l : config.tiers.levels) names.push_back(l.name);
  return names;
}

void read_max_discount(const MapReader& r, const Entry& e, d::Level& level) {
  if (e.value.IsScalar()) {
    if (auto bp = percent_of(r, e, 0, kMaxBp)) level.default_max_discount_bp = *bp;
    return;
  }
  MapReader lines(r.sink(), e.value, r.path_of(e.key), MapReader::value_mark(e), std::nullopt);
  std::vector<std::string_view> known(level.product_lines.begin(), level.product_lines.end());
  for (const Entry& line : lines.entries()) {
    const auto bp = percent_of(lines, line, 0, kMaxBp);
    if (!bp) continue;
    if (line.key == "default") {
      level.default_max_discount_bp = *bp;
    } else if (!level.allows_line(line.key)) {
      r.sink().error(line.key_node.Mark(), "product line " + detail::quoted(line.key) + " is not in " +
                                               r.path_of("product_lines") + did_you_mean_suffix(line.key, known));
    } else {
      level.max_discount_bp[line.key] = *bp;
    }
  }
}

void read_quota(const MapReader& r, const Entry& e, d::Level& level) {
  auto q = r.get_map(e.key, std::vector<std::string_view>{"count", "per"});
  if (!q || !require_keys(*q, r.path_of(e.key), {"count", "per"})) return;
  d::Quota quota;
  const auto count = q->get_int("count", 1, 1'000'000);
  const auto per = q->get_choice("per", {"month", "quarter", "year"});
  if (!count || !per) return;
  quota.count = static_cast<int32_t>(*count);
  quota.per = static_cast<d::QuotaPeriod>(*per);
  level.quota = quota;
}

d::Level read_level(const MapReader& levels, const Entry& e, const Config& config) {
  d::Level level;
  level.name = e.key;
  auto r = levels.get_map(e.key, kLevelKeys);
  if (!r) return level;
  const std::string path = levels.path_of(e.key);
  if (!require_keys(*r, path, {"product_lines"})) return level;
  if (auto lines = string_list(*r, *r->find("product_lines"), "[servers, storage]")) {
    level.product_lines = *lines;
    if (lines->empty()) r->error_at_value(*r->find("product_lines"), "a level must carry one product line at least");
  }
  if (const Entry* m = r->find("max_discount")) read_max_discount(*r, *m, level);
  if (const Entry* t = r->find("territories"))
    if (auto v = string_list(*r, *t, "[华东, 华南]")) level.territories = *v;
  if (const Entry* i = r->find("industries"))
    if (auto v = string_list(*r, *i, "[manufacturing, energy]")) level.industries = *v;
  if (const Entry* q = r->find("registration_quota")) read_quota(*r, *q, level);
  if (auto days = r->get_int("protection_days", 1, 3650)) level.protection_days = static_cast<int32_t>(*days);
  if (const Entry* a = r->find("review_above"))
    level.review_above_minor = money_of(*r, *a, "an amount in the reporting currency, like \"1000000.00\"",
                                        config.business.reporting_currency);
  return level;
}

void read_chain(const MapReader& r, const Entry& e, Config& config) {
  const YAML::Node* list = sequence_of(r, e, "a list of steps, like [{up_to: \"5%\", role: sales.manager}]");
  if (!list) return;
  std::optional<int64_t> previous;
  bool open_ended = false;
  std::size_t i = 0;
  for (const YAML::Node& item : *list) {
    const std::string path = r.path_of(e.key) + "[" + std::to_string(i++) + "]";
    auto step_r = item_reader(r.sink(), item, path, {"up_to", "role"}, "{up_to: \"5%\", role: sales.manager}");
    if (!step_r || !require_keys(*step_r, path, {"role"})) continue;
    d::ApprovalStep step;
    if (auto role = step_r->get_string("role", "a role name from access.roles")) {
      if (config.access.role_permissions.count(*role) == 0) {
        std::vector<std::string_view> roles;
        for (const auto& [name, perms] : config.access.role_permissions) roles.push_back(name);
        step_r->error_at_value(*step_r->find("role"), "unknown role " + detail::quoted(*role) + "; define it in access.roles" +
                                                          did_you_mean_suffix(*role, roles));
        continue;
      }
      step.role = *role;
    } else {
      continue;
    }
    if (open_ended) {
      r.sink().error(item.Mark(), path + " comes after a step without up_to, which already covers every discount");
      continue;
    }
    if (const Entry* up = step_r->find("up_to")) {
      const auto bp = percent_of(*step_r, *up, 1, kMaxBp);
      if (!bp) continue;
      if (previous && *bp <= *previous) {
        step_r->error_at_value(*up, "expected a limit above the previous step's (the chain goes up)");
        continue;
      }
      previous = *bp;
      step.up_to_bp = *bp;
    } else {
      open_ended = true;
    }
    config.distributors.approval_chain.push_back(step);
  }
}

}  // namespace

void read_distributors(const MapReader& top, Config& config) {
  d::DistributorRules& out = config.distributors;
  if (auto r = top.get_map("distributors", std::vector<std::string_view>{"direct_channel_tiers", "match_min_score",
                                                                       "check_every", "conflict_roles", "levels"})) {
    if (const Entry* e = r->find("direct_channel_tiers")) {
      if (auto tiers = string_list(*r, *e, "[platinum, gold]")) {
        const std::vector<std::string_view> known = tier_names(config);
        for (const std::string& t : *tiers) {
          if (std::find(known.begin(), known.end(), t) == known.end())
            r->error_at_value(*e, "unknown tier " + detail::quoted(t) + "; tiers defined: " + join(known) +
                                      did_you_mean_suffix(t, known));
          else
            out.direct_channel_tiers.push_back(t);
        }
      }
    }
    if (const Entry* e = r->find("match_min_score")) {
      const std::optional<int32_t> bp = e->value.IsScalar() ? score_bp_of(e->value.Scalar()) : std::nullopt;
      if (bp && *bp > 0)
        out.match_min_score_bp = *bp;
      else
        r->error_at_value(*e, "expected a score between 0 and 1 (above 0, at most four decimals, like 0.85), got " +
                                  describe(e->value));
    }
    if (const auto every = get_duration(*r, "check_every")) {
      if (*every < 1)
        r->error_at_value(*r->find("check_every"), "expected at least 1m");
      else
        out.check_every_minutes = *every;
    }
    if (const Entry* e = r->find("conflict_roles")) {
      if (auto roles = string_list(*r, *e, "[channel.manager]")) {
        for (const std::string& role : *roles) {
          if (config.access.role_permissions.count(role) == 0)
            r->error_at_value(*e, "unknown role " + detail::quoted(role) + "; define it in access.roles");
          else
            out.conflict_roles.push_back(role);
        }
      }
    }
    if (auto levels = r->get_map("levels", std::nullopt))
      for (const Entry& e : levels->entries()) out.levels.push_back(read_level(*levels, e, config));
  }
  if (auto r = top.get_map("discount_authority", std::vector<std::string_view>{"approval_chain"}))
    if (const Entry* e = r->find("approval_chain")) read_chain(*r, *e, config);
}

}  // namespace kam::config::detail
