// delivery.cpp - deliver_notifications(): claim, hand over, mark delivered and audit.
#include "app/outbox/delivery.hpp"

#include <nlohmann/json.hpp>
#include <vector>

namespace kam::app {

uint32_t deliver_notifications(store::Store& store, const DeliveryRequest& request) {
  const std::vector<store::Notification> claimed =
      store.outbox().claim(request.max, request.clock(), request.retry_ms);
  std::vector<int64_t> delivered;
  for (const store::Notification& n : claimed)
    if (request.deliver(n)) delivered.push_back(n.id);
  if (delivered.empty()) return 0;
  const int64_t at = request.clock();
  store.outbox().mark_delivered(delivered, at);
  store::AuditEntry a;
  a.at_ms = at;
  a.user_id = request.actor.user_id;
  a.action = "notifications.deliver";
  a.entity_type = "notification";
  a.after_json = nlohmann::json{{"delivered_at_ms", at}, {"ids", delivered}}.dump();
  store.audit().append(a);
  return static_cast<uint32_t>(delivered.size());
}

}  // namespace kam::app
