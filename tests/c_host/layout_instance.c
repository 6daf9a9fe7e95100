/* layout_instance.c - pins the binary layout of kam/instance.h (x86_64, LP64): notification, host callbacks, instance options, log levels, notification kinds, as literal
 * numbers (see abi_layout_test.c). Includes only its own header, so it also proves that the header
 * compiles on its own as C99 with -pedantic. */
#include <stdint.h>
#include <string.h>

#include "kam/instance.h"
#include "layout_check.h"

void test_layout_instance(void) {
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
    CONSTANT(KAM_NOTIFY_SERVICE_DEADLINE, 7); /* 1.4 */
    CONSTANT(KAM_NOTIFY_SERVICE_UNROUTED, 8);
    CONSTANT(KAM_NOTIFY_DEAL_EXPIRED, 9); /* 1.5 */
    SAME_TYPE(kam_log_level, int32_t);
    SAME_TYPE(kam_notification_kind, int32_t);
}
