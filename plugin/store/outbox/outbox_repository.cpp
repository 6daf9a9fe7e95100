// outbox_repository.cpp - OutboxRepository: each call one transaction or one read.
#include "store/outbox/outbox_repository.hpp"

#include "store/audit/audit_sql.hpp"
#include "store/database/database.hpp"
#include "store/json_columns.hpp"
#include "store/outbox/outbox_sql.hpp"

namespace kam::store {

int64_t OutboxRepository::enqueue(const Notification& n) {
  int64_t id = 0;
  db_.write_transaction("enqueue notification '" + n.kind_name + "'",
                        [&](soci::session& sql) { id = detail::enqueue_notification(sql, n); });
  return id;
}

std::vector<Notification> OutboxRepository::pending(uint32_t max) {
  std::vector<Notification> out;
  db_.with_session("read pending notifications",
                   [&](soci::session& sql) { out = detail::pending_notifications(sql, max); });
  return out;
}

std::vector<Notification> OutboxRepository::claim(uint32_t max, int64_t now_ms, int64_t lease_ms) {
  std::vector<Notification> out;
  db_.write_transaction("claim notifications", [&](soci::session& sql) {
    out = detail::claim_notifications(sql, db_.backend(), max, now_ms, lease_ms);
  });
  return out;
}

void OutboxRepository::mark_delivered(const std::vector<int64_t>& ids, int64_t now_ms) {
  if (ids.empty()) return;
  db_.write_transaction("mark notifications delivered",
                        [&](soci::session& sql) { detail::mark_delivered(sql, ids, now_ms); });
}

void OutboxRepository::ack(const std::vector<int64_t>& ids, const core::Actor& actor, int64_t now_ms) {
  if (ids.empty()) return;
  db_.write_transaction("acknowledge notifications", [&](soci::session& sql) {
    const auto acked = detail::mark_acked(sql, ids, now_ms);
    detail::AuditWriter audit(sql);
    for (int64_t id : acked) {
      AuditEntry e;
      e.at_ms = now_ms;
      e.user_id = actor.user_id;
      e.roles = actor.roles;
      e.action = "notifications.ack";
      e.entity_type = "notification";
      e.entity_id = std::to_string(id);
      e.after_json = detail::json_object({{"acked_at_ms", now_ms}});
      audit.append(e);
    }
  });
}

}  // namespace kam::store
