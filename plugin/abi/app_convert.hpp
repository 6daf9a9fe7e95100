// app_convert.hpp - what the api_*.cpp files share to call the app layer: its log function on the
// host's callback, and its evaluation summary into the C summary structs.
#pragma once

#include <cstdint>
#include <string>

#include "abi/instance.hpp"
#include "app/periodic.hpp"
#include "app/tiers/tiers.hpp"
#include "kam/kam.h"

namespace kam::abi {

inline app::LogFn log_for(kam_instance* instance) {
  return [instance](core::LogLevel level, const std::string& m) { log(instance, static_cast<kam_log_level>(level), m); };
}

// The summary members of both kam_tier_evaluation_summary and its frozen 1.1 copy in the tick result.
template <class Summary>
void fill_tier_summary(Summary* out, const app::EvaluationSummary& s, int64_t now, int64_t duration_ms) {
  out->struct_size = sizeof(Summary);
  out->accounts = s.accounts;
  out->initial = s.initial;
  out->upgraded = s.upgraded;
  out->downgraded = s.downgraded;
  out->downgrades_pending = s.downgrades_pending;
  out->churn_alerts = s.churn_alerts;
  out->notifications = s.notifications;
  out->skipped = s.skipped;
  out->evaluated_at_ms = now;
  out->duration_ms = duration_ms;
}

}  // namespace kam::abi
