// service_rows.cpp - the session-level service rows of service_rows.hpp.
#include "store/service/service_rows.hpp"

#include <soci/soci.h>

#include "store/cursor.hpp"
#include "store/outbox/outbox_sql.hpp"

namespace kam::store::detail {
namespace {

constexpr int32_t kNotifyServiceDeadline = 7, kNotifyServiceUnrouted = 8;  // KAM_NOTIFY_*

constexpr const char* kCurrentColumns =
    "request_id, account_id, tier, workflow, state, is_open, assignee, pool, routed_by, opened_at_ms,"
    " state_entered_at_ms, state_seq, deadline_ms, next_due_ms, closed_at_ms, last_seq";


std::vector<WriteParam> params_of(const ServiceCurrent& r) {
  return {r.request_id,
          r.account_id,
          r.tier,
          r.workflow,
          r.state,
          int64_t{r.open ? 1 : 0},
          r.assignee,
          r.pool,
          r.routed_by,
          r.opened_at_ms,
          r.state_entered_at_ms,
          int64_t{r.state_seq},
          optional_param(r.deadline_ms),
          optional_param(r.next_due_ms),
          optional_param(r.closed_at_ms),
          int64_t{r.last_seq}};
}

}  // namespace

ServiceCurrent service_current_at(const Cursor& c) {
  ServiceCurrent r;
  r.request_id = c.text_at(0);
  r.account_id = c.text_at(1);
  r.tier = c.text_at(2);
  r.workflow = c.text_at(3);
  r.state = c.text_at(4);
  r.open = c.int64_at(5) != 0;
  r.assignee = c.text_at(6);
  r.pool = c.text_at(7);
  r.routed_by = c.text_at(8);
  r.opened_at_ms = c.int64_at(9);
  r.state_entered_at_ms = c.int64_at(10);
  r.state_seq = static_cast<int32_t>(c.int64_at(11));
  r.deadline_ms = optional_int64_at(c, 12);
  r.next_due_ms = optional_int64_at(c, 13);
  r.closed_at_ms = optional_int64_at(c, 14);
  r.last_seq = static_cast<int32_t>(c.int64_at(15));
  return r;
}

std::string service_current_select() { return std::string("SELECT ") + kCurrentColumns + " FROM service_current"; }

std::optional<ServiceCurrent> read_service_current(soci::session& sql, Backend backend, const std::string& request_id,
                                                   bool lock) {
  std::string query = service_current_select() + " WHERE request_id = $1";
  if (lock && backend == Backend::postgresql) query += " FOR UPDATE";
  Cursor c(sql, backend, query, {request_id});
  if (!c.next()) return std::nullopt;
  return service_current_at(c);
}

void write_service_current(soci::session& sql, Backend backend, const ServiceCurrent& row) {
  RepeatedWrite w(sql, backend,
                  std::string("INSERT INTO service_current (") + kCurrentColumns +
                      ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
                      " ON CONFLICT (request_id) DO UPDATE SET account_id = excluded.account_id, tier = excluded.tier,"
                      " workflow = excluded.workflow, state = excluded.state, is_open = excluded.is_open,"
                      " assignee = excluded.assignee, pool = excluded.pool, routed_by = excluded.routed_by,"
                      " opened_at_ms = excluded.opened_at_ms, state_entered_at_ms = excluded.state_entered_at_ms,"
                      " state_seq = excluded.state_seq, deadline_ms = excluded.deadline_ms,"
                      " next_due_ms = excluded.next_due_ms, closed_at_ms = excluded.closed_at_ms,"
                      " last_seq = excluded.last_seq");
  w.run(params_of(row));
}

bool replace_service_current_if(soci::session& sql, Backend backend, const ServiceCurrent& row,
                                int32_t expected_last_seq) {
  RepeatedWrite w(sql, backend,
                  "UPDATE service_current SET state = $2, is_open = $3, assignee = $4, state_entered_at_ms = $5,"
                  " state_seq = $6, deadline_ms = $7, next_due_ms = $8, closed_at_ms = $9, last_seq = $10"
                  " WHERE request_id = $1 AND last_seq = $11");
  return w.run({row.request_id, row.state, int64_t{row.open ? 1 : 0}, row.assignee, row.state_entered_at_ms,
                int64_t{row.state_seq}, optional_param(row.deadline_ms), optional_param(row.next_due_ms), optional_param(row.closed_at_ms),
                int64_t{row.last_seq}, int64_t{expected_last_seq}}) == 1;
}

void append_service_entries(soci::session& sql, Backend backend, const std::string& request_id,
                            const std::vector<ServiceEntry>& entries) {
  if (entries.empty()) return;
  RepeatedWrite w(sql, backend,
                  "INSERT INTO service_ledger (request_id, seq, at_ms, kind, who, state, assignee, deadline_ms,"
                  " event_id, details_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
  for (const ServiceEntry& e : entries)
    w.run({request_id, int64_t{e.seq}, e.at_ms, e.kind, e.who, e.state, e.assignee, optional_param(e.deadline_ms), e.event_id,
           e.details_json});
}

std::vector<ServiceEntry> read_service_ledger(soci::session& sql, Backend backend, const std::string& request_id) {
  std::vector<ServiceEntry> out;
  Cursor c(sql, backend,
           "SELECT seq, at_ms, kind, who, state, assignee, deadline_ms, event_id, details_json FROM service_ledger"
           " WHERE request_id = $1 ORDER BY seq",
           {request_id});
  while (c.next()) {
    ServiceEntry e;
    e.seq = static_cast<int32_t>(c.int64_at(0));
    e.at_ms = c.int64_at(1);
    e.kind = c.text_at(2);
    e.who = c.text_at(3);
    e.state = c.text_at(4);
    e.assignee = c.text_at(5);
    e.deadline_ms = optional_int64_at(c, 6);
    e.event_id = c.text_at(7);
    e.details_json = c.text_at(8);
    out.push_back(std::move(e));
  }
  return out;
}

std::map<std::string, int64_t> open_request_counts(soci::session& sql, Backend backend,
                                                   const std::vector<std::string>& employees) {
  std::map<std::string, int64_t> out;
  for (const std::string& e : employees) {  // one index range each (service_current_queue)
    Cursor c(sql, backend, "SELECT COUNT(*) FROM service_current WHERE assignee = $1 AND is_open = 1", {e});
    if (c.next() && c.int64_at(0) > 0) out[e] = c.int64_at(0);
  }
  return out;
}

int64_t take_pool_turn(soci::session& sql, Backend backend, const std::string& pool) {
  RepeatedWrite bump(sql, backend,
                     "INSERT INTO service_pool_turns (pool, routed) VALUES ($1, 1)"
                     " ON CONFLICT (pool) DO UPDATE SET routed = service_pool_turns.routed + 1");
  bump.run({pool});
  Cursor c(sql, backend, "SELECT routed FROM service_pool_turns WHERE pool = $1", {pool});
  return c.next() ? c.int64_at(0) - 1 : 0;
}

bool write_service_notification(soci::session& sql, Backend backend, const ServiceNotification& n, int64_t now_ms) {
  RepeatedWrite claim(sql, backend,
                      "INSERT INTO service_escalations (escalation_key, request_id, account_id, kind, state, step,"
                      " due_at_ms, created_at_ms, notification_id, payload_json) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                      " $8, 0, $9) ON CONFLICT (escalation_key) DO NOTHING");
  if (claim.run({n.key, n.request_id, n.account_id, n.kind, n.state, n.step, n.due_at_ms, now_ms, n.payload_json}) == 0)
    return false;
  Notification out;
  const bool unrouted = n.kind == "unrouted";
  out.kind = unrouted ? kNotifyServiceUnrouted : kNotifyServiceDeadline;
  out.kind_name = unrouted ? "service_unrouted" : "service_deadline";
  out.account_id = n.account_id;
  out.created_at_ms = now_ms;
  out.payload_json = n.payload_json;
  RepeatedWrite link(sql, backend, "UPDATE service_escalations SET notification_id = $1 WHERE escalation_key = $2");
  link.run({enqueue_notification(sql, out), n.key});
  return true;
}

}  // namespace kam::store::detail
