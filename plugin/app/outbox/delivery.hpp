// delivery.hpp - delivering notifications through the host's callback: claim a lease on pending
// ones, hand each to the host, mark what it took as delivered and audit that (kam.h
// notifications_deliver). Delivery is at least once: what the host did not take is due again when
// the lease ends.
#pragma once

#include <cstdint>
#include <functional>

#include "core/actor.hpp"
#include "store/store.hpp"

namespace kam::app {

struct DeliveryRequest {
  uint32_t max = 0;        // notifications to claim at most
  int64_t retry_ms = 0;    // the lease: a claimed one not marked delivered is due again after it
  core::Actor actor;       // audited as the one who delivered
  std::function<int64_t()> clock;                            // the host's clock, read before and after
  std::function<bool(const store::Notification&)> deliver;  // true: the host took it
};

// Returns how many the host took. No lock is held while `deliver` runs: it may call back in.
uint32_t deliver_notifications(store::Store& store, const DeliveryRequest& request);

}  // namespace kam::app
