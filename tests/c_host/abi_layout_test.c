/* abi_layout_test.c - pins the binary layout of kam.h (x86_64, LP64).
 *
 * Every public struct's size and alignment, the offset and size of every member, the value of every
 * public constant, the width and signedness of every typedef, and the signature of every function in
 * the table, written as literal numbers and types. A change to any of them fails this test (or its
 * compilation, for types and signatures): the ABI is a promise to ERPs already built against it.
 * If a change is intended (a member appended in a new minor), update the numbers here in the same
 * change, and say so in the review.
 *
 * C99, compiled with -std=c99 -pedantic -Wall -Wextra -Werror. Generated once from the header, then
 * kept by hand.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kam/kam.h"

static int passed = 0;
static int failed = 0;

static void check_value(const char *what, long long actual, long long expected) {
    if (actual == expected) {
        ++passed;
    } else {
        ++failed;
        printf("FAIL %s: is %lld, expected %lld\n", what, actual, expected);
    }
}

/* Alignment without C11's _Alignof. */
#define ALIGNOF(type) offsetof(struct { char c; type t; }, t)
#define SIZE(type, size, align)                                      \
    check_value("sizeof(" #type ")", (long long)sizeof(type), size); \
    check_value("alignof(" #type ")", (long long)ALIGNOF(type), align)
#define MEMBER(type, member, offset, size)                                                    \
    check_value("offsetof(" #type ", " #member ")", (long long)offsetof(type, member), offset); \
    check_value("sizeof(" #type "." #member ")", (long long)sizeof(((type *)0)->member), size)
#define CONSTANT(name, value) check_value(#name, (long long)(name), value)
/* The typedef is exactly this type: a pointer conversion between different types is a diagnostic
 * (an error under -Werror), so a changed typedef fails to compile. */
#define SAME_TYPE(typedef_name, type)                            \
    do {                                                         \
        type same_type_probe_ = 0;                               \
        typedef_name *same_type_ptr_ = &same_type_probe_;        \
        check_value("typedef " #typedef_name " is " #type,       \
                    (long long)(sizeof *same_type_ptr_), (long long)sizeof(type)); \
    } while (0)

static void test_structs(void) {
    SIZE(kam_money, 16, 8);
    MEMBER(kam_money, minor_units, 0, 8);
    MEMBER(kam_money, currency, 8, 4);
    MEMBER(kam_money, reserved0, 12, 4);

    SIZE(kam_buffer, 32, 8);
    MEMBER(kam_buffer, struct_size, 0, 4);
    MEMBER(kam_buffer, reserved0, 4, 4);
    MEMBER(kam_buffer, data, 8, 8);
    MEMBER(kam_buffer, length, 16, 8);
    MEMBER(kam_buffer, internal, 24, 8);

    SIZE(kam_actor, 24, 8);
    MEMBER(kam_actor, struct_size, 0, 4);
    MEMBER(kam_actor, role_count, 4, 4);
    MEMBER(kam_actor, user_id, 8, 8);
    MEMBER(kam_actor, roles, 16, 8);

    SIZE(kam_config_source, 32, 8);
    MEMBER(kam_config_source, struct_size, 0, 4);
    MEMBER(kam_config_source, reserved0, 4, 4);
    MEMBER(kam_config_source, path, 8, 8);
    MEMBER(kam_config_source, text, 16, 8);
    MEMBER(kam_config_source, name, 24, 8);

    SIZE(kam_notification, 48, 8);
    MEMBER(kam_notification, struct_size, 0, 4);
    MEMBER(kam_notification, kind, 4, 4);
    MEMBER(kam_notification, id, 8, 8);
    MEMBER(kam_notification, created_at_ms, 16, 8);
    MEMBER(kam_notification, kind_name, 24, 8);
    MEMBER(kam_notification, account_id, 32, 8);
    MEMBER(kam_notification, payload_json, 40, 8);

    SIZE(kam_host, 40, 8);
    MEMBER(kam_host, struct_size, 0, 4);
    MEMBER(kam_host, reserved0, 4, 4);
    MEMBER(kam_host, host_data, 8, 8);
    MEMBER(kam_host, log, 16, 8);
    MEMBER(kam_host, notify, 24, 8);
    MEMBER(kam_host, now_ms, 32, 8);

    SIZE(kam_instance_options, 24, 8);
    MEMBER(kam_instance_options, struct_size, 0, 4);
    MEMBER(kam_instance_options, flags, 4, 4);
    MEMBER(kam_instance_options, config, 8, 8);
    MEMBER(kam_instance_options, host, 16, 8);

    SIZE(kam_event_header, 24, 8);
    MEMBER(kam_event_header, struct_size, 0, 4);
    MEMBER(kam_event_header, kind, 4, 4);
    MEMBER(kam_event_header, event_id, 8, 8);
    MEMBER(kam_event_header, occurred_at_ms, 16, 8);

    SIZE(kam_event_account, 104, 8);
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

    SIZE(kam_event_complaint, 104, 8);
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

    SIZE(kam_audit_query, 56, 8);
    MEMBER(kam_audit_query, struct_size, 0, 4);
    MEMBER(kam_audit_query, limit, 4, 4);
    MEMBER(kam_audit_query, since_ms, 8, 8);
    MEMBER(kam_audit_query, until_ms, 16, 8);
    MEMBER(kam_audit_query, user_id, 24, 8);
    MEMBER(kam_audit_query, entity_type, 32, 8);
    MEMBER(kam_audit_query, entity_id, 40, 8);
    MEMBER(kam_audit_query, before_id, 48, 8);

    /* 1.1: account tiers */
    SIZE(kam_tier_evaluation, 32, 8);
    MEMBER(kam_tier_evaluation, struct_size, 0, 4);
    MEMBER(kam_tier_evaluation, flags, 4, 4);
    MEMBER(kam_tier_evaluation, account_id, 8, 8);
    MEMBER(kam_tier_evaluation, progress, 16, 8);
    MEMBER(kam_tier_evaluation, progress_data, 24, 8);

    SIZE(kam_tier_evaluation_summary, 96, 8);
    MEMBER(kam_tier_evaluation_summary, struct_size, 0, 4);
    MEMBER(kam_tier_evaluation_summary, reserved0, 4, 4);
    MEMBER(kam_tier_evaluation_summary, accounts, 8, 8);
    MEMBER(kam_tier_evaluation_summary, initial, 16, 8);
    MEMBER(kam_tier_evaluation_summary, upgraded, 24, 8);
    MEMBER(kam_tier_evaluation_summary, downgraded, 32, 8);
    MEMBER(kam_tier_evaluation_summary, downgrades_pending, 40, 8);
    MEMBER(kam_tier_evaluation_summary, churn_alerts, 48, 8);
    MEMBER(kam_tier_evaluation_summary, notifications, 56, 8);
    MEMBER(kam_tier_evaluation_summary, skipped, 64, 8);
    MEMBER(kam_tier_evaluation_summary, evaluated_at_ms, 72, 8);
    MEMBER(kam_tier_evaluation_summary, duration_ms, 80, 8);
    MEMBER(kam_tier_evaluation_summary, missing_rates, 88, 8); /* 1.2 */

    /* Frozen at the 1.1 layout (embedded in kam_tick_result): these numbers never change, and its
     * members sit where kam_tier_evaluation_summary's first members do. */
    SIZE(kam_tier_evaluation_summary_1_1, 88, 8);
    MEMBER(kam_tier_evaluation_summary_1_1, struct_size, 0, 4);
    MEMBER(kam_tier_evaluation_summary_1_1, reserved0, 4, 4);
    MEMBER(kam_tier_evaluation_summary_1_1, accounts, 8, 8);
    MEMBER(kam_tier_evaluation_summary_1_1, initial, 16, 8);
    MEMBER(kam_tier_evaluation_summary_1_1, upgraded, 24, 8);
    MEMBER(kam_tier_evaluation_summary_1_1, downgraded, 32, 8);
    MEMBER(kam_tier_evaluation_summary_1_1, downgrades_pending, 40, 8);
    MEMBER(kam_tier_evaluation_summary_1_1, churn_alerts, 48, 8);
    MEMBER(kam_tier_evaluation_summary_1_1, notifications, 56, 8);
    MEMBER(kam_tier_evaluation_summary_1_1, skipped, 64, 8);
    MEMBER(kam_tier_evaluation_summary_1_1, evaluated_at_ms, 72, 8);
    MEMBER(kam_tier_evaluation_summary_1_1, duration_ms, 80, 8);

    SIZE(kam_tier_override, 40, 8);
    MEMBER(kam_tier_override, struct_size, 0, 4);
    MEMBER(kam_tier_override, reserved0, 4, 4);
    MEMBER(kam_tier_override, account_id, 8, 8);
    MEMBER(kam_tier_override, tier, 16, 8);
    MEMBER(kam_tier_override, reason, 24, 8);
    MEMBER(kam_tier_override, expires_at_ms, 32, 8);

    SIZE(kam_tick_result, 104, 8);
    MEMBER(kam_tick_result, struct_size, 0, 4);
    MEMBER(kam_tick_result, tier_evaluation_ran, 4, 4);
    MEMBER(kam_tick_result, tiers, 8, 88);
    MEMBER(kam_tick_result, tier_missing_rates, 96, 8); /* 1.2 */
    /* The embedded summary is the frozen type: were it the growable one, this fails to compile. */
    {
        kam_tick_result tick_probe_;
        kam_tier_evaluation_summary_1_1 *frozen_ = &tick_probe_.tiers;
        check_value("kam_tick_result.tiers is kam_tier_evaluation_summary_1_1",
                    (long long)sizeof *frozen_, 88);
    }

    SIZE(kam_api_v1, 192, 8);
    MEMBER(kam_api_v1, struct_size, 0, 4);
    MEMBER(kam_api_v1, abi_major, 4, 4);
    MEMBER(kam_api_v1, abi_minor, 8, 4);
    MEMBER(kam_api_v1, reserved0, 12, 4);
    MEMBER(kam_api_v1, plugin_version, 16, 8);
    MEMBER(kam_api_v1, last_error_message, 24, 8);
    MEMBER(kam_api_v1, status_name, 32, 8);
    MEMBER(kam_api_v1, get_extension, 40, 8);
    MEMBER(kam_api_v1, buffer_free, 48, 8);
    MEMBER(kam_api_v1, config_check, 56, 8);
    MEMBER(kam_api_v1, instance_create, 64, 8);
    MEMBER(kam_api_v1, instance_destroy, 72, 8);
    MEMBER(kam_api_v1, config_reload, 80, 8);
    MEMBER(kam_api_v1, instance_info, 88, 8);
    MEMBER(kam_api_v1, ingest, 96, 8);
    MEMBER(kam_api_v1, notifications_poll, 104, 8);
    MEMBER(kam_api_v1, notifications_ack, 112, 8);
    MEMBER(kam_api_v1, notifications_deliver, 120, 8);
    MEMBER(kam_api_v1, audit_query, 128, 8);
    /* 1.1 */
    MEMBER(kam_api_v1, tiers_evaluate, 136, 8);
    MEMBER(kam_api_v1, account_card, 144, 8);
    MEMBER(kam_api_v1, tier_override_set, 152, 8);
    MEMBER(kam_api_v1, tier_override_clear, 160, 8);
    MEMBER(kam_api_v1, report_pareto, 168, 8);
    MEMBER(kam_api_v1, tick, 176, 8);

    /* 1.2 */
    SIZE(kam_tier_list_query, 24, 8);
    MEMBER(kam_tier_list_query, struct_size, 0, 4);
    MEMBER(kam_tier_list_query, limit, 4, 4);
    MEMBER(kam_tier_list_query, tier, 8, 8);
    MEMBER(kam_tier_list_query, after_account_id, 16, 8);
    MEMBER(kam_api_v1, tiers_list, 184, 8);
    /* end 1.2 */
}

static void test_constants(void) {
    CONSTANT(KAM_ABI_VERSION_MAJOR, 1);
    CONSTANT(KAM_ABI_VERSION_MINOR, 2);
    check_value("KAM_ENTRY_SYMBOL is \"kam_get_api\"", strcmp(KAM_ENTRY_SYMBOL, "kam_get_api"), 0);
    CONSTANT(KAM_OK, 0);
    CONSTANT(KAM_ERR_INVALID_ARGUMENT, 1);
    CONSTANT(KAM_ERR_VERSION, 2);
    CONSTANT(KAM_ERR_CONFIG, 3);
    CONSTANT(KAM_ERR_STORE, 4);
    CONSTANT(KAM_ERR_NOT_FOUND, 5);
    CONSTANT(KAM_ERR_CONFLICT, 6);
    CONSTANT(KAM_ERR_PERMISSION, 7);
    CONSTANT(KAM_ERR_BATCH_REJECTED, 8);
    CONSTANT(KAM_ERR_SCHEMA_TOO_NEW, 9);
    CONSTANT(KAM_ERR_UNSUPPORTED, 10);
    CONSTANT(KAM_ERR_BUSY, 11);
    CONSTANT(KAM_ERR_OUT_OF_MEMORY, 12);
    CONSTANT(KAM_ERR_INTERNAL, 13);
    CONSTANT(KAM_LOG_DEBUG, 10);
    CONSTANT(KAM_LOG_INFO, 20);
    CONSTANT(KAM_LOG_WARNING, 30);
    CONSTANT(KAM_LOG_ERROR, 40);
    CONSTANT(KAM_NOTIFY_TIER_CHANGED, 1);
    CONSTANT(KAM_NOTIFY_SLA_WARNING, 2);
    CONSTANT(KAM_NOTIFY_SLA_BREACH, 3);
    CONSTANT(KAM_NOTIFY_CHANNEL_CONFLICT, 4);
    CONSTANT(KAM_NOTIFY_VISIT_DUE, 5);
    CONSTANT(KAM_NOTIFY_CHURN_RISK, 6);
    CONSTANT(KAM_EVENT_ACCOUNT_UPSERTED, 1);
    CONSTANT(KAM_EVENT_ORDER_POSTED, 2);
    CONSTANT(KAM_EVENT_ORDER_CANCELLED, 3);
    CONSTANT(KAM_EVENT_COMPLAINT, 4);
    CONSTANT(KAM_EVENT_SERVICE_REQUEST, 5);
    CONSTANT(KAM_EVENT_VISIT, 6);
    CONSTANT(KAM_EVENT_DISTRIBUTOR_UPSERTED, 7);
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
    CONSTANT(KAM_EVALUATE_DRY_RUN, 1);
}

/* Every enumeration-like typedef is a fixed-width int32_t (rule: no enum-typed fields). */
static void test_typedefs(void) {
    SAME_TYPE(kam_status, int32_t);
    SAME_TYPE(kam_log_level, int32_t);
    SAME_TYPE(kam_notification_kind, int32_t);
    SAME_TYPE(kam_event_kind, int32_t);
    SAME_TYPE(kam_document_type, int32_t);
    SAME_TYPE(kam_complaint_action, int32_t);
    SAME_TYPE(kam_service_action, int32_t);
    SAME_TYPE(kam_visit_status, int32_t);
    SAME_TYPE(kam_item_outcome, int32_t);
    /* The batch flags are unsigned, like kam_batch.flags. */
    check_value("KAM_BATCH_ATOMIC is unsigned", (long long)((KAM_BATCH_ATOMIC - 1) > 0), 1);
    check_value("KAM_BATCH_SKIP_REJECTED is unsigned", (long long)((KAM_BATCH_SKIP_REJECTED - 2) > 0), 1);
    /* The evaluation flags are unsigned, like kam_tier_evaluation.flags. */
    check_value("KAM_EVALUATE_DRY_RUN is unsigned", (long long)((KAM_EVALUATE_DRY_RUN - 2) > 0), 1);
}

/* Stand-ins with the exact 1.0 and 1.1 signatures. Assigning one to a table member of another type is a
 * constraint violation (an error under -Werror), so a changed signature fails to compile. */
static const char *f_last_error_message(void) { return ""; }
static const char *f_status_name(kam_status s) { (void)s; return ""; }
static const void *f_get_extension(const char *id) { (void)id; return NULL; }
static kam_status f_buffer_free(kam_buffer *b) { (void)b; return 0; }
static kam_status f_config_check(const kam_config_source *s, kam_buffer *b) { (void)s; (void)b; return 0; }
static kam_status f_instance_create(const kam_instance_options *o, kam_instance **i) { (void)o; (void)i; return 0; }
static kam_status f_instance_destroy(kam_instance *i) { (void)i; return 0; }
static kam_status f_config_reload(kam_instance *i, const kam_actor *a, const kam_config_source *s) {
    (void)i; (void)a; (void)s; return 0;
}
static kam_status f_instance_info(kam_instance *i, kam_buffer *b) { (void)i; (void)b; return 0; }
static kam_status f_ingest(kam_instance *i, const kam_actor *a, const kam_batch *b, kam_batch_summary *s) {
    (void)i; (void)a; (void)b; (void)s; return 0;
}
static kam_status f_notifications_poll(kam_instance *i, const kam_actor *a, uint32_t max, kam_buffer *b) {
    (void)i; (void)a; (void)max; (void)b; return 0;
}
static kam_status f_notifications_ack(kam_instance *i, const kam_actor *a, const int64_t *ids, uint32_t n) {
    (void)i; (void)a; (void)ids; (void)n; return 0;
}
static kam_status f_notifications_deliver(kam_instance *i, uint32_t max, uint32_t *out) {
    (void)i; (void)max; (void)out; return 0;
}
static kam_status f_audit_query(kam_instance *i, const kam_actor *a, const kam_audit_query *q, kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}
/* 1.1 */
static kam_status f_tiers_evaluate(kam_instance *i, const kam_actor *a, const kam_tier_evaluation *r,
                                   kam_tier_evaluation_summary *s) {
    (void)i; (void)a; (void)r; (void)s; return 0;
}
static kam_status f_account_card(kam_instance *i, const kam_actor *a, const char *id, kam_buffer *b) {
    (void)i; (void)a; (void)id; (void)b; return 0;
}
static kam_status f_tier_override_set(kam_instance *i, const kam_actor *a, const kam_tier_override *o) {
    (void)i; (void)a; (void)o; return 0;
}
static kam_status f_tier_override_clear(kam_instance *i, const kam_actor *a, const char *id, const char *reason) {
    (void)i; (void)a; (void)id; (void)reason; return 0;
}
static kam_status f_report_pareto(kam_instance *i, const kam_actor *a, uint32_t max, kam_buffer *b) {
    (void)i; (void)a; (void)max; (void)b; return 0;
}
static kam_status f_tick(kam_instance *i, const kam_actor *a, kam_tick_result *r) {
    (void)i; (void)a; (void)r; return 0;
}
/* 1.2 */
static kam_status f_tiers_list(kam_instance *i, const kam_actor *a, const kam_tier_list_query *q, kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}
/* end 1.2 */
static void f_progress(void *data, uint64_t done, uint64_t total) { (void)data; (void)done; (void)total; }
static void f_log(void *h, kam_log_level l, const char *m) { (void)h; (void)l; (void)m; }
static kam_status f_notify(void *h, const kam_notification *n) { (void)h; (void)n; return 0; }
static int64_t f_now_ms(void *h) { (void)h; return 0; }
static const kam_api_v1 *f_get_api(uint32_t major, char *buf, size_t cap) {
    (void)major; (void)buf; (void)cap; return NULL;
}

static void test_signatures(void) {
    kam_api_v1 t;
    kam_host h;
    kam_tier_evaluation ev;
    kam_progress_fn progress = f_progress;
    kam_get_api_fn entry = f_get_api;
    memset(&t, 0, sizeof t);
    memset(&h, 0, sizeof h);
    memset(&ev, 0, sizeof ev);
    t.last_error_message = f_last_error_message;
    t.status_name = f_status_name;
    t.get_extension = f_get_extension;
    t.buffer_free = f_buffer_free;
    t.config_check = f_config_check;
    t.instance_create = f_instance_create;
    t.instance_destroy = f_instance_destroy;
    t.config_reload = f_config_reload;
    t.instance_info = f_instance_info;
    t.ingest = f_ingest;
    t.notifications_poll = f_notifications_poll;
    t.notifications_ack = f_notifications_ack;
    t.notifications_deliver = f_notifications_deliver;
    t.audit_query = f_audit_query;
    t.tiers_evaluate = f_tiers_evaluate;
    t.account_card = f_account_card;
    t.tier_override_set = f_tier_override_set;
    t.tier_override_clear = f_tier_override_clear;
    t.report_pareto = f_report_pareto;
    t.tick = f_tick;
    ev.progress = progress;
    h.log = f_log;
    h.notify = f_notify;
    h.now_ms = f_now_ms;
    /* The declared entry point has the entry point type (not evaluated: nothing is linked). */
    check_value("kam_get_api has type kam_get_api_fn", (long long)sizeof(entry = kam_get_api), (long long)sizeof entry);
    check_value("kam_get_api_fn stand-in", entry(1, NULL, 0) == NULL, 1);

    /* KAM_API_HAS: a table from an older plugin that ends before instance_info. */
    t.struct_size = (uint32_t)offsetof(kam_api_v1, instance_info);
    check_value("KAM_API_HAS(config_reload) in a short table", KAM_API_HAS(&t, config_reload), 1);
    check_value("KAM_API_HAS(instance_info) beyond a short table", KAM_API_HAS(&t, instance_info), 0);
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_API_HAS(audit_query) in a full table", KAM_API_HAS(&t, audit_query), 1);
    t.audit_query = NULL;
    check_value("KAM_API_HAS(audit_query) when NULL", KAM_API_HAS(&t, audit_query), 0);
    check_value("KAM_API_HAS(NULL table)", KAM_API_HAS((const kam_api_v1 *)NULL, buffer_free), 0);

    /* A 1.0 table (136 bytes) has none of the 1.1 members, whatever lies beyond it. */
    t.struct_size = 136;
    check_value("KAM_API_HAS(tiers_evaluate) in a 1.0 table", KAM_API_HAS(&t, tiers_evaluate), 0);
    check_value("KAM_API_HAS(tick) in a 1.0 table", KAM_API_HAS(&t, tick), 0);
    /* A table that ends inside the 1.1 members has those before its end. */
    t.struct_size = (uint32_t)offsetof(kam_api_v1, report_pareto);
    check_value("KAM_API_HAS(tier_override_clear) in a short 1.1 table", KAM_API_HAS(&t, tier_override_clear), 1);
    check_value("KAM_API_HAS(report_pareto) beyond a short 1.1 table", KAM_API_HAS(&t, report_pareto), 0);
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_API_HAS(tick) in a full table", KAM_API_HAS(&t, tick), 1);
    t.tick = NULL;
    check_value("KAM_API_HAS(tick) when NULL", KAM_API_HAS(&t, tick), 0);
    check_value("kam_tier_evaluation.progress set", ev.progress != NULL, 1);
    check_value("kam_host callbacks set", h.log != NULL && h.notify != NULL && h.now_ms != NULL, 1);

    /* 1.2 */
    t.tiers_list = f_tiers_list;
    t.struct_size = (uint32_t)offsetof(kam_api_v1, tiers_list);
    check_value("KAM_API_HAS(tiers_list) in a 1.1 table", KAM_API_HAS(&t, tiers_list), 0);
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_API_HAS(tiers_list) in a full table", KAM_API_HAS(&t, tiers_list), 1);
    /* end 1.2 */
}

int main(void) {
    test_structs();
    test_constants();
    test_typedefs();
    test_signatures();
    printf("abi_layout_test: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
