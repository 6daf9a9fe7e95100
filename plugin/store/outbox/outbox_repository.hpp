// outbox_repository.hpp - the notification outbox as the host sees it: pending notifications to
// poll and acknowledge, or to claim for delivery and mark delivered. A notification that belongs to
// a change is written in the change's own transaction (outbox_sql.hpp: transactional outbox), so a
// rolled-back change never notifies and a committed one always does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.hpp"

namespace kam::store {

class Database;

struct Notification {
  int64_t id = 0;
  int32_t kind = 0;            // KAM_NOTIFY_*
  std::string kind_name;
  std::string account_id;      // empty when none
  int64_t created_at_ms = 0;
  std::string payload_json;
};

class OutboxRepository {
 public:
  explicit OutboxRepository(Database& database) : db_(database) {}

  // Appends a notification in its own transaction (for tests and simple producers); returns its id.
  int64_t enqueue(const Notification& n);
  // Unacknowledged notifications, oldest first.
  std::vector<Notification> pending(uint32_t max);
  // Mark acknowledged; unknown/acknowledged ids are ignored. Audited for the actor.
  void ack(const std::vector<int64_t>& ids, const core::Actor& actor, int64_t now_ms);
  // Claim up to max pending notifications for delivery by this host: a claimed notification is not
  // handed to another host until lease_ms have passed (host clock). Returns the claimed ones.
  std::vector<Notification> claim(uint32_t max, int64_t now_ms, int64_t lease_ms);
  // Acknowledge delivered notifications (host callback returned KAM_OK); not audited per actor.
  void mark_delivered(const std::vector<int64_t>& ids, int64_t now_ms);

 private:
  Database& db_;
};

}  // namespace kam::store
