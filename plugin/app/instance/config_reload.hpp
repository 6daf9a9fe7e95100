// config_reload.hpp - what a config reload records: the audit entry naming the config before and
// after (version, content hash, source). The ABI swaps the config in force; this records it.
#pragma once

#include <cstdint>

#include "config/config.hpp"
#include "core/actor.hpp"
#include "core/log_level.hpp"
#include "store/store.hpp"

namespace kam::app {

// One config in force: the instance's version counter and the config.
struct ConfigVersion {
  const config::Config& config;
  int64_t version = 0;
};

// Recomputes the open complaints' deadlines when a calendar changed (recompute_open_deadlines), then
// appends the audit entry (its after_json counts them as complaints_recomputed when there were any).
void record_config_reload(store::Store& store, const core::Actor& actor, int64_t at_ms, const ConfigVersion& before,
                          const ConfigVersion& after, const core::LogFn& log = nullptr);

}  // namespace kam::app
