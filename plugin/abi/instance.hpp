// instance.hpp - what a kam_instance handle points to: the host's callbacks, the current config
// snapshot (replaced atomically by reloads), the store and the bounded log of refusals; and the
// helpers every entry point uses on it (call.hpp builds the prologue from them).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "abi/refusals.hpp"
#include "config/config.hpp"
#include "core/actor.hpp"
#include "kam/kam.h"
#include "store/store.hpp"

struct kam_instance {
  kam_host host{};  // copy of the host's callbacks (zeroed when none)

  // The config in force. Readers take a snapshot (shared_ptr copy) under config_mutex and then work
  // without the lock, so a reload never changes a config under a call in progress.
  mutable std::mutex config_mutex;
  std::shared_ptr<const kam::config::Config> config;
  int64_t config_version = 1;  // guarded by config_mutex

  std::unique_ptr<kam::store::Store> store;
  kam::abi::RefusalLog refusals;

  // The tick's jobs skipped for a permission the actor lacks, each logged once (api_tick.cpp).
  std::mutex tick_skips_mutex;
  std::set<std::string> tick_skips_logged;
};

namespace kam::abi {

struct ConfigSnapshot {
  std::shared_ptr<const config::Config> config;
  int64_t version;
};

// Validates the handle (NULL, and live in the registry: its memory is not read) and returns it.
// Throws kam::Error.
kam_instance* require_instance(kam_instance* instance, const char* function);

ConfigSnapshot config_snapshot(const kam_instance* instance);

// The host clock, or the system clock when the host gave none; refused (invalid_argument) outside
// the range events are held to, 1970-01-01..9999-12-31. The one place the clock is read.
int64_t now_ms(const kam_instance* instance);

// Log through the host's callback when the level passes the config's logging level.
void log(const kam_instance* instance, kam_log_level level, const std::string& message);

// Convert and validate a kam_actor; throws invalid_argument. `function` names the call.
core::Actor read_actor(const kam_actor* actor, const char* function);

// True when the actor's roles allow `permission` under the current config.
bool allows(const kam_instance* instance, const core::Actor& actor, const char* permission);

}  // namespace kam::abi
