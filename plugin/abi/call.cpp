#include "abi/call.hpp"

#include <string>

#include "core/error.hpp"

namespace kam::abi {

Call::Call(kam_instance* instance, const kam_actor* actor, const char* function, const char* permission)
    : instance_(require_instance(instance, function)), actor_(read_actor(actor, function)), function_(function) {
  if (allows(instance_, actor_, permission)) return;
  instance_->refusals.record(instance_, actor_, function, permission);
  std::string roles;
  for (const auto& r : actor_.roles) roles += (roles.empty() ? "" : ", ") + r;
  throw Error(Status::permission, std::string(function) + ": user '" + actor_.user_id + "' (roles: " +
                                      (roles.empty() ? "none" : roles) + ") may not do '" + permission +
                                      "': no role of theirs grants it in the access section");
}

Call::Call(kam_instance* instance, const char* function)
    : instance_(require_instance(instance, function)), function_(function) {
  actor_.user_id = kHostActor;
}

}  // namespace kam::abi
