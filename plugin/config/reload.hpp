// reload.hpp - which config changes a running instance can take in a reload, decided in one place
// for config_reload (and anything else that swaps configs), so the rules can be tested without an
// instance.
#pragma once

#include <optional>
#include <string>

#include "config/config.hpp"

namespace kam::config {

struct ReloadRefusal {
  enum class Kind {
    // The change needs a restart: a database key (the store is open on the old one) or
    // business.time_zone (it moves every day boundary of the stored order totals).
    // config_reload answers KAM_ERR_UNSUPPORTED.
    needs_restart,
    // The new file grants config.reload to no role, so nobody could ever reload again without a
    // restart. That is a problem of the file itself, like any other invalid config: config_reload
    // answers KAM_ERR_CONFIG.
    locks_out,
  };
  Kind kind;
  std::string message;  // names the key that changed; URLs go through redact_secrets
};

// Why `next` may not replace `in_force` in a running instance, or nothing when it may. The
// messages start with "config_reload: " and say that the old config keeps serving.
std::optional<ReloadRefusal> reload_refusal(const Config& in_force, const Config& next);

}  // namespace kam::config
