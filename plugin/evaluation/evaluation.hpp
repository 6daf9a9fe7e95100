// evaluation.hpp - account tiers put to work: the engine (core/tiers) applied to what the store
// holds. Evaluating accounts (and storing the outcome), an account's card, the Pareto report.
//
// Each call reads the store, runs the pure engine with the config in force and the host's clock,
// and (evaluate only) writes back through the store's compare-and-set, so several hosts sharing a
// database never write one change twice. The ABI layer (abi/api_tiers.cpp) converts to and from C.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "config/config.hpp"
#include "core/actor.hpp"
#include "store/store.hpp"

namespace kam::evaluation {

using LogFn = std::function<void(int level, const std::string& message)>;  // level: KAM_LOG_*

struct EvaluationRequest {
  std::string account_id;  // empty: every account
  bool dry_run = false;    // decide and count, store nothing
  int64_t now_ms = 0;      // host clock
  core::Actor actor;
  std::function<void(uint64_t done, uint64_t total)> progress;  // optional
};

struct EvaluationSummary {
  uint64_t accounts = 0, initial = 0, upgraded = 0, downgraded = 0, downgrades_pending = 0;
  uint64_t churn_alerts = 0, notifications = 0, skipped = 0;
  uint64_t changes = 0;  // states written (or that would be, in a dry run)
  uint64_t missing_rates = 0;  // accounts whose orders need an exchange rate the config lacks (tier kept)
};

// Throws kam::Error: not_found for an unknown account, store errors.
EvaluationSummary evaluate_tiers(store::Store& store, const config::Config& config, const EvaluationRequest& request,
                                 const LogFn& log);

// The card JSON documented at kam.h account_card. Throws not_found for an unknown account.
std::string account_card_json(store::Store& store, const config::Config& config, const std::string& account_id,
                              int64_t now_ms);

// The report JSON documented at kam.h report_pareto.
std::string pareto_report_json(store::Store& store, const config::Config& config, int64_t now_ms,
                               uint32_t max_entries);

}  // namespace kam::evaluation
