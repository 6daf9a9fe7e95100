// service_request_writer.cpp - ServiceRequestWriter: every step is kept as a service_request_events
// row and folded into the request's current row (assignee, state, times).
#include "store/ingestion/service_request_writer.hpp"

#include "core/lifecycle/lifecycle.hpp"
#include "store/ingestion/writer_support.hpp"

namespace kam::store::detail {

using soci::use;

namespace lc = core::lifecycle;

soci::statement& ServiceRequestWriter::update(int32_t action) {
  auto& slot = updates_.at(static_cast<size_t>(action));
  if (slot) return *slot;
  const lc::ServiceChange change = lc::service_change(static_cast<core::ServiceAction>(action), {});
  std::string text =
      "UPDATE service_requests SET last_event_id = :last_event_id,"
      " last_event_at_ms = CASE WHEN :event_at_ms > last_event_at_ms THEN :event_at_ms_value"
      " ELSE last_event_at_ms END,"
      " category = CASE WHEN :category <> '' THEN :category_value ELSE category END";
  StatementBuilder b(ctx_.sql);
  b.bind(ctx_.event_id, "last_event_id")
      .bind(ctx_.at_ms, "event_at_ms")
      .bind(ctx_.at_ms, "event_at_ms_value")
      .bind(category_, "category")
      .bind(category_, "category_value");
  if (change.assigned) {
    text += ", assignee_id = :assignee_id";
    b.bind(assignee_, "assignee_id");
  }
  if (change.state) {
    text += ", state = :state";
    b.bind(next_state_, "state");
  }
  set_time(text, b, change.closed_at, "closed_at_ms", ctx_.at_ms);
  text += " WHERE request_id = :request_id";
  b.bind(id_, "request_id");
  slot.emplace(b.done(text));
  return *slot;
}

ItemResult ServiceRequestWriter::write(const core::ServiceRequestEvent& s) {
  id_ = s.request_id;
  account_ = s.account_id;
  action_ = s.action;
  state_ = s.state;
  employee_ = s.employee_id;
  assignee_ = s.assignee_id;
  category_ = s.category;
  text_ = s.text;
  // The workflow's verdict first: a refused step leaves nothing behind.
  if (auto refused = workflow_.prepare(s)) return *refused;

  if (s.action == static_cast<int32_t>(core::ServiceAction::opened)) {
    if (!open_) {
      open_.emplace(
          (ctx_.sql.prepare << "INSERT INTO service_requests (request_id, account_id,"
                               " opened_by_employee_id, assignee_id, state, category, opened_at_ms,"
                               " last_event_at_ms, opened_event_id, last_event_id) VALUES"
                               " (:request_id, :account_id, :opened_by_employee_id, :assignee_id,"
                               " :state, :category, :opened_at_ms, :last_event_at_ms,"
                               " :opened_event_id, :last_event_id)"
                               " ON CONFLICT (request_id) DO NOTHING",
           use(id_, "request_id"), use(account_, "account_id"),
           use(employee_, "opened_by_employee_id"), use(assignee_, "assignee_id"),
           use(next_state_, "state"), use(category_, "category"), use(ctx_.at_ms, "opened_at_ms"),
           use(ctx_.at_ms, "last_event_at_ms"), use(ctx_.event_id, "opened_event_id"),
           use(ctx_.event_id, "last_event_id")));
    }
    next_state_ = lc::opened_service_state(s.state);
    // Routed into a workflow: the v1 row shows whom routing chose and the initial state.
    if (workflow_.planned() && assignee_.empty()) assignee_ = workflow_.assignee();
    if (workflow_.planned()) next_state_ = workflow_.state();
    open_->execute(true);
    if (open_->get_affected_rows() != 1) return opened_by_.conflict(ctx_.sql, s.request_id);
  } else {
    const lc::ServiceChange change = lc::service_change(static_cast<core::ServiceAction>(s.action), s.state);
    if (change.state) next_state_ = *change.state;
    soci::statement& step = update(s.action);
    step.execute(true);
    if (step.get_affected_rows() != 1)
      return unknown_item("service request", s.request_id, "OPENED event");
  }

  if (!event_) {
    event_.emplace(
        (ctx_.sql.prepare << "INSERT INTO service_request_events (event_id, request_id, account_id,"
                             " action, state, employee_id, assignee_id, category, text,"
                             " occurred_at_ms, received_at_ms) VALUES (:event_id, :request_id,"
                             " :account_id, :action, :state, :employee_id, :assignee_id, :category,"
                             " :text, :occurred_at_ms, :received_at_ms)",
         use(ctx_.event_id, "event_id"), use(id_, "request_id"), use(account_, "account_id"),
         use(action_, "action"), use(state_, "state"), use(employee_, "employee_id"),
         use(assignee_, "assignee_id"), use(category_, "category"), use(text_, "text"),
         use(ctx_.at_ms, "occurred_at_ms"), use(ctx_.received_at_ms, "received_at_ms")));
  }
  event_->execute(true);
  workflow_.write();
  return accepted_item();
}

}  // namespace kam::store::detail
