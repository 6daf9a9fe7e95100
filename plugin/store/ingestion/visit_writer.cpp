// visit_writer.cpp - VisitWriter: one prepared upsert and one event insert per batch, and the visit
// plan's last visit (1.4).
#include "store/ingestion/visit_writer.hpp"

#include "core/lifecycle/lifecycle.hpp"
#include "store/cursor.hpp"
#include "store/ingestion/writer_support.hpp"

namespace kam::store::detail {

using soci::use;

VisitWriter::VisitWriter(WriteContext& context) : ctx_(context) {}
VisitWriter::~VisitWriter() = default;

ItemResult VisitWriter::write(const core::VisitEvent& v) {
  if (!ctx_.accounts.exists(v.account_id)) return unknown_item("account", v.account_id, "account_upserted");
  if (!upsert_) {
    // The times the event records (core/lifecycle) are kept; the status follows the newest event.
    upsert_.emplace(
        (ctx_.sql.prepare
             << "INSERT INTO visits (visit_id, account_id, employee_id, status, planned_for_ms,"
                " completed_at_ms, cancelled_at_ms, notes, updated_at_ms, last_event_id)"
                " VALUES (:visit_id, :account_id, :employee_id, :status, :planned_for_ms,"
                " :completed_at_ms, :cancelled_at_ms, :notes, :updated_at_ms, :last_event_id)"
                " ON CONFLICT (visit_id) DO UPDATE SET"
                " planned_for_ms = COALESCE(excluded.planned_for_ms, visits.planned_for_ms),"
                " completed_at_ms = COALESCE(excluded.completed_at_ms, visits.completed_at_ms),"
                " cancelled_at_ms = COALESCE(excluded.cancelled_at_ms, visits.cancelled_at_ms),"
                " notes = CASE WHEN excluded.notes <> '' THEN excluded.notes ELSE visits.notes END,"
                " employee_id = CASE WHEN excluded.updated_at_ms >= visits.updated_at_ms"
                " THEN excluded.employee_id ELSE visits.employee_id END,"
                " status = CASE WHEN excluded.updated_at_ms >= visits.updated_at_ms"
                " THEN excluded.status ELSE visits.status END,"
                " last_event_id = CASE WHEN excluded.updated_at_ms >= visits.updated_at_ms"
                " THEN excluded.last_event_id ELSE visits.last_event_id END,"
                " updated_at_ms = CASE WHEN excluded.updated_at_ms >= visits.updated_at_ms"
                " THEN excluded.updated_at_ms ELSE visits.updated_at_ms END",
         use(id_, "visit_id"), use(account_, "account_id"), use(employee_, "employee_id"),
         use(status_, "status"), use(planned_, planned_ind_, "planned_for_ms"),
         use(completed_, completed_ind_, "completed_at_ms"),
         use(cancelled_, cancelled_ind_, "cancelled_at_ms"), use(notes_, "notes"),
         use(ctx_.at_ms, "updated_at_ms"), use(ctx_.event_id, "last_event_id")));
  }
  id_ = v.visit_id;
  account_ = v.account_id;
  employee_ = v.employee_id;
  status_ = v.status;
  notes_ = v.notes;
  planned_as_sent_ = v.planned_for_ms;
  const core::lifecycle::VisitChange change =
      core::lifecycle::visit_change(static_cast<core::VisitStatus>(v.status), v.planned_for_ms, ctx_.at_ms);
  const auto bind_time = [](const std::optional<int64_t>& t, int64_t& value, soci::indicator& ind) {
    value = t.value_or(0);
    ind = t ? soci::i_ok : soci::i_null;
  };
  bind_time(change.planned_for_ms, planned_, planned_ind_);
  bind_time(change.completed_at_ms, completed_, completed_ind_);
  bind_time(change.cancelled_at_ms, cancelled_, cancelled_ind_);
  upsert_->execute(true);

  if (!event_) {
    event_.emplace(
        (ctx_.sql.prepare << "INSERT INTO visit_events (event_id, visit_id, account_id, employee_id,"
                             " status, planned_for_ms, notes, occurred_at_ms, received_at_ms) VALUES"
                             " (:event_id, :visit_id, :account_id, :employee_id, :status,"
                             " :planned_for_ms, :notes, :occurred_at_ms, :received_at_ms)",
         use(ctx_.event_id, "event_id"), use(id_, "visit_id"), use(account_, "account_id"),
         use(employee_, "employee_id"), use(status_, "status"),
         use(planned_as_sent_, "planned_for_ms"), use(notes_, "notes"),
         use(ctx_.at_ms, "occurred_at_ms"), use(ctx_.received_at_ms, "received_at_ms")));
  }
  event_->execute(true);
  // 1.4: a completed visit is the plan's newest visit unless a later one is stored; the plan is
  // recomputed at the next visit check (check_at_ms 0), which needs the tier's cadence and the zone.
  if (change.completed_at_ms) {
    if (!plan_)
      plan_ = std::make_unique<RepeatedWrite>(
          ctx_.sql, ctx_.backend,
          "INSERT INTO visit_plans (account_id, anchor_ms, last_visit_ms, check_at_ms, updated_at_ms)"
          " VALUES ($1, $2, $2, 0, $3) ON CONFLICT (account_id) DO UPDATE SET"
          " last_visit_ms = CASE WHEN visit_plans.last_visit_ms IS NULL OR visit_plans.last_visit_ms <"
          " excluded.last_visit_ms THEN excluded.last_visit_ms ELSE visit_plans.last_visit_ms END,"
          " check_at_ms = 0, updated_at_ms = excluded.updated_at_ms");
    plan_->run({v.account_id, *change.completed_at_ms, ctx_.received_at_ms});
  }
  return accepted_item();
}

}  // namespace kam::store::detail
