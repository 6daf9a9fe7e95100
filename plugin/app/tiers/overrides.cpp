// overrides.cpp - the override use cases: check the request against the config in force, let the
// store set or clear (and audit) the override, then re-evaluate the account so its stored tier
// follows at once.
#include "core/error.hpp"
#include "app/tiers/tiers.hpp"

namespace kam::app {
namespace {

// The account's stored tier follows the override that changed (history, notification).
void follow_override(store::Store& store, const config::Config& config, const std::string& account_id,
                     const core::Actor& actor, int64_t now_ms, const LogFn& log) {
  EvaluationRequest r;
  r.account_id = account_id;
  r.now_ms = now_ms;
  r.actor = actor;
  evaluate_tiers(store, config, r, log);
}

}  // namespace

void require_configured_tier(const config::Config& config, const std::string& tier, const char* what) {
  if (config.tiers.find(tier) != nullptr) return;
  std::string names;
  for (const auto& level : config.tiers.levels) names += (names.empty() ? "" : ", ") + level.name;
  throw Error(Status::not_found, std::string(what) + ": tier '" + tier + "' is not configured (tiers: " + names + ")");
}

std::string merged_account_message(const std::string& account_id, const std::string& golden_id, const char* use) {
  return "account '" + account_id + "' is merged into '" + golden_id + "' and has no tier of its own; " + use + " '" +
         golden_id + "'";
}

void set_override(store::Store& store, const config::Config& config, const OverrideRequest& request,
                  const core::Actor& actor, int64_t now_ms, const LogFn& log) {
  require_configured_tier(config, request.tier, "tier_override_set");
  if (request.expires_at_ms <= now_ms)
    throw Error(Status::invalid_argument, "tier_override_set: expires_at_ms (" + std::to_string(request.expires_at_ms) +
                                              ") is not after the host's now (" + std::to_string(now_ms) + ")");
  // A merged account's tier is its golden account's (app/identity): an override on it would never show.
  if (const auto merged = store.identity().merge_of(request.account_id))
    throw Error(Status::conflict,
                "tier_override_set: " + merged_account_message(request.account_id, merged->golden_id, "override"));
  store.tiers().set_tier_override(request.account_id, request.tier, request.reason, request.expires_at_ms, actor, now_ms);
  follow_override(store, config, request.account_id, actor, now_ms, log);
}

void clear_override(store::Store& store, const config::Config& config, const std::string& account_id,
                    const std::string& reason, const core::Actor& actor, int64_t now_ms, const LogFn& log) {
  if (!store.tiers().clear_tier_override(account_id, reason, actor, now_ms))
    throw Error(Status::not_found, "tier_override_clear: account '" + account_id + "' has no override in force");
  follow_override(store, config, account_id, actor, now_ms, log);
}

}  // namespace kam::app
