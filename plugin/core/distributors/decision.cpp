// decision.cpp - decide(): every check runs, each adds its finding; any rejecting finding rejects,
// otherwise a review finding sends the registration to review, otherwise it is approved.
#include "core/distributors/decision.hpp"

#include <algorithm>

namespace kam::core::distributors {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "none" : out;
}

bool contains(const std::vector<std::string>& items, const std::string& v) {
  return std::find(items.begin(), items.end(), v) != items.end();
}


void check_scope(const std::string& what, const std::string& value, const std::vector<std::string>& own,
                 const std::vector<std::string>& level, Reason reason, Decision& d) {
  const std::optional<std::vector<std::string>> allowed = allowed_values(own, level);
  if (!allowed) return;
  if (!value.empty() && contains(*allowed, value)) return;
  Finding f{reason, "", {}, *allowed, {}, {}, {}, {}, {}};
  if (value.empty()) {
    f.message = "the deal names no " + what + "; this distributor may sell only in " + joined(*allowed);
  } else {
    f.values.push_back(value);
    f.message = what + " " + value + " is outside this distributor's " + what + "s (" + joined(*allowed) + ")";
  }
  d.findings.push_back(std::move(f));
}

}  // namespace

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::approved: return "approved";
    case Outcome::rejected: return "rejected";
    case Outcome::needs_review: return "needs_review";
  }
  return "rejected";
}

const char* reason_code(Reason reason) {
  switch (reason) {
    case Reason::unknown_level: return "unknown_level";
    case Reason::outside_territory: return "outside_territory";
    case Reason::outside_industry: return "outside_industry";
    case Reason::product_line_not_allowed: return "product_line_not_allowed";
    case Reason::discount_above_authority: return "discount_above_authority";
    case Reason::house_account: return "house_account";
    case Reason::already_registered: return "already_registered";
    case Reason::quota_used_up: return "quota_used_up";
    case Reason::large_deal: return "large_deal";
  }
  return "unknown";
}

bool rejects(Reason reason) { return reason != Reason::discount_above_authority && reason != Reason::large_deal; }

std::optional<std::vector<std::string>> allowed_values(const std::vector<std::string>& own,
                                                       const std::vector<std::string>& level) {
  if (own.empty() && level.empty()) return std::nullopt;
  if (own.empty()) return level;
  if (level.empty()) return own;
  std::vector<std::string> both;
  for (const std::string& v : own)
    if (contains(level, v)) both.push_back(v);
  return both;
}

Decision decide(const DecisionInput& in) {
  Decision d;
  const Level* level = in.level;
  if (!level) {
    Finding f{Reason::unknown_level, "", {}, {}, {}, {}, {}, {}, {}};
    f.message = in.distributor.level.empty()
                    ? "distributor " + in.distributor.distributor_id + " has no level"
                    : "distributor " + in.distributor.distributor_id + "'s level " + in.distributor.level +
                          " is not a level of the distributors section";
    if (!in.distributor.level.empty()) f.values.push_back(in.distributor.level);
    d.findings.push_back(std::move(f));
  }
  static const std::vector<std::string> kNone;
  check_scope("region", in.deal.region, in.distributor.territories, level ? level->territories : kNone,
              Reason::outside_territory, d);
  check_scope("industry", in.deal.industry, in.distributor.industries, level ? level->industries : kNone,
              Reason::outside_industry, d);
  if (level) {
    std::vector<std::string> refused;
    for (const std::string& line : in.deal.product_lines)
      if (!level->allows_line(line)) refused.push_back(line);
    if (!refused.empty()) {
      Finding f{Reason::product_line_not_allowed, "", refused, level->product_lines, {}, {}, {}, {}, {}};
      f.message = "level " + level->name + " does not carry " + joined(refused) + " (it carries " +
                  joined(level->product_lines) + ")";
      d.findings.push_back(std::move(f));
    }
    // The strictest line decides: the discount must be within every line's maximum.
    std::optional<std::pair<std::string, int64_t>> strictest;
    for (const std::string& line : in.deal.product_lines) {
      if (!level->allows_line(line)) continue;
      const int64_t max = level->max_discount_for(line);
      if (!strictest || max < strictest->second) strictest = std::make_pair(line, max);
    }
    if (strictest && in.deal.discount_bp > strictest->second) {
      Finding f{Reason::discount_above_authority, "", {}, {}, {}, {}, in.deal.discount_bp, strictest->second,
                strictest->first};
      f.message = "discount " + percent_text(in.deal.discount_bp) + " is above level " + level->name + "'s " +
                  percent_text(strictest->second) + " for " + strictest->first + ": it needs a reviewer's approval";
      d.findings.push_back(std::move(f));
    }
  }
  if (!in.house_accounts.empty()) {
    const HouseAccount& h = in.house_accounts.front();
    Finding f{Reason::house_account, "", {}, {}, h, {}, {}, {}, {}};
    f.message = "the customer is house account " + h.account_id + " (" + h.account_name + ", tier " + h.tier +
                ", match score " + percent_text(h.score_bp) + "), which the direct channel serves";
    d.findings.push_back(std::move(f));
  }
  if (!in.earlier.empty()) {
    const EarlierRegistration& e = in.earlier.front();
    Finding f{Reason::already_registered, "", {}, {}, {}, e, {}, {}, {}};
    f.message = "the customer is registered by " +
                (e.distributor_id == in.distributor.distributor_id ? std::string("this distributor")
                                                                   : "distributor " + e.distributor_id) +
                " (" + e.registration_id + "), protected until " +
                (e.protected_until_text.empty() ? std::to_string(e.protected_until_ms) + " (UTC ms)"
                                                : e.protected_until_text) +
                "; a registration after that may win";
    d.findings.push_back(std::move(f));
  }
  if (level && level->quota && in.quota_use && in.quota_use->used >= level->quota->count) {
    Finding f{Reason::quota_used_up, "", {}, {}, {}, {}, in.quota_use->used, level->quota->count, {}};
    f.message = "level " + level->name + "'s quota of " + std::to_string(level->quota->count) +
                " registrations per " + quota_period_name(level->quota->per) + " is used up (" +
                std::to_string(in.quota_use->used) + " since " + in.quota_use->period_start + ")";
    d.findings.push_back(std::move(f));
  }
  if (level && level->review_above_minor && in.deal.amount_reporting_minor > *level->review_above_minor) {
    Finding f{Reason::large_deal, "", {}, {}, {}, {}, in.deal.amount_reporting_minor, *level->review_above_minor, {}};
    f.message = "the amount is above level " + level->name + "'s review threshold: it needs a reviewer's approval";
    d.findings.push_back(std::move(f));
  }
  const bool rejected = std::any_of(d.findings.begin(), d.findings.end(), [](const Finding& f) { return rejects(f.reason); });
  d.outcome = rejected ? Outcome::rejected : d.findings.empty() ? Outcome::approved : Outcome::needs_review;
  return d;
}

}  // namespace kam::core::distributors
