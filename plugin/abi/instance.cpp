#include "abi/instance.hpp"

#include <chrono>

#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/limits.hpp"
#include "abi/registry.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "core/error.hpp"
#include "core/events.hpp"
#include "core/log_level.hpp"
#include "core/utf8.hpp"

namespace kam::abi {

kam_instance* require_instance(kam_instance* instance, const char* function) {
  if (instance == nullptr)
    throw Error(Status::invalid_argument, std::string(function) + ": instance is NULL");
  if (!is_live(instance))
    throw Error(Status::invalid_argument,
                std::string(function) + ": instance is not a live KAM instance handle");
  return instance;
}

ConfigSnapshot config_snapshot(const kam_instance* instance) {
  std::lock_guard<std::mutex> lock(instance->config_mutex);
  return {instance->config, instance->config_version};
}

int64_t now_ms(const kam_instance* instance) {
  using namespace std::chrono;
  if (instance->host.now_ms == nullptr)
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  const int64_t now = instance->host.now_ms(instance->host.host_data);
  if (now < core::kMinTimeMs || now > core::kMaxTimeMs)
    throw Error(Status::invalid_argument,
                "the host clock (kam_host.now_ms) says " + std::to_string(now) +
                    " ms, outside 1970-01-01..9999-12-31 (" + std::to_string(core::kMinTimeMs) + ".." +
                    std::to_string(core::kMaxTimeMs) + " ms since the epoch); nothing was done");
  return now;
}

// The core's levels cross the ABI as they are.
static_assert(static_cast<int>(core::LogLevel::debug) == KAM_LOG_DEBUG &&
              static_cast<int>(core::LogLevel::info) == KAM_LOG_INFO &&
              static_cast<int>(core::LogLevel::warning) == KAM_LOG_WARNING &&
              static_cast<int>(core::LogLevel::error) == KAM_LOG_ERROR);

void log(const kam_instance* instance, kam_log_level level, const std::string& message) {
  if (instance->host.log == nullptr) return;
  auto snapshot = config_snapshot(instance);
  if (snapshot.config && level < static_cast<kam_log_level>(snapshot.config->logging.level)) return;
  // A message may quote host bytes: the host receives valid UTF-8 only.
  const std::string text = core::utf8_escape(message, message.size() * 4);
  instance->host.log(instance->host.host_data, level, text.c_str());
}

core::Actor read_actor(const kam_actor* actor, const char* function) {
  std::string where = std::string(function) + ": actor";
  require_ptr(actor, function, "actor");
  check_struct(actor, kActorSize_1_0, "kam_actor");
  core::Actor out;
  out.user_id = input_string(actor->user_id, (where + ".user_id").c_str(), StringKind::id, true);
  if (actor->role_count > 0 && actor->roles == nullptr)
    throw Error(Status::invalid_argument, where + ".roles is NULL but role_count is " +
                                              std::to_string(actor->role_count));
  if (actor->role_count > kMaxRoles)
    throw Error(Status::invalid_argument, where + ".role_count " + std::to_string(actor->role_count) +
                                              " is over " + std::to_string(kMaxRoles));
  for (uint32_t i = 0; i < actor->role_count; ++i)
    out.roles.push_back(input_string(actor->roles[i], (where + ".roles[" + std::to_string(i) + "]").c_str(),
                                     StringKind::id, true));
  return out;
}

bool allows(const kam_instance* instance, const core::Actor& actor, const char* permission) {
  return config_snapshot(instance).config->access.allows(actor, permission);
}

}  // namespace kam::abi
