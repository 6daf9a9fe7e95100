#include "abi/instance.hpp"

#include <chrono>

#include "abi/guard.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "core/error.hpp"

namespace kam::abi {

kam_instance* require_instance(kam_instance* instance, const char* function) {
  if (instance == nullptr)
    throw Error(Status::invalid_argument, std::string(function) + ": instance is NULL");
  if (instance->magic != kam_instance::kMagic)
    throw Error(Status::invalid_argument,
                std::string(function) + ": instance is not a live KAM instance handle");
  return instance;
}

ConfigSnapshot config_snapshot(const kam_instance* instance) {
  std::lock_guard<std::mutex> lock(instance->config_mutex);
  return {instance->config, instance->config_version};
}

int64_t now_ms(const kam_instance* instance) {
  if (instance->host.now_ms != nullptr) return instance->host.now_ms(instance->host.host_data);
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void log(const kam_instance* instance, kam_log_level level, const std::string& message) {
  if (instance->host.log == nullptr) return;
  auto snapshot = config_snapshot(instance);
  if (snapshot.config && level < static_cast<kam_log_level>(snapshot.config->logging.level)) return;
  instance->host.log(instance->host.host_data, level, message.c_str());
}

core::Actor read_actor(const kam_actor* actor, const char* function) {
  std::string where = std::string(function) + ": actor";
  require_ptr(actor, function, "actor");
  check_struct(actor, kActorSize_1_0, "kam_actor");
  core::Actor out;
  out.user_id = utf8_required(actor->user_id, (where + ".user_id").c_str());
  if (actor->role_count > 0 && actor->roles == nullptr)
    throw Error(Status::invalid_argument, where + ".roles is NULL but role_count is " +
                                              std::to_string(actor->role_count));
  if (actor->role_count > 1000)
    throw Error(Status::invalid_argument, where + ".role_count is over 1000");
  for (uint32_t i = 0; i < actor->role_count; ++i)
    out.roles.push_back(
        utf8_required(actor->roles[i], (where + ".roles[" + std::to_string(i) + "]").c_str()));
  return out;
}

void require_permission(const kam_instance* instance, const core::Actor& actor,
                        const char* permission) {
  auto snapshot = config_snapshot(instance);
  if (!snapshot.config->access.allows(actor, permission)) {
    std::string roles;
    for (const auto& r : actor.roles) roles += (roles.empty() ? "" : ", ") + r;
    throw Error(Status::permission, "user '" + actor.user_id + "' (roles: " +
                                        (roles.empty() ? "none" : roles) +
                                        ") may not do '" + permission +
                                        "': no role of theirs grants it in the access section");
  }
}

}  // namespace kam::abi
