// tiers.hpp - account tiers put to work: the engine (core/tiers) applied to what the store holds.
// Evaluating accounts (and storing the outcome), overrides, an account's card, the listing, the
// Pareto report, and the periodic job the tick runs.
//
// Each call reads the store, runs the pure engine with the config in force and the host's clock,
// and (evaluate only) writes back through the store's compare-and-set, so several hosts sharing a
// database never write one change twice. The ABI layer (abi/api_tiers.cpp, abi/api_tick.cpp) converts
// to and from C.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "app/periodic.hpp"
#include "config/config.hpp"
#include "core/actor.hpp"
#include "store/store.hpp"

namespace kam::app {

using core::LogFn;

struct EvaluationRequest {
  std::string account_id;  // empty: every account
  bool dry_run = false;    // decide and count, store nothing
  int64_t now_ms = 0;      // host clock
  core::Actor actor;
  std::function<void(uint64_t done, uint64_t total)> progress;  // optional
  // Not a dry run: audited under this action ("" = not audited), one entry in each write
  // transaction with the changes it records (the last one carries the run's summary).
  std::string audit_action;
  std::string completes_job;  // a full run: the periodic job it completes, recorded with its last write
};

struct EvaluationSummary {
  uint64_t accounts = 0, initial = 0, upgraded = 0, downgraded = 0, downgrades_pending = 0;
  uint64_t churn_alerts = 0, notifications = 0, skipped = 0;
  uint64_t changes = 0;  // states written (or that would be, in a dry run)
  uint64_t missing_rates = 0;  // accounts whose orders need an exchange rate the config lacks (tier kept)
};

// The periodic job of the tier evaluation (JobsRepository::claim_job), and the permission it needs.
inline constexpr const char* kTiersJob = "tiers.evaluate";
inline constexpr const char* kTiersEvaluatePermission = "tiers.evaluate";

// Throws kam::Error: not_found for an unknown account, store errors.
EvaluationSummary evaluate_tiers(store::Store& store, const config::Config& config, const EvaluationRequest& request,
                                 const LogFn& log);

// One page of the tier listing (kam.h tiers_list): limit 0 means 1000, at most 10,000. Throws
// not_found for a tier the config does not have, invalid_argument for a larger limit.
struct TierListRequest {
  std::string tier;              // "" = every account
  std::string after_account_id;  // "" = the first page
  uint32_t limit = 0;
};
std::string tier_list_json(store::Store& store, const config::Config& config, const TierListRequest& request);

// --- use cases (use_cases.cpp) ---
// An evaluation a user asked for: audited as "tiers.evaluate" unless a dry run; a full one counts
// for the schedule (the next tick need not repeat it).
EvaluationSummary evaluate_on_request(store::Store& store, const config::Config& config, EvaluationRequest request,
                                      const LogFn& log);
// The tick's evaluation: runs (audited as "tiers.evaluate.periodic") when the job is due and this
// host claimed it; nothing otherwise.
std::optional<EvaluationSummary> evaluate_when_due(store::Store& store, const config::Config& config,
                                                   const core::Actor& actor, int64_t now_ms, const LogFn& log);
// The tick's job (tick.cpp's registry): evaluate_when_due's evaluation, reported in TickResult::tiers
// and logged. Due every config.tiers.evaluate_every_minutes.
PeriodicJob tier_evaluation_job();

// --- overrides (overrides.cpp) ---
// Throws not_found "<what>: tier '<tier>' is not configured (tiers: ...)" unless the config has it.
void require_configured_tier(const config::Config& config, const std::string& tier, const char* what);
// The refusal of a tier action on an account merged into golden_id (it has no tier of its own):
// "account 'A' is merged into 'G' and has no tier of its own; <use> 'G'".
std::string merged_account_message(const std::string& account_id, const std::string& golden_id, const char* use);
// Sets an override, then the account's stored tier follows at once (history, notification; the
// override itself is audited by the store). Throws not_found for a tier the config does not have,
// invalid_argument for an expiry not after now_ms.
struct OverrideRequest {
  std::string account_id, tier, reason;
  int64_t expires_at_ms = 0;
};
void set_override(store::Store& store, const config::Config& config, const OverrideRequest& request,
                  const core::Actor& actor, int64_t now_ms, const LogFn& log);
// Clears the override in force, then the stored tier follows. Throws not_found when there is none.
void clear_override(store::Store& store, const config::Config& config, const std::string& account_id,
                    const std::string& reason, const core::Actor& actor, int64_t now_ms, const LogFn& log);

// The card JSON documented at kam.h account_card. Throws not_found for an unknown account.
std::string account_card_json(store::Store& store, const config::Config& config, const std::string& account_id,
                              int64_t now_ms);

// The report JSON documented at kam.h report_pareto.
std::string pareto_report_json(store::Store& store, const config::Config& config, int64_t now_ms,
                               uint32_t max_entries);

}  // namespace kam::app
