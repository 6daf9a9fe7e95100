// visits_repository.cpp - VisitsRepository on the shared Database; see visits_repository.hpp. Reads
// run in one read snapshot each; writes in one write transaction.
#include "store/visits/visits_repository.hpp"

#include <soci/soci.h>

#include "store/cursor.hpp"
#include "store/database/database.hpp"
#include "store/jobs/settings.hpp"
#include "store/outbox/outbox_sql.hpp"
#include "store/read_snapshot.hpp"

namespace kam::store {

using detail::Cursor;
using detail::CursorParam;
using detail::RepeatedWrite;
using detail::WriteParam;

namespace {

constexpr int32_t kNotifyVisitDue = 5;  // KAM_NOTIFY_VISIT_DUE
constexpr int32_t kLevelDue = 1, kLevelOverdue = 2;

constexpr const char* kPlanColumns =
    "SELECT v.account_id, COALESCE(a.name, ''), COALESCE(a.account_manager_id, ''), COALESCE(m.name, ''),"
    " COALESCE(m.manager_id, ''), v.tier, v.cadence_days, v.anchor_ms, v.last_visit_ms, v.next_due_ms,"
    " v.check_at_ms, v.due_date, v.due_anchor_ms, v.notified_level"
    " FROM visit_plans v LEFT JOIN accounts a ON a.account_id = v.account_id"
    " LEFT JOIN employees m ON m.employee_id = a.account_manager_id";

StoredVisitPlan plan_at(const Cursor& c) {
  StoredVisitPlan p;
  p.account_id = std::string(c.text_at(0));
  p.account_name = std::string(c.text_at(1));
  p.manager_id = std::string(c.text_at(2));
  p.manager_name = std::string(c.text_at(3));
  p.managers_manager_id = std::string(c.text_at(4));
  p.tier = std::string(c.text_at(5));
  p.cadence_days = static_cast<int32_t>(c.int64_at(6));
  p.anchor_ms = c.int64_at(7);
  p.last_visit_ms = detail::optional_int64_at(c, 8);
  p.next_due_ms = detail::optional_int64_at(c, 9);
  p.check_at_ms = detail::optional_int64_at(c, 10);
  p.due_date = std::string(c.text_at(11));
  p.due_anchor_ms = detail::optional_int64_at(c, 12);
  p.notified_level = static_cast<int32_t>(c.int64_at(13));
  return p;
}

}  // namespace

int64_t VisitsRepository::align_with_tiers(const std::map<std::string, int32_t>& cadence_by_tier, int64_t now_ms) {
  // The cadence of tier_state's effective tier, as a CASE over the config's tiers (bound values).
  std::vector<WriteParam> params{now_ms};
  std::string cadence = "CASE t.effective_tier";
  for (const auto& [tier, days] : cadence_by_tier) {
    params.emplace_back(tier);
    params.emplace_back(int64_t{days});
    cadence += " WHEN CAST($" + std::to_string(params.size() - 1) + " AS TEXT) THEN CAST($" +
               std::to_string(params.size()) + " AS INTEGER)";
  }
  cadence += cadence_by_tier.empty() ? " WHEN '' THEN 0 ELSE 0 END" : " ELSE 0 END";
  // A new plan starts from the account's first tier entry (its first evaluation) and takes the
  // last completed visit stored; a changed one keeps its anchor and last visit (an upgrade brings the due date forward).
  const std::string statement =
      "INSERT INTO visit_plans (account_id, tier, cadence_days, anchor_ms, last_visit_ms, check_at_ms, updated_at_ms)"
      " SELECT t.account_id, t.effective_tier, " + cadence + ","
      " COALESCE((SELECT MIN(h.since_ms) FROM tier_history h WHERE h.account_id = t.account_id), t.since_ms),"
      " (SELECT MAX(x.completed_at_ms) FROM visits x WHERE x.account_id = t.account_id AND x.completed_at_ms IS NOT NULL),"
      " 0, $1 FROM tier_state t LEFT JOIN visit_plans v ON v.account_id = t.account_id"
      " WHERE v.account_id IS NULL OR v.tier <> t.effective_tier OR v.cadence_days <> " + cadence +
      " ON CONFLICT (account_id) DO UPDATE SET tier = excluded.tier, cadence_days = excluded.cadence_days,"
      " check_at_ms = 0, updated_at_ms = excluded.updated_at_ms";
  int64_t changed = 0;
  db_.write_transaction("aligning visit plans with the tiers", [&](soci::session& sql) {
    changed = RepeatedWrite(sql, db_.backend(), statement).run(params);
  });
  return changed;
}

std::vector<StoredVisitPlan> VisitsRepository::to_check(int64_t now_ms,
                                                        const std::optional<std::pair<int64_t, std::string>>& after,
                                                        uint32_t limit) {
  std::vector<StoredVisitPlan> out;
  db_.with_session("reading the visit plans to check", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    std::string query = std::string(kPlanColumns) + " WHERE v.check_at_ms IS NOT NULL AND v.check_at_ms <= $1";
    std::vector<CursorParam> params{now_ms};
    if (after) {
      query += " AND (v.check_at_ms > $2 OR (v.check_at_ms = $2 AND v.account_id > $3))";
      params.emplace_back(after->first);
      params.emplace_back(after->second);
    }
    query += " ORDER BY v.check_at_ms, v.account_id LIMIT " + std::to_string(limit);
    Cursor c(sql, db_.backend(), query, params);
    while (c.next()) out.push_back(plan_at(c));
  });
  return out;
}

VisitWriteResult VisitsRepository::write_checks(const std::vector<VisitPlanWrite>& writes, int64_t now_ms,
                                                const std::string& completes_job) {
  VisitWriteResult result;
  db_.write_transaction("writing visit plan checks", [&](soci::session& sql) {
    result = {};
    RepeatedWrite claim(sql, db_.backend(),
                        "INSERT INTO visit_alerts (alert_key, account_id, due_date, level, due_ms, tier, manager_id,"
                        " created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (alert_key) DO NOTHING");
    RepeatedWrite link(sql, db_.backend(), "UPDATE visit_alerts SET notification_id = $1 WHERE alert_key = $2");
    // Only if the inputs the check read are unchanged: a visit ingested meanwhile set check_at_ms 0
    // and moved last_visit_ms, and the next check computes the plan again.
    RepeatedWrite plan(sql, db_.backend(),
                       "UPDATE visit_plans SET next_due_ms = $1, check_at_ms = $2, due_date = $3, due_anchor_ms = $4,"
                       " notified_level = $5, updated_at_ms = $6 WHERE account_id = $7 AND tier = $8"
                       " AND cadence_days = $9 AND COALESCE(last_visit_ms, -1) = $10");
    for (const VisitPlanWrite& w : writes) {
      if (plan.run({detail::optional_param(w.next_due_ms), detail::optional_param(w.check_at_ms), w.due_date, detail::optional_param(w.due_anchor_ms),
                    int64_t{w.notified_level}, now_ms, w.account_id, w.expected_tier, int64_t{w.expected_cadence},
                    w.expected_last_visit_ms.value_or(-1)}) == 0)
        continue;  // moved since it was read: its alerts are decided at the next check
      for (const VisitAlertWrite& a : w.alerts) {
        if (claim.run({a.key, a.account_id, a.due_date, int64_t{a.level}, a.due_ms, a.tier, a.manager_id, now_ms}) ==
            0) {
          ++result.already_written;  // written before, by this host or another
          continue;
        }
        if (a.level != kLevelDue && a.level != kLevelOverdue) continue;  // an outcome: no notification
        Notification n;
        n.kind = kNotifyVisitDue;
        n.kind_name = "visit_due";
        n.account_id = a.account_id;
        n.created_at_ms = now_ms;
        n.payload_json = a.payload_json;
        link.run({detail::enqueue_notification(sql, n), a.key});
        ++(a.level == kLevelDue ? result.due : result.overdue);
      }
    }
    if (!completes_job.empty()) detail::record_job_run(sql, completes_job, now_ms);
  });
  return result;
}

std::vector<StoredVisitPlan> VisitsRepository::due(const VisitDueScan& scan) {
  std::vector<StoredVisitPlan> out;
  db_.with_session("reading visits due", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    std::string query = std::string(kPlanColumns) + " WHERE v.next_due_ms IS NOT NULL AND v.next_due_ms < $1";
    std::vector<CursorParam> params{scan.until_ms};
    if (!scan.manager_id.empty()) {
      params.emplace_back(scan.manager_id);
      query += " AND a.account_manager_id = $" + std::to_string(params.size());
    }
    if (scan.after) {
      params.emplace_back(scan.after->first);
      params.emplace_back(scan.after->second);
      const std::string due = "$" + std::to_string(params.size() - 1), id = "$" + std::to_string(params.size());
      query += " AND (v.next_due_ms > " + due + " OR (v.next_due_ms = " + due + " AND v.account_id > " + id + "))";
    }
    query += " ORDER BY v.next_due_ms, v.account_id LIMIT " + std::to_string(scan.limit);
    Cursor c(sql, db_.backend(), query, params);
    while (c.next()) out.push_back(plan_at(c));
  });
  return out;
}

std::optional<StoredVisitPlan> VisitsRepository::plan(const std::string& account_id) {
  std::optional<StoredVisitPlan> out;
  db_.with_session("reading a visit plan", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(), std::string(kPlanColumns) + " WHERE v.account_id = $1", {account_id});
    if (c.next()) out = plan_at(c);
  });
  return out;
}

bool VisitsRepository::account_exists(const std::string& account_id) {
  bool found = false;
  db_.with_session("looking up an account", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(), "SELECT 1 FROM accounts WHERE account_id = $1", {account_id});
    found = c.next();
  });
  return found;
}

std::vector<StoredVisit> VisitsRepository::history(const std::string& account_id, uint32_t limit) {
  std::vector<StoredVisit> out;
  db_.with_session("reading an account's visits", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(),
             "SELECT visit_id, employee_id, notes, status, planned_for_ms, completed_at_ms, cancelled_at_ms FROM visits"
             " WHERE account_id = $1 ORDER BY COALESCE(completed_at_ms, planned_for_ms, cancelled_at_ms, updated_at_ms)"
             " DESC, visit_id LIMIT " + std::to_string(limit),
             {account_id});
    while (c.next()) {
      StoredVisit v;
      v.visit_id = std::string(c.text_at(0));
      v.employee_id = std::string(c.text_at(1));
      v.notes = std::string(c.text_at(2));
      v.status = static_cast<int32_t>(c.int64_at(3));
      v.planned_for_ms = detail::optional_int64_at(c, 4);
      v.completed_at_ms = detail::optional_int64_at(c, 5);
      v.cancelled_at_ms = detail::optional_int64_at(c, 6);
      out.push_back(std::move(v));
    }
  });
  return out;
}

std::vector<StoredVisitAlert> VisitsRepository::alerts(int64_t from_ms, int64_t to_ms) {
  std::vector<StoredVisitAlert> out;
  db_.with_session("reading visit alerts", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(),
             "SELECT account_id, due_date, tier, manager_id, level, due_ms FROM visit_alerts"
             " WHERE due_ms >= $1 AND due_ms < $2 ORDER BY account_id, due_date, level",
             {from_ms, to_ms});
    while (c.next()) {
      StoredVisitAlert a;
      a.account_id = std::string(c.text_at(0));
      a.due_date = std::string(c.text_at(1));
      a.tier = std::string(c.text_at(2));
      a.manager_id = std::string(c.text_at(3));
      a.level = static_cast<int32_t>(c.int64_at(4));
      a.due_ms = c.int64_at(5);
      out.push_back(std::move(a));
    }
  });
  return out;
}

std::vector<std::pair<std::string, int64_t>> VisitsRepository::completed(int64_t from_ms, int64_t to_ms) {
  std::vector<std::pair<std::string, int64_t>> out;
  db_.with_session("reading completed visits", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(),
             "SELECT account_id, completed_at_ms FROM visits WHERE completed_at_ms >= $1 AND completed_at_ms < $2",
             {from_ms, to_ms});
    while (c.next()) out.emplace_back(std::string(c.text_at(0)), c.int64_at(1));
  });
  return out;
}

}  // namespace kam::store
