/* layout_events.c - pins the binary layout of kam/events.h (x86_64, LP64): every event struct, batch, results, summary and their constants, as literal
 * numbers (see abi_layout_test.c). Includes only its own header, so it also proves that the header
 * compiles on its own as C99 with -pedantic. */
#include <stdint.h>
#include <string.h>

#include "kam/events.h"
#include "layout_check.h"

void test_layout_events(void) {
    SIZE(kam_event_header, 24, 8);
    MEMBER(kam_event_header, struct_size, 0, 4);
    MEMBER(kam_event_header, kind, 4, 4);
    MEMBER(kam_event_header, event_id, 8, 8);
    MEMBER(kam_event_header, occurred_at_ms, 16, 8);

    SIZE(kam_event_account, 128, 8); /* 1.3: 104 */
    MEMBER(kam_event_account, header, 0, 24);
    MEMBER(kam_event_account, account_id, 24, 8);
    MEMBER(kam_event_account, name, 32, 8);
    MEMBER(kam_event_account, name_latin, 40, 8);
    MEMBER(kam_event_account, tax_id, 48, 8);
    MEMBER(kam_event_account, region, 56, 8);
    MEMBER(kam_event_account, industry, 64, 8);
    MEMBER(kam_event_account, account_manager_id, 72, 8);
    MEMBER(kam_event_account, distributor_id, 80, 8);
    MEMBER(kam_event_account, flags, 88, 8);
    MEMBER(kam_event_account, flag_count, 96, 4);
    MEMBER(kam_event_account, reserved0, 100, 4);
    MEMBER(kam_event_account, phones, 104, 8); /* 1.4 */
    MEMBER(kam_event_account, emails, 112, 8);
    MEMBER(kam_event_account, phone_count, 120, 4);
    MEMBER(kam_event_account, email_count, 124, 4);

    SIZE(kam_event_contact, 88, 8); /* 1.4 */
    MEMBER(kam_event_contact, header, 0, 24);
    MEMBER(kam_event_contact, contact_id, 24, 8);
    MEMBER(kam_event_contact, account_id, 32, 8);
    MEMBER(kam_event_contact, name, 40, 8);
    MEMBER(kam_event_contact, phones, 48, 8);
    MEMBER(kam_event_contact, emails, 56, 8);
    MEMBER(kam_event_contact, phone_count, 64, 4);
    MEMBER(kam_event_contact, email_count, 68, 4);
    MEMBER(kam_event_contact, role, 72, 8);
    MEMBER(kam_event_contact, flags, 80, 4);
    MEMBER(kam_event_contact, reserved0, 84, 4);

    SIZE(kam_event_order, 80, 8);
    MEMBER(kam_event_order, header, 0, 24);
    MEMBER(kam_event_order, order_id, 24, 8);
    MEMBER(kam_event_order, account_id, 32, 8);
    MEMBER(kam_event_order, amount, 40, 16);
    MEMBER(kam_event_order, margin, 56, 16);
    MEMBER(kam_event_order, document_type, 72, 4);
    MEMBER(kam_event_order, reserved0, 76, 4);

    SIZE(kam_event_order_cancel, 40, 8);
    MEMBER(kam_event_order_cancel, header, 0, 24);
    MEMBER(kam_event_order_cancel, order_id, 24, 8);
    MEMBER(kam_event_order_cancel, reason, 32, 8);

    SIZE(kam_event_complaint, 112, 8); /* 1.2: 104 */
    MEMBER(kam_event_complaint, header, 0, 24);
    MEMBER(kam_event_complaint, complaint_id, 24, 8);
    MEMBER(kam_event_complaint, account_id, 32, 8);
    MEMBER(kam_event_complaint, action, 40, 4);
    MEMBER(kam_event_complaint, severity, 44, 4);
    MEMBER(kam_event_complaint, employee_id, 48, 8);
    MEMBER(kam_event_complaint, department, 56, 8);
    MEMBER(kam_event_complaint, to_employee_id, 64, 8);
    MEMBER(kam_event_complaint, to_department, 72, 8);
    MEMBER(kam_event_complaint, channel, 80, 8);
    MEMBER(kam_event_complaint, category, 88, 8);
    MEMBER(kam_event_complaint, text, 96, 8);
    MEMBER(kam_event_complaint, response_flags, 104, 4); /* 1.3 */
    MEMBER(kam_event_complaint, reserved0, 108, 4);      /* 1.3 */

    SIZE(kam_event_service_request, 88, 8);
    MEMBER(kam_event_service_request, header, 0, 24);
    MEMBER(kam_event_service_request, request_id, 24, 8);
    MEMBER(kam_event_service_request, account_id, 32, 8);
    MEMBER(kam_event_service_request, action, 40, 4);
    MEMBER(kam_event_service_request, reserved0, 44, 4);
    MEMBER(kam_event_service_request, state, 48, 8);
    MEMBER(kam_event_service_request, employee_id, 56, 8);
    MEMBER(kam_event_service_request, assignee_id, 64, 8);
    MEMBER(kam_event_service_request, category, 72, 8);
    MEMBER(kam_event_service_request, text, 80, 8);

    SIZE(kam_event_visit, 72, 8);
    MEMBER(kam_event_visit, header, 0, 24);
    MEMBER(kam_event_visit, visit_id, 24, 8);
    MEMBER(kam_event_visit, account_id, 32, 8);
    MEMBER(kam_event_visit, employee_id, 40, 8);
    MEMBER(kam_event_visit, status, 48, 4);
    MEMBER(kam_event_visit, reserved0, 52, 4);
    MEMBER(kam_event_visit, planned_for_ms, 56, 8);
    MEMBER(kam_event_visit, notes, 64, 8);

    SIZE(kam_event_distributor, 80, 8);
    MEMBER(kam_event_distributor, header, 0, 24);
    MEMBER(kam_event_distributor, distributor_id, 24, 8);
    MEMBER(kam_event_distributor, name, 32, 8);
    MEMBER(kam_event_distributor, tax_id, 40, 8);
    MEMBER(kam_event_distributor, level, 48, 8);
    MEMBER(kam_event_distributor, territories, 56, 8);
    MEMBER(kam_event_distributor, industries, 64, 8);
    MEMBER(kam_event_distributor, territory_count, 72, 4);
    MEMBER(kam_event_distributor, industry_count, 76, 4);

    /* 1.3 */
    SIZE(kam_event_employee, 80, 8);
    MEMBER(kam_event_employee, header, 0, 24);
    MEMBER(kam_event_employee, employee_id, 24, 8);
    MEMBER(kam_event_employee, name, 32, 8);
    MEMBER(kam_event_employee, department, 40, 8);
    MEMBER(kam_event_employee, manager_id, 48, 8);
    MEMBER(kam_event_employee, calendar, 56, 8);
    MEMBER(kam_event_employee, time_zone, 64, 8);
    MEMBER(kam_event_employee, flags, 72, 4);
    MEMBER(kam_event_employee, reserved0, 76, 4);

    SIZE(kam_event_result, 256, 4);
    MEMBER(kam_event_result, struct_size, 0, 4);
    MEMBER(kam_event_result, outcome, 4, 4);
    MEMBER(kam_event_result, status, 8, 4);
    MEMBER(kam_event_result, reserved0, 12, 4);
    MEMBER(kam_event_result, message, 16, 240);

    SIZE(kam_batch, 48, 8);
    MEMBER(kam_batch, struct_size, 0, 4);
    MEMBER(kam_batch, flags, 4, 4);
    MEMBER(kam_batch, events, 8, 8);
    MEMBER(kam_batch, event_count, 16, 8);
    MEMBER(kam_batch, source, 24, 8);
    MEMBER(kam_batch, results, 32, 8);
    MEMBER(kam_batch, results_struct_size, 40, 4);
    MEMBER(kam_batch, reserved0, 44, 4);

    SIZE(kam_batch_summary, 48, 8);
    MEMBER(kam_batch_summary, struct_size, 0, 4);
    MEMBER(kam_batch_summary, reserved0, 4, 4);
    MEMBER(kam_batch_summary, accepted, 8, 8);
    MEMBER(kam_batch_summary, duplicates, 16, 8);
    MEMBER(kam_batch_summary, rejected, 24, 8);
    MEMBER(kam_batch_summary, not_applied, 32, 8);
    MEMBER(kam_batch_summary, first_rejected_index, 40, 8);

    CONSTANT(KAM_EVENT_ACCOUNT_UPSERTED, 1);
    CONSTANT(KAM_EVENT_ORDER_POSTED, 2);
    CONSTANT(KAM_EVENT_ORDER_CANCELLED, 3);
    CONSTANT(KAM_EVENT_COMPLAINT, 4);
    CONSTANT(KAM_EVENT_SERVICE_REQUEST, 5);
    CONSTANT(KAM_EVENT_VISIT, 6);
    CONSTANT(KAM_EVENT_DISTRIBUTOR_UPSERTED, 7);
    CONSTANT(KAM_EVENT_EMPLOYEE_UPSERTED, 8); /* 1.3 */
    CONSTANT(KAM_EVENT_CONTACT_UPSERTED, 9); /* 1.4 */
    CONSTANT(KAM_CONTACT_REMOVED, 1);
    CONSTANT(KAM_DOCUMENT_ORDER, 1);
    CONSTANT(KAM_DOCUMENT_INVOICE, 2);
    CONSTANT(KAM_DOCUMENT_CREDIT_NOTE, 3);
    CONSTANT(KAM_COMPLAINT_OPENED, 1);
    CONSTANT(KAM_COMPLAINT_HANDED_OFF, 2);
    CONSTANT(KAM_COMPLAINT_RESPONDED, 3);
    CONSTANT(KAM_COMPLAINT_RESOLVED, 4);
    CONSTANT(KAM_COMPLAINT_CLOSED, 5);
    CONSTANT(KAM_COMPLAINT_REOPENED, 6);
    CONSTANT(KAM_COMPLAINT_COMMENTED, 7);
    CONSTANT(KAM_COMPLAINT_WAITING_ON_CUSTOMER, 8); /* 1.3 */
    CONSTANT(KAM_COMPLAINT_CUSTOMER_REPLIED, 9);
    CONSTANT(KAM_COMPLAINT_PRIORITY_CHANGED, 10);
    CONSTANT(KAM_RESPONSE_INBOUND, 1);
    CONSTANT(KAM_RESPONSE_AUTOMATIC, 2);
    CONSTANT(KAM_RESPONSE_INTERNAL, 4);
    CONSTANT(KAM_EMPLOYEE_INACTIVE, 1);
    CONSTANT(KAM_SERVICE_OPENED, 1);
    CONSTANT(KAM_SERVICE_ASSIGNED, 2);
    CONSTANT(KAM_SERVICE_STATE_CHANGED, 3);
    CONSTANT(KAM_SERVICE_CLOSED, 4);
    CONSTANT(KAM_SERVICE_COMMENTED, 5);
    CONSTANT(KAM_VISIT_PLANNED, 1);
    CONSTANT(KAM_VISIT_COMPLETED, 2);
    CONSTANT(KAM_VISIT_CANCELLED, 3);
    CONSTANT(KAM_BATCH_ATOMIC, 0);
    CONSTANT(KAM_BATCH_SKIP_REJECTED, 1);
    CONSTANT(KAM_ITEM_ACCEPTED, 1);
    CONSTANT(KAM_ITEM_DUPLICATE, 2);
    CONSTANT(KAM_ITEM_REJECTED, 3);
    CONSTANT(KAM_ITEM_NOT_APPLIED, 4);
    SAME_TYPE(kam_event_kind, int32_t);
    SAME_TYPE(kam_document_type, int32_t);
    SAME_TYPE(kam_complaint_action, int32_t);
    SAME_TYPE(kam_service_action, int32_t);
    SAME_TYPE(kam_visit_status, int32_t);
    SAME_TYPE(kam_item_outcome, int32_t);
    /* The batch flags are unsigned, like kam_batch.flags. */
    check_value("KAM_BATCH_ATOMIC is unsigned", (long long)((KAM_BATCH_ATOMIC - 1) > 0), 1);
    check_value("KAM_BATCH_SKIP_REJECTED is unsigned", (long long)((KAM_BATCH_SKIP_REJECTED - 2) > 0), 1);
    /* 1.3: the response and employee flags are unsigned, like the members they go in. */
    check_value("KAM_RESPONSE_INBOUND is unsigned", (long long)((KAM_RESPONSE_INBOUND - 2) > 0), 1);
    check_value("KAM_RESPONSE_AUTOMATIC is unsigned", (long long)((KAM_RESPONSE_AUTOMATIC - 3) > 0), 1);
    check_value("KAM_RESPONSE_INTERNAL is unsigned", (long long)((KAM_RESPONSE_INTERNAL - 5) > 0), 1);
    check_value("KAM_EMPLOYEE_INACTIVE is unsigned", (long long)((KAM_EMPLOYEE_INACTIVE - 2) > 0), 1);
}
