// The notification outbox (poll, acknowledge, deliver through the host callback) and the audit trail.
#include <algorithm>

#include "abi/api.hpp"
#include "abi/buffer.hpp"
#include "abi/guard.hpp"
#include "abi/instance.hpp"
#include "abi/json_text.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"

namespace kam::abi {
namespace {

constexpr int64_t kDeliveryLeaseMs = 60'000;  // a claimed notification is retried after a minute

uint32_t effective_max(uint32_t max) { return max == 0 ? 100 : std::min<uint32_t>(max, 10000); }

}  // namespace

kam_status notifications_poll(kam_instance* instance, const kam_actor* actor, uint32_t max,
                              kam_buffer* out_json) {
  return guarded([&] {
    require_instance(instance, "notifications_poll");
    core::Actor who = read_actor(actor, "notifications_poll");
    require_permission(instance, who, "notifications.read");
    require_ptr(out_json, "notifications_poll", "out_json");
    auto pending = instance->store->pending_notifications(effective_max(max));
    fill_buffer(out_json, notifications_json(pending), "notifications_poll");
  });
}

kam_status notifications_ack(kam_instance* instance, const kam_actor* actor, const int64_t* ids,
                             uint32_t count) {
  return guarded([&] {
    require_instance(instance, "notifications_ack");
    core::Actor who = read_actor(actor, "notifications_ack");
    require_permission(instance, who, "notifications.ack");
    if (count > 0) require_ptr(ids, "notifications_ack", "ids");
    if (count > 100000)
      throw Error(Status::invalid_argument, "notifications_ack: count is over 100,000");
    std::vector<int64_t> list(ids, ids + count);
    if (!list.empty()) instance->store->ack_notifications(list, who, now_ms(instance));
  });
}

kam_status notifications_deliver(kam_instance* instance, uint32_t max, uint32_t* out_delivered) {
  return guarded([&] {
    require_instance(instance, "notifications_deliver");
    if (out_delivered != nullptr) *out_delivered = 0;
    if (instance->host.notify == nullptr)
      throw Error(Status::unsupported,
                  "notifications_deliver: the host gave no notify callback at instance_create; "
                  "use notifications_poll");
    int64_t now = now_ms(instance);
    auto claimed = instance->store->claim_notifications(effective_max(max), now, kDeliveryLeaseMs);
    std::vector<int64_t> delivered;
    // No lock is held here: the callback may call back into the plugin.
    for (const auto& n : claimed) {
      kam_notification c{};
      c.struct_size = sizeof c;
      c.kind = n.kind;
      c.id = n.id;
      c.created_at_ms = n.created_at_ms;
      c.kind_name = n.kind_name.c_str();
      c.account_id = n.account_id.empty() ? nullptr : n.account_id.c_str();
      c.payload_json = n.payload_json.c_str();
      if (instance->host.notify(instance->host.host_data, &c) == KAM_OK) delivered.push_back(n.id);
    }
    if (!delivered.empty()) instance->store->mark_delivered(delivered, now_ms(instance));
    if (out_delivered != nullptr) *out_delivered = static_cast<uint32_t>(delivered.size());
  });
}

kam_status audit_query(kam_instance* instance, const kam_actor* actor,
                       const kam_audit_query* query, kam_buffer* out_json) {
  return guarded([&] {
    require_instance(instance, "audit_query");
    core::Actor who = read_actor(actor, "audit_query");
    require_permission(instance, who, "audit.read");
    require_ptr(query, "audit_query", "query");
    check_struct(query, kAuditQuerySize_1_0, "kam_audit_query");
    require_ptr(out_json, "audit_query", "out_json");
    if (query->limit > 10000)
      throw Error(Status::invalid_argument, "audit_query: limit " + std::to_string(query->limit) +
                                                " is over 10,000");
    store::AuditQuery q;
    q.limit = query->limit == 0 ? 100 : query->limit;
    q.since_ms = query->since_ms;
    q.until_ms = query->until_ms;
    q.user_id = utf8_or_empty(query->user_id, "audit_query: query.user_id");
    q.entity_type = utf8_or_empty(query->entity_type, "audit_query: query.entity_type");
    q.entity_id = utf8_or_empty(query->entity_id, "audit_query: query.entity_id");
    q.before_id = query->before_id;
    fill_buffer(out_json, audit_json(instance->store->query_audit(q)), "audit_query");
  });
}

}  // namespace kam::abi
