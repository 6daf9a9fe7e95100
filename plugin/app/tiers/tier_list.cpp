// tier_list.cpp - tier_list_json(): one page of every account's stored tier (kam.h tiers_list),
// read from the store one page at a time, never the whole portfolio.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/tiers/churn.hpp"
#include "app/tiers/tiers.hpp"

namespace kam::app {
using nlohmann::json;

namespace {

constexpr uint32_t kDefaultPage = 1000, kMaxPage = 10000;

json row_json(const store::TierListRow& row, const std::optional<int64_t>& last_full_run) {
  json j = {{"account_id", row.account_id}, {"name", row.name}};
  if (!row.state) {
    for (const char* key : {"tier", "since_ms", "computed_tier", "pending_downgrade_to", "churn_level",
                            "evaluated_at_ms"})
      j[key] = nullptr;
    j["overridden"] = false;
    return j;
  }
  const store::StoredTierState& s = *row.state;
  j["tier"] = s.effective_tier;
  j["since_ms"] = s.effective_since_ms;
  j["computed_tier"] = s.computed_tier;
  j["overridden"] = s.effective_tier != s.tier;
  j["pending_downgrade_to"] = s.below_since_ms ? json(s.computed_tier) : json(nullptr);
  j["churn_level"] = core::tiers::churn_level_name(static_cast<core::tiers::ChurnLevel>(s.churn_level));
  // A state is written only when it changed; a later full evaluation that kept it evaluated it too.
  j["evaluated_at_ms"] = std::max(s.evaluated_at_ms, last_full_run.value_or(0));
  return j;
}

}  // namespace

std::string tier_list_json(store::Store& store, const config::Config& config, const TierListRequest& request) {
  if (request.limit > kMaxPage)
    throw Error(Status::invalid_argument, "tiers_list: limit " + std::to_string(request.limit) +
                                              " is more than " + std::to_string(kMaxPage));
  if (!request.tier.empty()) require_configured_tier(config, request.tier, "tiers_list");
  store::TierListQuery q;
  q.tier = request.tier;
  q.after_account_id = request.after_account_id;
  q.limit = request.limit == 0 ? kDefaultPage : request.limit;
  const std::vector<store::TierListRow> rows = store.tiers().list_tiers(q);
  const std::optional<int64_t> last_full_run = store.jobs().last_job_run(kTiersJob);
  json accounts = json::array();
  for (const store::TierListRow& row : rows) accounts.push_back(row_json(row, last_full_run));
  json out = {{"accounts", std::move(accounts)},
              {"next_after", rows.size() == q.limit ? json(rows.back().account_id) : json(nullptr)}};
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace kam::app
