// event_writer_lifecycles.cpp - EventWriter for complaints and service requests: every step is kept
// as an event row, and folded into the current-state row (owner, status, assignee, times).
#include "store/event_writer.hpp"

#include "core/lifecycle/lifecycle.hpp"
#include "store/event_writer_support.hpp"

namespace kam::store::detail {

using soci::use;

namespace lc = core::lifecycle;

namespace {

// The SET clause of a time column a step changes, binding `at` when it is set to the step's instant.
void set_time(std::string& text, StatementBuilder& b, lc::TimeChange change, const char* column,
              int64_t& at) {
  if (change == lc::TimeChange::keep) return;
  text += std::string(", ") + column + " = ";
  if (change == lc::TimeChange::clear) {
    text += "NULL";
  } else {
    text += std::string(":") + column;
    b.bind(at, column);
  }
}

}  // namespace

// --- complaints ------------------------------------------------------------------------------------

// One statement per action: what it changes depends on the action only (lifecycle.hpp).
soci::statement& EventWriter::complaint_update(int32_t action) {
  auto& slot = complaint_updates_.at(static_cast<size_t>(action));
  if (slot) return *slot;
  const lc::ComplaintChange change = lc::complaint_change(static_cast<core::ComplaintAction>(action));
  std::string text =
      "UPDATE complaints SET last_event_id = :last_event_id,"
      " last_event_at_ms = CASE WHEN :event_at_ms > last_event_at_ms THEN :event_at_ms_value"
      " ELSE last_event_at_ms END,"
      " severity = CASE WHEN :severity > 0 THEN :severity_value ELSE severity END,"
      " category = CASE WHEN :category <> '' THEN :category_value ELSE category END";
  StatementBuilder b(sql_);
  b.bind(event_id_, "last_event_id")
      .bind(at_ms_, "event_at_ms")
      .bind(at_ms_, "event_at_ms_value")
      .bind(c_severity_, "severity")
      .bind(c_severity_, "severity_value")
      .bind(c_category_, "category")
      .bind(c_category_, "category_value");
  if (change.handed_off) {
    text += ", current_employee_id = :to_employee_id, current_department = :to_department,"
            " handoff_count = handoff_count + 1";
    b.bind(c_to_employee_, "to_employee_id").bind(c_to_department_, "to_department");
  }
  if (change.responded) {
    text += ", first_response_at_ms = CASE WHEN first_response_at_ms IS NULL"
            " OR first_response_at_ms > :responded_at_ms THEN :responded_at_ms_value"
            " ELSE first_response_at_ms END";
    b.bind(at_ms_, "responded_at_ms").bind(at_ms_, "responded_at_ms_value");
  }
  if (change.status) {
    text += ", status = :status";
    b.bind(c_next_state_, "status");
  }
  if (change.reopened) text += ", reopen_count = reopen_count + 1";
  set_time(text, b, change.resolved_at, "resolved_at_ms", at_ms_);
  set_time(text, b, change.closed_at, "closed_at_ms", at_ms_);
  text += " WHERE complaint_id = :complaint_id";
  b.bind(c_id_, "complaint_id");
  slot.emplace(b.done(text));
  return *slot;
}

ItemResult EventWriter::store(const core::ComplaintEvent& c) {
  c_id_ = c.complaint_id;
  c_account_ = c.account_id;
  c_action_ = c.action;
  c_severity_ = c.severity;
  c_employee_ = c.employee_id;
  c_department_ = c.department;
  c_to_employee_ = c.to_employee_id;
  c_to_department_ = c.to_department;
  c_channel_ = c.channel;
  c_category_ = c.category;
  c_text_ = c.text;

  if (c.action == static_cast<int32_t>(core::ComplaintAction::opened)) {
    if (!complaint_open_) {
      complaint_open_.emplace(
          (sql_.prepare << "INSERT INTO complaints (complaint_id, account_id, owner_employee_id,"
                           " owner_department, current_employee_id, current_department, severity,"
                           " channel, category, status, opened_at_ms, last_event_at_ms,"
                           " opened_event_id, last_event_id) VALUES (:complaint_id, :account_id,"
                           " :owner_employee_id, :owner_department, :current_employee_id,"
                           " :current_department, :severity, :channel, :category, :status,"
                           " :opened_at_ms, :last_event_at_ms, :opened_event_id, :last_event_id)"
                           " ON CONFLICT (complaint_id) DO NOTHING",
           use(c_id_, "complaint_id"), use(c_account_, "account_id"),
           use(c_employee_, "owner_employee_id"), use(c_department_, "owner_department"),
           use(c_employee_, "current_employee_id"), use(c_department_, "current_department"),
           use(c_severity_, "severity"), use(c_channel_, "channel"), use(c_category_, "category"),
           use(c_next_state_, "status"), use(at_ms_, "opened_at_ms"), use(at_ms_, "last_event_at_ms"),
           use(event_id_, "opened_event_id"), use(event_id_, "last_event_id")));
    }
    c_next_state_ = lc::complaint_status_name(lc::kOpenedComplaint);
    complaint_open_->execute(true);
    if (complaint_open_->get_affected_rows() != 1) {
      if (!complaint_opener_) {
        complaint_opener_.emplace(
            (sql_.prepare << "SELECT opened_event_id FROM complaints"
                             " WHERE complaint_id = :complaint_id",
             soci::into(found_text_, found_ind_), use(c_id_, "complaint_id")));
      }
      complaint_opener_->execute(true);
      return rejected_item(Status::conflict, "complaint '" + c.complaint_id +
                                            "' was already opened by event '" + found_text_ + "'");
    }
  } else {
    const lc::ComplaintChange change = lc::complaint_change(static_cast<core::ComplaintAction>(c.action));
    if (change.status) c_next_state_ = lc::complaint_status_name(*change.status);
    soci::statement& update = complaint_update(c.action);
    update.execute(true);
    if (update.get_affected_rows() != 1)
      return unknown_item("complaint", c.complaint_id, "OPENED event");
  }

  if (!complaint_event_) {
    complaint_event_.emplace(
        (sql_.prepare << "INSERT INTO complaint_events (event_id, complaint_id, account_id,"
                         " action, severity, employee_id, department, to_employee_id,"
                         " to_department, channel, category, text, occurred_at_ms,"
                         " received_at_ms) VALUES (:event_id, :complaint_id, :account_id,"
                         " :action, :severity, :employee_id, :department, :to_employee_id,"
                         " :to_department, :channel, :category, :text, :occurred_at_ms,"
                         " :received_at_ms)",
         use(event_id_, "event_id"), use(c_id_, "complaint_id"), use(c_account_, "account_id"),
         use(c_action_, "action"), use(c_severity_, "severity"), use(c_employee_, "employee_id"),
         use(c_department_, "department"), use(c_to_employee_, "to_employee_id"),
         use(c_to_department_, "to_department"), use(c_channel_, "channel"),
         use(c_category_, "category"), use(c_text_, "text"), use(at_ms_, "occurred_at_ms"),
         use(received_at_ms_, "received_at_ms")));
  }
  complaint_event_->execute(true);
  return accepted_item();
}

// --- service requests ------------------------------------------------------------------------------

soci::statement& EventWriter::service_update(int32_t action) {
  auto& slot = service_updates_.at(static_cast<size_t>(action));
  if (slot) return *slot;
  const lc::ServiceChange change = lc::service_change(static_cast<core::ServiceAction>(action), {});
  std::string text =
      "UPDATE service_requests SET last_event_id = :last_event_id,"
      " last_event_at_ms = CASE WHEN :event_at_ms > last_event_at_ms THEN :event_at_ms_value"
      " ELSE last_event_at_ms END,"
      " category = CASE WHEN :category <> '' THEN :category_value ELSE category END";
  StatementBuilder b(sql_);
  b.bind(event_id_, "last_event_id")
      .bind(at_ms_, "event_at_ms")
      .bind(at_ms_, "event_at_ms_value")
      .bind(c_category_, "category")
      .bind(c_category_, "category_value");
  if (change.assigned) {
    text += ", assignee_id = :assignee_id";
    b.bind(c_assignee_, "assignee_id");
  }
  if (change.state) {
    text += ", state = :state";
    b.bind(c_next_state_, "state");
  }
  set_time(text, b, change.closed_at, "closed_at_ms", at_ms_);
  text += " WHERE request_id = :request_id";
  b.bind(c_id_, "request_id");
  slot.emplace(b.done(text));
  return *slot;
}

ItemResult EventWriter::store(const core::ServiceRequestEvent& s) {
  c_id_ = s.request_id;
  c_account_ = s.account_id;
  c_action_ = s.action;
  c_state_ = s.state;
  c_employee_ = s.employee_id;
  c_assignee_ = s.assignee_id;
  c_category_ = s.category;
  c_text_ = s.text;

  if (s.action == static_cast<int32_t>(core::ServiceAction::opened)) {
    if (!service_open_) {
      service_open_.emplace(
          (sql_.prepare << "INSERT INTO service_requests (request_id, account_id,"
                           " opened_by_employee_id, assignee_id, state, category, opened_at_ms,"
                           " last_event_at_ms, opened_event_id, last_event_id) VALUES"
                           " (:request_id, :account_id, :opened_by_employee_id, :assignee_id,"
                           " :state, :category, :opened_at_ms, :last_event_at_ms,"
                           " :opened_event_id, :last_event_id)"
                           " ON CONFLICT (request_id) DO NOTHING",
           use(c_id_, "request_id"), use(c_account_, "account_id"),
           use(c_employee_, "opened_by_employee_id"), use(c_assignee_, "assignee_id"),
           use(c_next_state_, "state"), use(c_category_, "category"), use(at_ms_, "opened_at_ms"),
           use(at_ms_, "last_event_at_ms"), use(event_id_, "opened_event_id"),
           use(event_id_, "last_event_id")));
    }
    c_next_state_ = lc::opened_service_state(s.state);
    service_open_->execute(true);
    if (service_open_->get_affected_rows() != 1) {
      if (!service_opener_) {
        service_opener_.emplace(
            (sql_.prepare << "SELECT opened_event_id FROM service_requests"
                             " WHERE request_id = :request_id",
             soci::into(found_text_, found_ind_), use(c_id_, "request_id")));
      }
      service_opener_->execute(true);
      return rejected_item(Status::conflict, "service request '" + s.request_id +
                                            "' was already opened by event '" + found_text_ + "'");
    }
  } else {
    const lc::ServiceChange change = lc::service_change(static_cast<core::ServiceAction>(s.action), s.state);
    if (change.state) c_next_state_ = *change.state;
    soci::statement& update = service_update(s.action);
    update.execute(true);
    if (update.get_affected_rows() != 1)
      return unknown_item("service request", s.request_id, "OPENED event");
  }

  if (!service_event_) {
    service_event_.emplace(
        (sql_.prepare << "INSERT INTO service_request_events (event_id, request_id, account_id,"
                         " action, state, employee_id, assignee_id, category, text,"
                         " occurred_at_ms, received_at_ms) VALUES (:event_id, :request_id,"
                         " :account_id, :action, :state, :employee_id, :assignee_id, :category,"
                         " :text, :occurred_at_ms, :received_at_ms)",
         use(event_id_, "event_id"), use(c_id_, "request_id"), use(c_account_, "account_id"),
         use(c_action_, "action"), use(c_state_, "state"), use(c_employee_, "employee_id"),
         use(c_assignee_, "assignee_id"), use(c_category_, "category"), use(c_text_, "text"),
         use(at_ms_, "occurred_at_ms"), use(received_at_ms_, "received_at_ms")));
  }
  service_event_->execute(true);
  return accepted_item();
}

// --- employees (1.3) -------------------------------------------------------------------------------

// Until the complaint tables (schema v4) exist, an employee record is refused as not applied, so
// nothing is lost: the host sends it again once the plugin stores it.
ItemResult EventWriter::store(const core::EmployeeEvent& e) {
  return rejected_item(Status::unsupported, "employee '" + e.employee_id + "': employee records are not stored by "
                                            "this build yet; send it again after the upgrade");
}

}  // namespace kam::store::detail
