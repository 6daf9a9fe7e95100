/*
 * kam/tiers.h - account tiers (ABI 1.1, see docs/tiers.md): the structs of tiers_evaluate,
 * tier_override_set, tick and tiers_list. Their functions stay in the core table (kam/api.h): they
 * were there in 1.1 and moving them would break 1.1 hosts. Capabilities added later get their own
 * table instead (docs/abi.md, "Adding a capability"). Part of kam.h (include that); the conventions
 * written at the top of kam.h hold here. C99, compiles as C and as C++.
 */
#ifndef KAM_TIERS_H
#define KAM_TIERS_H

#include <kam/base.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What to evaluate. */
#define KAM_EVALUATE_DRY_RUN 1u /* compute and count, store nothing, write no notification */

typedef struct kam_tier_evaluation {
    uint32_t struct_size;
    uint32_t flags;              /* KAM_EVALUATE_* */
    const char *account_id;      /* one account; NULL evaluates every account */
    kam_progress_fn progress;    /* optional; units are accounts */
    void *progress_data;         /* passed to progress */
} kam_tier_evaluation;

/* What an evaluation did. Written by the plugin (an output struct: only struct_size needs to be set,
 * see the conventions). Growable: members are appended. */
typedef struct kam_tier_evaluation_summary {
    uint32_t struct_size;
    uint32_t reserved0;
    uint64_t accounts;            /* accounts evaluated */
    uint64_t initial;             /* accounts classified for the first time */
    uint64_t upgraded;
    uint64_t downgraded;
    uint64_t downgrades_pending;  /* below their tier, not long enough to move down */
    uint64_t churn_alerts;        /* key accounts that turned at-risk */
    uint64_t notifications;       /* written to the outbox by this evaluation */
    uint64_t skipped;             /* changed meanwhile by another host's evaluation: left to it */
    int64_t evaluated_at_ms;      /* the host clock the evaluation used */
    int64_t duration_ms;          /* wall time of the call */
    /* 1.2 */
    uint64_t missing_rates;       /* accounts whose orders need an exchange rate the config lacks:
                                     their tier is kept (see docs/tiers.md) */
} kam_tier_evaluation_summary;

/* The 1.1 layout of kam_tier_evaluation_summary, frozen: it is embedded by value in kam_tick_result,
 * so it NEVER grows (a struct embedded in another cannot grow without moving what follows it).
 * Members added to kam_tier_evaluation_summary later are appended to kam_tick_result instead
 * (tick_result.tier_missing_rates since 1.2). Same members, same meaning. */
typedef struct kam_tier_evaluation_summary_1_1 {
    uint32_t struct_size;         /* sizeof(kam_tier_evaluation_summary_1_1) == 88, set by the plugin */
    uint32_t reserved0;
    uint64_t accounts;
    uint64_t initial;
    uint64_t upgraded;
    uint64_t downgraded;
    uint64_t downgrades_pending;
    uint64_t churn_alerts;
    uint64_t notifications;
    uint64_t skipped;
    int64_t evaluated_at_ms;
    int64_t duration_ms;
} kam_tier_evaluation_summary_1_1;

/* A manual tier override: pins an account to a tier until expires_at_ms (exclusive). */
typedef struct kam_tier_override {
    uint32_t struct_size;
    uint32_t reserved0;
    const char *account_id;  /* required; the account must exist */
    const char *tier;        /* required; a tier name from the YAML */
    const char *reason;      /* required, non-empty: kept in the audit trail */
    int64_t expires_at_ms;   /* required; after the host's now */
} kam_tier_override;

/* What a tick did. Written by the plugin (an output struct: only struct_size needs to be set). Later
 * versions append members for other periodic work (SLA deadlines, visits). Embedded structs are
 * frozen types that never grow (kam_tier_evaluation_summary_1_1), so appending here stays sound. */
typedef struct kam_tick_result {
    uint32_t struct_size;
    uint32_t tier_evaluation_ran;  /* 1 when the periodic tier evaluation was due and ran, else 0 */
    kam_tier_evaluation_summary_1_1 tiers;  /* its summary when it ran; zeros otherwise */
    /* 1.2 */
    uint64_t tier_missing_rates;   /* kam_tier_evaluation_summary.missing_rates of that run */
    /* 1.3 */
    uint32_t sla_ran;              /* 1 when the SLA check (complaint deadlines) was due and ran */
    uint32_t reserved1;
    uint64_t sla_complaints;       /* open complaints it looked at (those with a level due) */
    uint64_t sla_warnings;         /* KAM_NOTIFY_SLA_WARNING notifications it wrote */
    uint64_t sla_breaches;         /* KAM_NOTIFY_SLA_BREACH notifications it wrote */
    /* 1.4 */
    uint32_t service_ran;          /* 1 when the service deadline check was due and ran */
    uint32_t visits_ran;           /* 1 when the visit plan check was due and ran */
    uint64_t service_requests;     /* open service requests it looked at (those with a step due) */
    uint64_t service_notifications;  /* KAM_NOTIFY_SERVICE_DEADLINE notifications it wrote */
    uint64_t service_auto_transitions; /* requests it moved on by an auto_transition step */
    uint64_t visits_due;           /* KAM_NOTIFY_VISIT_DUE notifications of level "due" it wrote */
    uint64_t visits_overdue;       /* ... of level "overdue" */
    /* 1.5 */
    uint32_t deals_ran;            /* 1 when the expiry of deal registrations was due and ran */
    uint32_t reserved2;
    uint64_t deals_expired;        /* registrations it expired (KAM_NOTIFY_DEAL_EXPIRED each) */
} kam_tick_result;

/* 1.2 */
/* 1.2: which accounts tiers_list returns. */
typedef struct kam_tier_list_query {
    uint32_t struct_size;
    uint32_t limit;                /* 0 means 1000; at most 10,000 */
    const char *tier;              /* only accounts whose tier (effective) is this; NULL = all */
    const char *after_account_id;  /* paging: accounts with a greater id (byte order); NULL = first page */
} kam_tier_list_query;
/* end 1.2 */

#ifdef __cplusplus
}
#endif

#endif /* KAM_TIERS_H */
