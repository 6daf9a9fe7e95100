// outbox_sql.cpp - the outbox's statements on an open session: enqueue, pending, claim, mark.
#include "store/outbox/outbox_sql.hpp"

#include <algorithm>
#include <string>

namespace kam::store::detail {
namespace {

constexpr const char* kColumns =
    "id, kind, kind_name, account_id, created_at_ms, payload_json";

int clamp_max(uint32_t max) {
  return static_cast<int>(max == 0 ? kDefaultNotificationBatch
                                   : std::min(max, kMaxNotificationBatch));
}

// Runs a prepared statement whose result has kColumns and collects the rows.
std::vector<Notification> fetch_all(soci::statement& st, Notification& row) {
  std::vector<Notification> out;
  if (!st.execute(true)) return out;
  do {
    out.push_back(row);
  } while (st.fetch());
  return out;
}

#define KAM_INTO_NOTIFICATION(row)                                                    \
  soci::into((row).id), soci::into((row).kind), soci::into((row).kind_name),          \
      soci::into((row).account_id), soci::into((row).created_at_ms),                   \
      soci::into((row).payload_json)

std::vector<int64_t> update_each(soci::session& sql, const char* text,
                                 const std::vector<int64_t>& ids, int64_t now_ms) {
  std::vector<int64_t> changed;
  if (ids.empty()) return changed;
  int64_t id = 0, now = now_ms;
  soci::statement st = (sql.prepare << text, soci::use(now, "now_ms"), soci::use(id, "id"));
  for (int64_t each : ids) {
    id = each;
    st.execute(true);
    if (st.get_affected_rows() > 0) changed.push_back(each);
  }
  return changed;
}

}  // namespace

int64_t enqueue_notification(soci::session& sql, const Notification& n) {
  int64_t id = 0;
  int32_t kind = n.kind;
  std::string kind_name = n.kind_name, account_id = n.account_id,
              payload = n.payload_json.empty() ? "{}" : n.payload_json;
  int64_t created_at_ms = n.created_at_ms;
  sql << "INSERT INTO notifications (kind, kind_name, account_id, created_at_ms, payload_json)"
         " VALUES (:kind, :kind_name, :account_id, :created_at_ms, :payload_json) RETURNING id",
      soci::use(kind, "kind"), soci::use(kind_name, "kind_name"),
      soci::use(account_id, "account_id"), soci::use(created_at_ms, "created_at_ms"),
      soci::use(payload, "payload_json"), soci::into(id);
  return id;
}

std::vector<Notification> pending_notifications(soci::session& sql, uint32_t max) {
  int limit = clamp_max(max);
  Notification row;
  soci::statement st =
      (sql.prepare << std::string("SELECT ") + kColumns +
                          " FROM notifications WHERE delivered_at_ms IS NULL AND acked_at_ms IS NULL"
                          " ORDER BY id LIMIT :row_limit",
       KAM_INTO_NOTIFICATION(row), soci::use(limit, "row_limit"));
  return fetch_all(st, row);
}

std::vector<Notification> claim_notifications(soci::session& sql, Backend backend, uint32_t max,
                                              int64_t now_ms, int64_t lease_ms) {
  int limit = clamp_max(max);
  int64_t now = now_ms, until = now_ms + std::max<int64_t>(lease_ms, 0);
  Notification row;
  // One statement: pick the oldest claimable rows and extend their claim. On PostgreSQL, rows another
  // transaction is claiming are skipped instead of waited for, so two hosts never get the same row.
  std::string text =
      std::string("UPDATE notifications SET claimed_until_ms = :until_ms WHERE id IN (") +
      "SELECT id FROM notifications WHERE delivered_at_ms IS NULL AND acked_at_ms IS NULL"
      " AND claimed_until_ms <= :now_ms ORDER BY id LIMIT :row_limit" +
      (backend == Backend::postgresql ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING " +
      kColumns;
  soci::statement st = (sql.prepare << text, KAM_INTO_NOTIFICATION(row),
                        soci::use(until, "until_ms"), soci::use(now, "now_ms"),
                        soci::use(limit, "row_limit"));
  auto out = fetch_all(st, row);
  // RETURNING does not promise an order.
  std::sort(out.begin(), out.end(),
            [](const Notification& a, const Notification& b) { return a.id < b.id; });
  return out;
}

std::vector<int64_t> mark_delivered(soci::session& sql, const std::vector<int64_t>& ids,
                                    int64_t now_ms) {
  return update_each(sql,
                     "UPDATE notifications SET delivered_at_ms = :now_ms"
                     " WHERE id = :id AND delivered_at_ms IS NULL AND acked_at_ms IS NULL",
                     ids, now_ms);
}

std::vector<int64_t> mark_acked(soci::session& sql, const std::vector<int64_t>& ids,
                                int64_t now_ms) {
  return update_each(sql,
                     "UPDATE notifications SET acked_at_ms = :now_ms"
                     " WHERE id = :id AND delivered_at_ms IS NULL AND acked_at_ms IS NULL",
                     ids, now_ms);
}

}  // namespace kam::store::detail
