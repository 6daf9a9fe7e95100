// service_repository.cpp - ServiceRepository; see service_repository.hpp. Reads run in one read
// snapshot each; the tick's writes in one write transaction.
#include "store/service/service_repository.hpp"

#include <soci/soci.h>

#include <climits>

#include "store/cursor.hpp"
#include "store/database/database.hpp"
#include "store/database/statement_cache.hpp"
#include "store/jobs/settings.hpp"
#include "store/read_snapshot.hpp"

namespace kam::store {

using detail::Cursor;

namespace {

// Rows of `where` (with $1.. params): those with a deadline by deadline, then those without; on
// statements the connection keeps under `key` (a queue is read on every screen refresh).
std::vector<ServiceCurrent> by_deadline(soci::session& sql, detail::StatementCache& statements, const std::string& key,
                                        detail::Backend backend, const std::string& where,
                                        std::vector<detail::CursorParam> params, uint32_t limit) {
  std::vector<ServiceCurrent> out;
  const std::string select = detail::service_current_select() + " WHERE " + where;
  const std::string limit_param = " LIMIT $" + std::to_string(params.size() + 1);
  params.emplace_back(int64_t{0});
  int part = 0;
  for (const char* order : {" AND deadline_ms IS NOT NULL ORDER BY deadline_ms, request_id",
                            " AND deadline_ms IS NULL ORDER BY state_entered_at_ms, request_id"}) {
    if (out.size() >= limit) break;
    params.back() = static_cast<int64_t>(limit - out.size());
    Cursor c(statements, key + "." + std::to_string(part++), sql, backend, select + order + limit_param, params);
    while (c.next()) out.push_back(detail::service_current_at(c));
  }
  return out;
}

}  // namespace

std::vector<ServiceCurrent> ServiceRepository::queue(const std::string& employee_id, uint32_t limit) {
  std::vector<ServiceCurrent> out;
  db_.with_statements("reading a service queue", [&](soci::session& sql, detail::StatementCache& statements) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    out = by_deadline(sql, statements, "service.queue", db_.backend(), "assignee = $1 AND is_open = 1", {employee_id},
                      limit);
  });
  return out;
}

std::vector<ServiceCurrent> ServiceRepository::account_requests(const std::string& account_id, bool include_closed,
                                                                uint32_t limit) {
  std::vector<ServiceCurrent> out;
  db_.with_statements("reading an account's service requests",
                      [&](soci::session& sql, detail::StatementCache& statements) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    out = by_deadline(sql, statements, "service.account_open", db_.backend(), "account_id = $1 AND is_open = 1",
                      {account_id}, limit);
    if (!include_closed) return;
    Cursor c(sql, db_.backend(),
             detail::service_current_select() +
                 " WHERE account_id = $1 AND is_open = 0 ORDER BY opened_at_ms DESC, request_id LIMIT " +
                 std::to_string(limit),
             {account_id});
    while (c.next()) out.push_back(detail::service_current_at(c));
  });
  return out;
}

ServiceRepository::AccountCounts ServiceRepository::account_counts(const std::string& account_id, int64_t now_ms) {
  AccountCounts counts;
  db_.with_session("counting an account's service requests", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(),
             "SELECT COUNT(*), COALESCE(SUM(CASE WHEN deadline_ms < $2 THEN 1 ELSE 0 END), 0) FROM service_current"
             " WHERE account_id = $1 AND is_open = 1",
             {account_id, now_ms});
    if (c.next()) counts = {c.int64_at(0), c.int64_at(1)};
  });
  return counts;
}

std::optional<ServiceRequestRecord> ServiceRepository::request(const std::string& request_id) {
  std::optional<ServiceRequestRecord> out;
  db_.with_session("reading a service request", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    auto current = detail::read_service_current(sql, db_.backend(), request_id, false);
    if (!current) return;
    ServiceRequestRecord r;
    r.current = std::move(*current);
    r.ledger = detail::read_service_ledger(sql, db_.backend(), request_id);
    Cursor c(sql, db_.backend(),
             "SELECT escalation_key, account_id, kind, state, step, due_at_ms, payload_json FROM service_escalations"
             " WHERE request_id = $1 ORDER BY due_at_ms, escalation_key",
             {request_id});
    while (c.next()) {
      ServiceNotification n;
      n.key = c.text_at(0);
      n.request_id = request_id;
      n.account_id = c.text_at(1);
      n.kind = c.text_at(2);
      n.state = c.text_at(3);
      n.step = c.text_at(4);
      n.due_at_ms = c.int64_at(5);
      n.payload_json = c.text_at(6);
      r.notifications.push_back(std::move(n));
    }
    out = std::move(r);
  });
  return out;
}

std::vector<ServiceCurrent> ServiceRepository::due(int64_t now_ms, std::optional<std::pair<int64_t, std::string>> after,
                                                   uint32_t limit) {
  std::vector<ServiceCurrent> out;
  db_.with_session("reading service requests due", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    std::string where = " WHERE next_due_ms IS NOT NULL AND next_due_ms <= $1";
    // After (due, id): $2 and $3 are bound always (a far past instant and "" select everything).
    where += " AND (next_due_ms > $2 OR (next_due_ms = $2 AND request_id > $3))";
    const int64_t after_ms = after ? after->first : INT64_MIN;
    const std::string after_id = after ? after->second : std::string();
    const std::vector<detail::CursorParam> params{now_ms, after_ms, after_id};
    Cursor c(
        sql, db_.backend(),
        detail::service_current_select() + where + " ORDER BY next_due_ms, request_id LIMIT " + std::to_string(limit),
        params);
    while (c.next()) out.push_back(detail::service_current_at(c));
  });
  return out;
}

ServiceDeadlineResult ServiceRepository::write_deadlines(const std::vector<ServiceDeadlineWrite>& writes,
                                                         int64_t now_ms, const std::string& completes_job) {
  ServiceDeadlineResult result;
  db_.write_transaction("writing service deadlines", [&](soci::session& sql) {
    result = {};
    for (const ServiceDeadlineWrite& w : writes) {
      for (const ServiceNotification& n : w.notifications)
        if (detail::write_service_notification(sql, db_.backend(), n, now_ms)) ++result.notifications;
      // The ledger moved on meanwhile (a step, or another host's tick): its writer recomputed the row.
      if (!detail::replace_service_current_if(sql, db_.backend(), w.current, w.expected_last_seq)) continue;
      detail::append_service_entries(sql, db_.backend(), w.request_id, w.entries);
      if (!w.entries.empty()) ++result.auto_transitions;
    }
    if (!completes_job.empty()) detail::record_job_run(sql, completes_job, now_ms);
  });
  return result;
}

std::vector<ServiceStay> ServiceRepository::stays(int64_t from_ms, int64_t to_ms) {
  std::vector<ServiceStay> out;
  db_.with_session("reading service state stays", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(),
             "SELECT l.request_id, c.tier, c.pool, c.workflow, l.kind, l.state, l.at_ms, l.deadline_ms"
             " FROM service_ledger l JOIN service_current c ON c.request_id = l.request_id"
             " WHERE c.opened_at_ms >= $1 AND c.opened_at_ms < $2 AND l.kind IN ('state_entered', 'closed')"
             " ORDER BY l.request_id, l.seq",
             {from_ms, to_ms});
    while (c.next()) {
      const std::string id(c.text_at(0));
      // A stay ends at the next state entry or the close of the same request.
      if (!out.empty() && out.back().request_id == id && !out.back().left_at_ms) out.back().left_at_ms = c.int64_at(6);
      if (c.text_at(4) != "state_entered") continue;
      ServiceStay s;
      s.request_id = id;
      s.tier = c.text_at(1);
      s.pool = c.text_at(2);
      s.workflow = c.text_at(3);
      s.state = c.text_at(5);
      s.entered_at_ms = c.int64_at(6);
      if (!c.null_at(7)) s.deadline_ms = c.int64_at(7);
      out.push_back(std::move(s));
    }
  });
  return out;
}

std::optional<std::pair<std::string, std::string>> ServiceRepository::account(const std::string& account_id) {
  std::optional<std::pair<std::string, std::string>> out;
  db_.with_session("reading an account", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(), "SELECT name, account_manager_id FROM accounts WHERE account_id = $1", {account_id});
    if (c.next()) out = std::make_pair(std::string(c.text_at(0)), std::string(c.text_at(1)));
  });
  return out;
}

}  // namespace kam::store
