/* layout_tiers.c - pins the binary layout of kam/tiers.h (x86_64, LP64): the account-tier structs of 1.1 and 1.2 and their constants, as literal
 * numbers (see abi_layout_test.c). Includes only its own header, so it also proves that the header
 * compiles on its own as C99 with -pedantic. */
#include <stdint.h>
#include <string.h>

#include "kam/tiers.h"
#include "layout_check.h"

void test_layout_tiers(void) {
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

    SIZE(kam_tick_result, 200, 8); /* 1.4: 184; 1.3: 136; 1.2: 104 */
    MEMBER(kam_tick_result, struct_size, 0, 4);
    MEMBER(kam_tick_result, tier_evaluation_ran, 4, 4);
    MEMBER(kam_tick_result, tiers, 8, 88);
    MEMBER(kam_tick_result, tier_missing_rates, 96, 8); /* 1.2 */
    MEMBER(kam_tick_result, sla_ran, 104, 4);           /* 1.3 */
    MEMBER(kam_tick_result, reserved1, 108, 4);
    MEMBER(kam_tick_result, sla_complaints, 112, 8);
    MEMBER(kam_tick_result, sla_warnings, 120, 8);
    MEMBER(kam_tick_result, sla_breaches, 128, 8);
    MEMBER(kam_tick_result, service_ran, 136, 4); /* 1.4 */
    MEMBER(kam_tick_result, visits_ran, 140, 4);
    MEMBER(kam_tick_result, service_requests, 144, 8);
    MEMBER(kam_tick_result, service_notifications, 152, 8);
    MEMBER(kam_tick_result, service_auto_transitions, 160, 8);
    MEMBER(kam_tick_result, visits_due, 168, 8);
    MEMBER(kam_tick_result, visits_overdue, 176, 8);
    /* 1.5 */
    MEMBER(kam_tick_result, deals_ran, 184, 4);
    MEMBER(kam_tick_result, reserved2, 188, 4);
    MEMBER(kam_tick_result, deals_expired, 192, 8);
    /* The embedded summary is the frozen type: were it the growable one, this fails to compile. */
    {
        kam_tick_result tick_probe_;
        kam_tier_evaluation_summary_1_1 *frozen_ = &tick_probe_.tiers;
        check_value("kam_tick_result.tiers is kam_tier_evaluation_summary_1_1",
                    (long long)sizeof *frozen_, 88);
    }

    /* 1.2 */
    SIZE(kam_tier_list_query, 24, 8);
    MEMBER(kam_tier_list_query, struct_size, 0, 4);
    MEMBER(kam_tier_list_query, limit, 4, 4);
    MEMBER(kam_tier_list_query, tier, 8, 8);
    MEMBER(kam_tier_list_query, after_account_id, 16, 8);
    /* end 1.2 */

    CONSTANT(KAM_EVALUATE_DRY_RUN, 1);
    /* The evaluation flags are unsigned, like kam_tier_evaluation.flags. */
    check_value("KAM_EVALUATE_DRY_RUN is unsigned", (long long)((KAM_EVALUATE_DRY_RUN - 2) > 0), 1);
}
