/*
 * kam/instance.h - an instance and the host around it: log levels, notifications, the host's callbacks
 * (kam_host) and the options of instance_create. Part of kam.h (include that); the conventions written
 * at the top of kam.h hold here. C99, compiles as C and as C++.
 */
#ifndef KAM_INSTANCE_H
#define KAM_INSTANCE_H

#include <kam/base.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------------
 * Host callbacks, given at instance creation
 * ------------------------------------------------------------------------------------------------- */
typedef int32_t kam_log_level;
#define KAM_LOG_DEBUG 10
#define KAM_LOG_INFO 20
#define KAM_LOG_WARNING 30
#define KAM_LOG_ERROR 40

typedef int32_t kam_notification_kind;
/* payload (1.1): {account_id, from, to, change ("upgraded" | "downgraded" | "reset" | "override_set" |
 * "override_expired" | "override_ended"), computed_tier, overridden, reason, explanation} */
#define KAM_NOTIFY_TIER_CHANGED 1
/* payload (1.3) of SLA_WARNING and SLA_BREACH, one per escalation step reached (written once per
 * key, whichever host's tick found it due; docs/complaints.md): {key ("COMPLAINT/CLOCK/STEP/gGEN"),
 * complaint_id, account_id, clock ("first_response" | "resolution"), kind ("warning" | "breach"),
 * step (the step's name), step_index, generation, due_at_ms (when the level was reached), deadline_ms,
 * left_ms, first_owner, assignee, employees, roles, unresolved (recipients that could not be
 * resolved, in words), created_at_ms} */
#define KAM_NOTIFY_SLA_WARNING 2
#define KAM_NOTIFY_SLA_BREACH 3
/* payload (1.5, docs/distributors.md): a deal registration met a house account or a customer another
 * registration holds: {key ("DEAL/ID/conflict"), registration_id, distributor_id, customer_name,
 * decision, reasons (the codes: "house_account", "already_registered"), account_id (the house
 * account, or null), account_manager_id (or null), earlier_registration_id (or null),
 * earlier_distributor_id (or null), employees (the account manager), roles
 * (distributors.conflict_roles), created_at_ms}; once per registration */
#define KAM_NOTIFY_CHANNEL_CONFLICT 4
/* payload (1.4, docs/visits.md): {key, account_id, tier, due_date, level ("due" | "overdue"),
 * last_visit_at_ms (or null), cadence_days, employees, created_at_ms}: once per account and due
 * date for each level, to the account manager; "overdue" also to the manager's manager */
#define KAM_NOTIFY_VISIT_DUE 5
/* payload (1.1): {account_id, score, level, retention_discount_bp, explanation} */
#define KAM_NOTIFY_CHURN_RISK 6
/* 1.4 (docs/service.md): a service request's state deadline reached a warning level, or an
 * escalation step of its workflow came due: {key, request_id, account_id, tier, workflow, state,
 * kind ("warning" | "escalation" | "auto_transition"), step, deadline_ms, left_ms, assignee,
 * employees, roles, unresolved, created_at_ms}; once per request, state entry and step */
#define KAM_NOTIFY_SERVICE_DEADLINE 7
/* 1.4: a service request could not be routed as its tier requires (the tier has a dedicated
 * account manager and the account has none, or its pool has no active member): {key, request_id,
 * account_id, tier, reason, employees, roles, created_at_ms}; to the supervisors the YAML names */
#define KAM_NOTIFY_SERVICE_UNROUTED 8
/* 1.5 (docs/distributors.md): a deal registration's protection ended by the host clock (the tick,
 * or deals_expire): {key ("DEAL/ID/expired"), registration_id, distributor_id, customer_name,
 * decision, protected_until_ms, expired_at_ms, roles (distributors.conflict_roles), created_at_ms};
 * once per registration */
#define KAM_NOTIFY_DEAL_EXPIRED 9

/* Something the plugin tells the host. All pointers are valid only during the notify callback. */
typedef struct kam_notification {
    uint32_t struct_size;
    kam_notification_kind kind;
    int64_t id;               /* unique per database; pass it to notifications_ack */
    int64_t created_at_ms;
    const char *kind_name;    /* "tier_changed", ... */
    const char *account_id;   /* may be NULL */
    const char *payload_json; /* details as a JSON object */
} kam_notification;

/* The host's services. Every callback is optional (NULL). The plugin copies this struct at creation;
 * host_data must stay valid until instance_destroy returns. Callbacks may be called from any host
 * thread that is inside a plugin call, concurrently: they must be thread-safe. */
typedef struct kam_host {
    uint32_t struct_size;
    uint32_t reserved0;
    void *host_data;
    /* Log a line. message (valid UTF-8) is valid during the call. Default: nothing is logged.
     * May call into the plugin (see the conventions). */
    void (*log)(void *host_data, kam_log_level level, const char *message);
    /* Deliver a notification (see notifications_deliver). Return KAM_OK to acknowledge it; any other
     * status leaves it pending for a later delivery after KAM_NOTIFY_RETRY_MS (delivery is at least
     * once). May call into the plugin (see the conventions). */
    kam_status (*notify)(void *host_data, const kam_notification *notification);
    /* The current time in UTC epoch ms. Default: the system clock. Tests and simulations drive it.
     * Must lie in 1970-01-01..9999-12-31 (see the conventions). */
    int64_t (*now_ms)(void *host_data);
} kam_host;

/* ---------------------------------------------------------------------------------------------------
 * Instances
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_instance kam_instance; /* opaque */

typedef struct kam_instance_options {
    uint32_t struct_size;
    uint32_t flags;                   /* none defined in 1.0: must be 0 */
    const kam_config_source *config;  /* required; read during the call */
    const kam_host *host;             /* optional; copied */
} kam_instance_options;

#ifdef __cplusplus
}
#endif

#endif /* KAM_INSTANCE_H */
