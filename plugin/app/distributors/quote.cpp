// quote.cpp - quote_check_json: a quote's discount authority for an account, a channel and a product
// line (core/distributors/discount.hpp), with the reasons in words.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/distributors/distributors.hpp"
#include "core/distributors/discount.hpp"
#include "core/error.hpp"
#include "core/tiers/churn.hpp"

namespace kam::app {

namespace cd = core::distributors;
using nlohmann::json;

std::string quote_check_json(store::Store& store, const config::Config& config, const DealContext& context,
                             const QuoteRequest& request) {
  (void)context;
  const char* fn = "distributors.quote_check";
  if (request.product_line.empty()) throw Error(Status::invalid_argument, std::string(fn) + ": product_line is empty");
  if (request.discount_bp < 0 || request.discount_bp > 10000)
    throw Error(Status::invalid_argument, std::string(fn) + ": discount_bp " + std::to_string(request.discount_bp) +
                                              " is outside 0..10000");
  const std::vector<store::HouseCandidate> found = store.deals().house_candidates({request.account_id});
  if (found.empty()) throw Error(Status::not_found, std::string(fn) + ": unknown account '" + request.account_id + "'");
  const store::HouseCandidate& account = found.front();
  json reasons = json::array();
  int64_t channel_max = 0;
  std::string level_name;
  bool line_refused = false;
  if (request.distributor_id.empty()) {
    const core::tiers::TierLevel* tier = nullptr;
    for (const core::tiers::TierLevel& l : config.tiers.levels)
      if (l.name == account.tier) tier = &l;
    if (!tier) {
      reasons.push_back("account " + account.account_id + " has no tier yet (not evaluated): no discount authority");
    } else {
      channel_max = tier->benefits.discount_authority_bp;
      reasons.push_back("tier " + tier->name + " allows " + cd::percent_text(channel_max) + " (direct channel)");
    }
  } else {
    const std::optional<store::StoredDistributor> d = store.deals().distributor(request.distributor_id);
    if (!d) throw Error(Status::not_found, std::string(fn) + ": unknown distributor '" + request.distributor_id + "'");
    level_name = d->level;
    const cd::Level* level = config.distributors.level(d->level);
    if (!level) {
      reasons.push_back("distributor " + d->distributor_id + "'s level '" + d->level +
                        "' is not a level of the distributors section: no discount authority");
    } else if (!level->allows_line(request.product_line)) {
      line_refused = true;
      reasons.push_back("level " + level->name + " does not carry " + request.product_line);
    } else {
      channel_max = level->max_discount_for(request.product_line);
      reasons.push_back("level " + level->name + " allows " + cd::percent_text(channel_max) + " for " +
                        request.product_line);
    }
  }
  const int level_index = std::clamp(account.churn_level, 0, 2);
  const int64_t retention = config.churn_risk.retention_discount_bp[static_cast<size_t>(level_index)];
  if (retention > 0)
    reasons.push_back("churn risk " + std::string(core::tiers::churn_level_name(static_cast<core::tiers::ChurnLevel>(
                                          level_index))) +
                      " adds a retention discount of " + cd::percent_text(retention));
  cd::QuoteDecision d = cd::check_quote({channel_max, retention, request.discount_bp}, config.distributors.approval_chain);
  if (line_refused) d.outcome = cd::QuoteOutcome::refused;
  if (d.outcome == cd::QuoteOutcome::allowed)
    reasons.push_back(cd::percent_text(request.discount_bp) + " is within the " + cd::percent_text(d.max_bp) +
                      " allowed");
  else if (d.outcome == cd::QuoteOutcome::needs_approval)
    reasons.push_back(cd::percent_text(request.discount_bp) + " is above the " + cd::percent_text(d.max_bp) +
                      " allowed: role " + d.approval->role + " must approve (" +
                      (d.approval->up_to_bp ? "up to " + cd::percent_text(*d.approval->up_to_bp) : std::string("any")) +
                      ")");
  else if (!line_refused)
    reasons.push_back(cd::percent_text(request.discount_bp) + " is above the " + cd::percent_text(d.max_bp) +
                      " allowed and above every step of discount_authority.approval_chain");
  json approval = nullptr;
  if (d.approval)
    approval = {{"role", d.approval->role},
                {"up_to_bp", d.approval->up_to_bp ? json(*d.approval->up_to_bp) : json(nullptr)},
                {"step", d.approval_step}};
  return json{{"account_id", account.account_id},
              {"account_name", account.name},
              {"tier", account.tier.empty() ? json(nullptr) : json(account.tier)},
              {"channel", request.distributor_id.empty() ? "direct" : "distributor"},
              {"distributor_id", request.distributor_id.empty() ? json(nullptr) : json(request.distributor_id)},
              {"level", level_name.empty() ? json(nullptr) : json(level_name)},
              {"product_line", request.product_line},
              {"discount_bp", request.discount_bp},
              {"channel_max_bp", channel_max},
              {"churn_level", core::tiers::churn_level_name(static_cast<core::tiers::ChurnLevel>(level_index))},
              {"retention_bp", retention},
              {"max_bp", d.max_bp},
              {"outcome", cd::quote_outcome_name(d.outcome)},
              {"approval", approval},
              {"reasons", reasons}}
      .dump();
}

}  // namespace kam::app
