// complaint_writer.cpp - ComplaintWriter: every step is kept as a complaint_events row and folded
// into the complaint's current row (owner, current holder, status, first response, times).
#include "store/ingestion/complaint_writer.hpp"

#include "core/lifecycle/lifecycle.hpp"
#include "store/ingestion/writer_support.hpp"

namespace kam::store::detail {

using soci::use;

namespace lc = core::lifecycle;

// One statement per action: what it changes depends on the action only (lifecycle.hpp).
soci::statement& ComplaintWriter::update(int32_t action) {
  auto& slot = updates_.at(static_cast<size_t>(action));
  if (slot) return *slot;
  const lc::ComplaintChange change = lc::complaint_change(static_cast<core::ComplaintAction>(action));
  std::string text =
      "UPDATE complaints SET last_event_id = :last_event_id,"
      " last_event_at_ms = CASE WHEN :event_at_ms > last_event_at_ms THEN :event_at_ms_value"
      " ELSE last_event_at_ms END,"
      " severity = CASE WHEN :severity > 0 THEN :severity_value ELSE severity END,"
      " category = CASE WHEN :category <> '' THEN :category_value ELSE category END";
  StatementBuilder b(ctx_.sql);
  b.bind(ctx_.event_id, "last_event_id")
      .bind(ctx_.at_ms, "event_at_ms")
      .bind(ctx_.at_ms, "event_at_ms_value")
      .bind(severity_, "severity")
      .bind(severity_, "severity_value")
      .bind(category_, "category")
      .bind(category_, "category_value");
  if (change.handed_off) {
    text += ", current_employee_id = :to_employee_id, current_department = :to_department,"
            " handoff_count = handoff_count + 1";
    b.bind(to_employee_, "to_employee_id").bind(to_department_, "to_department");
  }
  if (change.responded) {
    text += ", first_response_at_ms = CASE WHEN first_response_at_ms IS NULL"
            " OR first_response_at_ms > :responded_at_ms THEN :responded_at_ms_value"
            " ELSE first_response_at_ms END";
    b.bind(ctx_.at_ms, "responded_at_ms").bind(ctx_.at_ms, "responded_at_ms_value");
  }
  if (change.status) {
    text += ", status = :status";
    b.bind(next_state_, "status");
  }
  if (change.reopened) text += ", reopen_count = reopen_count + 1";
  set_time(text, b, change.resolved_at, "resolved_at_ms", ctx_.at_ms);
  set_time(text, b, change.closed_at, "closed_at_ms", ctx_.at_ms);
  text += " WHERE complaint_id = :complaint_id";
  b.bind(id_, "complaint_id");
  slot.emplace(b.done(text));
  return *slot;
}

ItemResult ComplaintWriter::write(const core::ComplaintEvent& c) {
  id_ = c.complaint_id;
  account_ = c.account_id;
  action_ = c.action;
  severity_ = c.severity;
  employee_ = c.employee_id;
  department_ = c.department;
  to_employee_ = c.to_employee_id;
  to_department_ = c.to_department;
  channel_ = c.channel;
  category_ = c.category;
  text_ = c.text;

  if (c.action == static_cast<int32_t>(core::ComplaintAction::opened)) {
    if (!open_) {
      open_.emplace(
          (ctx_.sql.prepare << "INSERT INTO complaints (complaint_id, account_id, owner_employee_id,"
                               " owner_department, current_employee_id, current_department, severity,"
                               " channel, category, status, opened_at_ms, last_event_at_ms,"
                               " opened_event_id, last_event_id) VALUES (:complaint_id, :account_id,"
                               " :owner_employee_id, :owner_department, :current_employee_id,"
                               " :current_department, :severity, :channel, :category, :status,"
                               " :opened_at_ms, :last_event_at_ms, :opened_event_id, :last_event_id)"
                               " ON CONFLICT (complaint_id) DO NOTHING",
           use(id_, "complaint_id"), use(account_, "account_id"),
           use(employee_, "owner_employee_id"), use(department_, "owner_department"),
           use(employee_, "current_employee_id"), use(department_, "current_department"),
           use(severity_, "severity"), use(channel_, "channel"), use(category_, "category"),
           use(next_state_, "status"), use(ctx_.at_ms, "opened_at_ms"), use(ctx_.at_ms, "last_event_at_ms"),
           use(ctx_.event_id, "opened_event_id"), use(ctx_.event_id, "last_event_id")));
    }
    next_state_ = lc::complaint_status_name(lc::kOpenedComplaint);
    open_->execute(true);
    if (open_->get_affected_rows() != 1) return opened_by_.conflict(ctx_.sql, c.complaint_id);
  } else {
    const lc::ComplaintChange change = lc::complaint_change(static_cast<core::ComplaintAction>(c.action));
    if (change.status) next_state_ = lc::complaint_status_name(*change.status);
    soci::statement& step = update(c.action);
    step.execute(true);
    if (step.get_affected_rows() != 1)
      return unknown_item("complaint", c.complaint_id, "OPENED event");
  }

  if (!event_) {
    event_.emplace(
        (ctx_.sql.prepare << "INSERT INTO complaint_events (event_id, complaint_id, account_id,"
                             " action, severity, employee_id, department, to_employee_id,"
                             " to_department, channel, category, text, occurred_at_ms,"
                             " received_at_ms) VALUES (:event_id, :complaint_id, :account_id,"
                             " :action, :severity, :employee_id, :department, :to_employee_id,"
                             " :to_department, :channel, :category, :text, :occurred_at_ms,"
                             " :received_at_ms)",
         use(ctx_.event_id, "event_id"), use(id_, "complaint_id"), use(account_, "account_id"),
         use(action_, "action"), use(severity_, "severity"), use(employee_, "employee_id"),
         use(department_, "department"), use(to_employee_, "to_employee_id"),
         use(to_department_, "to_department"), use(channel_, "channel"),
         use(category_, "category"), use(text_, "text"), use(ctx_.at_ms, "occurred_at_ms"),
         use(ctx_.received_at_ms, "received_at_ms")));
  }
  event_->execute(true);
  return accepted_item();
}

}  // namespace kam::store::detail
