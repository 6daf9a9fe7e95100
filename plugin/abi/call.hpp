// call.hpp - the prologue of every entry point that takes an instance, in one place: the handle is
// live, the actor is well-formed and holds the permission. A refusal (KAM_ERR_PERMISSION) is
// recorded in the audit trail first (bounded: refusals.hpp). Host-side calls (no actor: kam.h says
// which) act as the documented system actor "host".
#pragma once

#include <span>

#include "abi/instance.hpp"
#include "core/actor.hpp"
#include "kam/kam.h"

namespace kam::abi {

// The user id of host-side calls in the audit trail (recorded with no roles).
inline constexpr const char* kHostActor = "host";

class Call {
 public:
  // A call on behalf of a person. Throws kam::Error (invalid_argument, permission).
  Call(kam_instance* instance, const kam_actor* actor, const char* function, const char* permission);
  // A call any of several permissions lets in (the tick: one per job; the complaint reads: the
  // finer rule is the use case's); a refusal names them all ("a or b").
  Call(kam_instance* instance, const kam_actor* actor, const char* function,
       std::span<const char* const> any_permission);
  // A host-side call (no person acts): the actor is "host" with no roles.
  Call(kam_instance* instance, const char* function);

  kam_instance* instance() const { return instance_; }
  const core::Actor& actor() const { return actor_; }
  const char* function() const { return function_; }

 private:
  kam_instance* instance_;
  core::Actor actor_;
  const char* function_;
};

}  // namespace kam::abi
