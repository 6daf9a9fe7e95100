// The notification outbox (poll, acknowledge, deliver through the host callback) and the audit trail.
#include <algorithm>

#include "abi/api.hpp"
#include "abi/buffer.hpp"
#include "abi/call.hpp"
#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/instance.hpp"
#include "abi/json_text.hpp"
#include "abi/limits.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "app/outbox/delivery.hpp"

namespace kam::abi {
namespace {

uint32_t effective_max(uint32_t max) { return max == 0 ? 100 : std::min<uint32_t>(max, 10000); }

}  // namespace

kam_status notifications_poll(kam_instance* instance, const kam_actor* actor, uint32_t max,
                              kam_buffer* out_json) {
  return status_of_call([&] {
    Call call(instance, actor, "notifications_poll", "notifications.read");
    require_ptr(out_json, "notifications_poll", "out_json");
    auto pending = instance->store->outbox().pending(effective_max(max));
    fill_buffer(out_json, notifications_json(pending), "notifications_poll");
  });
}

kam_status notifications_ack(kam_instance* instance, const kam_actor* actor, const int64_t* ids,
                             uint32_t count) {
  return status_of_call([&] {
    Call call(instance, actor, "notifications_ack", "notifications.ack");
    if (count > 0) require_ptr(ids, "notifications_ack", "ids");
    if (count > kMaxAckIds)
      throw Error(Status::invalid_argument, "notifications_ack: count " + std::to_string(count) +
                                                " is over the limit of " + std::to_string(kMaxAckIds));
    std::vector<int64_t> list(ids, ids + count);
    if (!list.empty()) instance->store->outbox().ack(list, call.actor(), now_ms(instance));
  });
}

kam_status notifications_deliver(kam_instance* instance, uint32_t max, uint32_t* out_delivered) {
  return status_of_call([&] {
    // Host-side: no person acts. What the callback acknowledged is audited as the actor "host".
    Call call(instance, "notifications_deliver");
    if (out_delivered != nullptr) *out_delivered = 0;
    if (instance->host.notify == nullptr)
      throw Error(Status::unsupported,
                  "notifications_deliver: the host gave no notify callback at instance_create; "
                  "use notifications_poll");
    app::DeliveryRequest r;
    r.max = effective_max(max);
    r.retry_ms = kNotifyRetryMs;
    r.actor = call.actor();
    r.clock = [instance] { return now_ms(instance); };
    r.deliver = [instance](const store::Notification& n) {
      kam_notification c{};
      c.struct_size = sizeof c;
      c.kind = n.kind;
      c.id = n.id;
      c.created_at_ms = n.created_at_ms;
      c.kind_name = n.kind_name.c_str();
      c.account_id = n.account_id.empty() ? nullptr : n.account_id.c_str();
      c.payload_json = n.payload_json.c_str();
      return instance->host.notify(instance->host.host_data, &c) == KAM_OK;
    };
    const uint32_t delivered = app::deliver_notifications(*instance->store, r);
    if (out_delivered != nullptr) *out_delivered = delivered;
  });
}

kam_status audit_query(kam_instance* instance, const kam_actor* actor,
                       const kam_audit_query* query, kam_buffer* out_json) {
  return status_of_call([&] {
    Call call(instance, actor, "audit_query", "audit.read");
    require_ptr(query, "audit_query", "query");
    check_struct(query, kAuditQuerySize_1_0, "kam_audit_query");
    require_ptr(out_json, "audit_query", "out_json");
    if (query->limit > kMaxAuditLimit)
      throw Error(Status::invalid_argument, "audit_query: limit " + std::to_string(query->limit) +
                                                " is over " + std::to_string(kMaxAuditLimit));
    store::AuditQuery q;
    q.limit = query->limit == 0 ? 100 : query->limit;
    q.since_ms = query->since_ms;
    q.until_ms = query->until_ms;
    q.user_id = input_string(query->user_id, "audit_query: query.user_id", StringKind::id, false);
    q.entity_type = input_string(query->entity_type, "audit_query: query.entity_type", StringKind::name, false);
    q.entity_id = input_string(query->entity_id, "audit_query: query.entity_id", StringKind::name, false);
    q.before_id = query->before_id;
    fill_buffer(out_json, audit_json(instance->store->audit().query(q)), "audit_query");
  });
}

}  // namespace kam::abi
