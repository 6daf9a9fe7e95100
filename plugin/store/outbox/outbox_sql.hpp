// outbox_sql.hpp - the notification outbox on an open session.
//
// A notification is written in the same transaction as the change that causes it (transactional
// outbox), so a rolled-back change never notifies and a committed one always does. Delivery is at least
// once: a host claims notifications for a lease, delivers them, and marks them delivered; a claim that
// is never completed expires and the notification is handed out again.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <vector>

#include "store/database/backend.hpp"
#include "store/outbox/outbox_repository.hpp"

namespace kam::store::detail {

// Inside the caller's transaction. Returns the new id.
int64_t enqueue_notification(soci::session& sql, const Notification& n);

// Neither delivered nor acknowledged, oldest first; max 0 means 100.
std::vector<Notification> pending_notifications(soci::session& sql, uint32_t max);

// Inside the caller's write transaction: up to max pending notifications whose claim has expired
// (claimed_until_ms <= now) are claimed until now + lease_ms. PostgreSQL skips rows another host is
// claiming right now (FOR UPDATE SKIP LOCKED); SQLite's write lock already serialises claimers.
std::vector<Notification> claim_notifications(soci::session& sql, Backend backend, uint32_t max,
                                              int64_t now_ms, int64_t lease_ms);

// Inside the caller's transaction; returns the ids that were changed (unknown or already handled ids
// are skipped).
std::vector<int64_t> mark_delivered(soci::session& sql, const std::vector<int64_t>& ids,
                                    int64_t now_ms);
std::vector<int64_t> mark_acked(soci::session& sql, const std::vector<int64_t>& ids,
                                int64_t now_ms);

inline constexpr uint32_t kDefaultNotificationBatch = 100;
inline constexpr uint32_t kMaxNotificationBatch = 10000;

}  // namespace kam::store::detail
