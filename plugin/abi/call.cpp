// call.cpp - the prologue of every actor-taking entry point (call.hpp).
#include "abi/call.hpp"

#include <string>

#include "core/error.hpp"

namespace kam::abi {

Call::Call(kam_instance* instance, const kam_actor* actor, const char* function, const char* permission)
    : Call(instance, actor, function, std::span<const char* const>(&permission, 1)) {}

Call::Call(kam_instance* instance, const kam_actor* actor, const char* function,
           std::span<const char* const> any_permission)
    : instance_(require_instance(instance, function)), actor_(read_actor(actor, function)), function_(function) {
  for (const char* p : any_permission)
    if (allows(instance_, actor_, p)) return;
  // What would have let the actor in: "tiers.evaluate or complaints.tick" (audited), quoted in the message.
  std::string permission, quoted;
  for (const char* p : any_permission) {
    permission += (permission.empty() ? "" : " or ") + std::string(p);
    quoted += (quoted.empty() ? "'" : " or '") + std::string(p) + "'";
  }
  instance_->refusals.record(instance_, actor_, function, permission.c_str());
  std::string roles;
  for (const auto& r : actor_.roles) roles += (roles.empty() ? "" : ", ") + r;
  throw Error(Status::permission, std::string(function) + ": user '" + actor_.user_id + "' (roles: " +
                                      (roles.empty() ? "none" : roles) + ") may not do " + quoted +
                                      ": no role of theirs grants it in the access section");
}

Call::Call(kam_instance* instance, const char* function)
    : instance_(require_instance(instance, function)), function_(function) {
  actor_.user_id = kHostActor;
}

}  // namespace kam::abi
