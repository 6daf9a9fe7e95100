// lifecycle_test.cpp - today's lifecycle rules of stored complaints, service requests and visits
// (core/lifecycle): what each step changes. The store persisting them is tests/store/lifecycle_test.cpp.
#include "core/lifecycle/lifecycle.hpp"

#include <gtest/gtest.h>

namespace kam::core::lifecycle {
namespace {

TEST(StoredLifecycle, ComplaintStepsChangeStatusAndTimes) {
  EXPECT_STREQ(complaint_status_name(kOpenedComplaint), "open");

  const ComplaintChange resolved = complaint_change(ComplaintAction::resolved);
  ASSERT_TRUE(resolved.status);
  EXPECT_STREQ(complaint_status_name(*resolved.status), "resolved");
  EXPECT_EQ(resolved.resolved_at, TimeChange::set_to_step);
  EXPECT_EQ(resolved.closed_at, TimeChange::keep);

  const ComplaintChange closed = complaint_change(ComplaintAction::closed);
  EXPECT_STREQ(complaint_status_name(*closed.status), "closed");
  EXPECT_EQ(closed.closed_at, TimeChange::set_to_step);
  EXPECT_EQ(closed.resolved_at, TimeChange::keep);

  const ComplaintChange reopened = complaint_change(ComplaintAction::reopened);
  EXPECT_STREQ(complaint_status_name(*reopened.status), "open");
  EXPECT_TRUE(reopened.reopened);
  EXPECT_EQ(reopened.resolved_at, TimeChange::clear);
  EXPECT_EQ(reopened.closed_at, TimeChange::clear);
}

TEST(StoredLifecycle, ComplaintStepsThatKeepTheStatus) {
  const ComplaintChange handed = complaint_change(ComplaintAction::handed_off);
  EXPECT_TRUE(handed.handed_off);
  EXPECT_FALSE(handed.status);
  EXPECT_TRUE(complaint_change(ComplaintAction::responded).responded);
  const ComplaintChange comment = complaint_change(ComplaintAction::commented);
  EXPECT_FALSE(comment.status || comment.handed_off || comment.responded || comment.reopened);
  EXPECT_EQ(comment.resolved_at, TimeChange::keep);
  EXPECT_EQ(comment.closed_at, TimeChange::keep);
}

TEST(StoredLifecycle, ServiceRequestStates) {
  EXPECT_EQ(opened_service_state(""), "open");
  EXPECT_EQ(opened_service_state("triage"), "triage");

  const ServiceChange changed = service_change(ServiceAction::state_changed, "waiting");
  EXPECT_EQ(changed.state, "waiting");
  EXPECT_EQ(changed.closed_at, TimeChange::clear);  // a closed request is open again

  const ServiceChange closed = service_change(ServiceAction::closed, "ignored");
  EXPECT_EQ(closed.state, "closed");
  EXPECT_EQ(closed.closed_at, TimeChange::set_to_step);

  const ServiceChange assigned = service_change(ServiceAction::assigned, "");
  EXPECT_TRUE(assigned.assigned);
  EXPECT_FALSE(assigned.state);
  EXPECT_FALSE(service_change(ServiceAction::commented, "x").state);
}

TEST(StoredLifecycle, VisitEventsRecordTheirOwnTime) {
  const VisitChange planned = visit_change(VisitStatus::planned, 5000, 100);
  EXPECT_EQ(planned.planned_for_ms, 5000);
  EXPECT_FALSE(planned.completed_at_ms || planned.cancelled_at_ms);
  EXPECT_FALSE(visit_change(VisitStatus::planned, 0, 100).planned_for_ms);

  const VisitChange completed = visit_change(VisitStatus::completed, 5000, 100);
  EXPECT_EQ(completed.completed_at_ms, 100);
  EXPECT_FALSE(completed.planned_for_ms || completed.cancelled_at_ms);

  const VisitChange cancelled = visit_change(VisitStatus::cancelled, 0, 200);
  EXPECT_EQ(cancelled.cancelled_at_ms, 200);
  EXPECT_FALSE(cancelled.planned_for_ms || cancelled.completed_at_ms);
}

TEST(EventCodes, RawCodesOutsideTheEnumsAreNotCodes) {
  EXPECT_TRUE((is_code<ComplaintAction, ComplaintAction::priority_changed>(10)));
  EXPECT_FALSE((is_code<ComplaintAction, ComplaintAction::priority_changed>(11)));
  EXPECT_FALSE((is_code<VisitStatus, VisitStatus::cancelled>(0)));
  EXPECT_TRUE((is_code<DocumentType, DocumentType::credit_note>(3)));
}

}  // namespace
}  // namespace kam::core::lifecycle
