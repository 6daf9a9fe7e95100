/*
 * kam/api.h - the function table of ABI major 1 (kam_api_v1), KAM_API_HAS, and the entry point
 * kam_get_api. Part of kam.h (include that); the conventions written at the top of kam.h hold here.
 * C99, compiles as C and as C++.
 */
#ifndef KAM_API_H
#define KAM_API_H

#include <kam/audit.h>
#include <kam/base.h>
#include <kam/complaints.h>
#include <kam/contacts.h>
#include <kam/identity.h>
#include <kam/service.h>
#include <kam/visits.h>
#include <kam/distributors.h>
#include <kam/events.h>
#include <kam/instance.h>
#include <kam/tiers.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------------
 * The function table (ABI major 1)
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_api_v1 {
    uint32_t struct_size;   /* sizeof the table in this plugin: see KAM_API_HAS */
    uint32_t abi_major;     /* 1 */
    uint32_t abi_minor;     /* the plugin's minor, >= the host's for every member it has */
    uint32_t reserved0;
    const char *plugin_version; /* static, e.g. "0.1.0" */

    /* ---- 1.0: errors and extensions ---- */

    /* The message of the calling thread's last failed call, or "" when there is none.
     * [thread-safe] Static per-thread storage owned by the plugin: valid until this thread's next call
     * into the plugin. Never NULL. */
    const char *(*last_error_message)(void);

    /* The constant name of a status ("KAM_ERR_CONFIG"). [thread-safe] Static string, never NULL. */
    const char *(*status_name)(kam_status status);

    /* An optional capability by versioned id ("kam.reports/1"), or NULL when not supported.
     * [thread-safe] The pointer is static, valid until the library is unloaded. None in 1.0. */
    const void *(*get_extension)(const char *extension_id);

    /* Give back a buffer the plugin filled; resets it to empty. NULL or an empty buffer is fine.
     * [thread-safe] (each buffer from one thread at a time) */
    kam_status (*buffer_free)(kam_buffer *buffer);

    /* ---- 1.0: config and instances ---- */

    /* Validate a YAML config completely without creating an instance or touching any database.
     * On success, summary (optional) receives a one-line summary. On KAM_ERR_CONFIG the last error
     * message lists every error found as "file:line:column: message", one per line.
     * [thread-safe] */
    kam_status (*config_check)(const kam_config_source *source, kam_buffer *summary);

    /* Create an instance: load and validate the config, open the database it names, and migrate the
     * schema forward if needed. *out_instance receives the handle (NULL on failure).
     * [thread-safe] */
    kam_status (*instance_create)(const kam_instance_options *options, kam_instance **out_instance);

    /* Destroy an instance and free everything it owns. NULL is a no-op; a handle that is not live
     * (destroyed already) is refused with KAM_ERR_INVALID_ARGUMENT without touching its memory.
     * The last instance's destroy drops the plugin's reference on itself (see Unloading).
     * [no other call on this instance may be in progress or follow] */
    kam_status (*instance_destroy)(kam_instance *instance);

    /* Replace the config atomically: the new YAML is validated completely first; if it is invalid
     * (KAM_ERR_CONFIG), or changes the database section (url, synchronous, pool size) or, since
     * 1.1, business.time_zone (KAM_ERR_UNSUPPORTED, restart for that), the old config keeps serving unchanged. Calls in progress finish on the config they started with.
     * Needs permission "config.reload". Audited. [thread-safe] */
    kam_status (*config_reload)(kam_instance *instance, const kam_actor *actor,
                                const kam_config_source *source);

    /* The instance's state as a JSON object:
     *   {"plugin_version", "abi": {"major", "minor"},
     *    "config": {"version" (1, then +1 per successful reload), "hash", "source", "instance_name",
     *               "summary"},
     *    "database": {"kind" ("sqlite" | "postgresql"), "url" (never with a password),
     *                 "schema_version"}}
     * Members may be added to the object in later versions. A host-side call: no actor, not
     * audited. [thread-safe] */
    kam_status (*instance_info)(kam_instance *instance, kam_buffer *out_json);

    /* ---- 1.0: ingestion, outbox, audit ---- */

    /* Ingest a batch of ERP events (see kam_event_header). The batch is one transaction. With
     * KAM_BATCH_ATOMIC any rejected item makes the call return KAM_ERR_BATCH_REJECTED and store
     * nothing; with KAM_BATCH_SKIP_REJECTED the good items are stored and the call returns KAM_OK.
     * summary and batch->results (both optional, output structs) say what happened to each item.
     * Limits: at most KAM_MAX_BATCH_EVENTS events; every id at most KAM_MAX_ID_BYTES, names, reasons
     * and texts as in the conventions (an item over a limit is rejected with a message naming the
     * member); amounts at most KAM_MAX_AMOUNT_MINOR (10^15) minor units each; source a name.
     * Needs permission "ingest". Audited once per batch. [thread-safe] */
    kam_status (*ingest)(kam_instance *instance, const kam_actor *actor, const kam_batch *batch,
                         kam_batch_summary *summary);

    /* Pending (unacknowledged) notifications, oldest first, as a JSON array of objects
     * {id, kind, kind_name, account_id, created_at_ms, payload}. max 0 means 100.
     * Needs permission "notifications.read". [thread-safe] */
    kam_status (*notifications_poll)(kam_instance *instance, const kam_actor *actor, uint32_t max,
                                     kam_buffer *out_json);

    /* Acknowledge notifications by id: they are not delivered again. Unknown or already acknowledged
     * ids are ignored. At most KAM_MAX_ACK_IDS (100,000) ids per call.
     * Needs permission "notifications.ack". Audited. [thread-safe] */
    kam_status (*notifications_ack)(kam_instance *instance, const kam_actor *actor,
                                    const int64_t *ids, uint32_t count);

    /* Deliver up to max pending notifications (0 = 100) through the host's notify callback, oldest
     * first; each one the callback acknowledges (KAM_OK) is marked delivered. *out_delivered
     * (optional) receives how many were acknowledged. With several hosts on one database, each
     * notification is claimed by one host at a time; one the callback refused (any status but KAM_OK)
     * or a host claimed and never finished is delivered again after KAM_NOTIFY_RETRY_MS (60 s).
     * KAM_ERR_UNSUPPORTED if there is no callback. A host-side call (no actor, no permission): the
     * acknowledged ones are audited as user "host" (see the conventions). The callback may call
     * into the plugin (notifications_ack, notifications_poll, ...). [thread-safe] */
    kam_status (*notifications_deliver)(kam_instance *instance, uint32_t max,
                                        uint32_t *out_delivered);

    /* Audit-trail entries, newest first, as a JSON array of objects {id, at_ms, user_id, roles,
     * action, entity_type, entity_id, before, after}. query->limit at most KAM_MAX_AUDIT_LIMIT
     * (10,000); query->user_id an id, entity_type and entity_id names. Refusals and host-side calls
     * are entries too (see the conventions). Needs permission "audit.read". [thread-safe] */
    kam_status (*audit_query)(kam_instance *instance, const kam_actor *actor,
                              const kam_audit_query *query, kam_buffer *out_json);

    /* ---- 1.1: account tiers. Check with KAM_API_HAS before use. ---- */

    /* Classify accounts now: metrics from the ingested orders, the YAML's tier rules, hysteresis,
     * manual overrides and churn risk. Every account (request->account_id NULL) or one account.
     * Stores each account's tier state, appends tier history for every change (with the config
     * version and the metric values used) and writes one outbox notification per change
     * (KAM_NOTIFY_TIER_CHANGED; KAM_NOTIFY_CHURN_RISK when a key account turns at-risk). The first
     * classification of an account is recorded in the history but not notified. With several hosts
     * on one database, evaluations run one at a time and each change is written exactly once.
     * summary is optional (an output struct). request->account_id an id (at most KAM_MAX_ID_BYTES).
     * KAM_ERR_NOT_FOUND for an unknown account. Needs permission "tiers.evaluate". Audited
     * (counts). [thread-safe] */
    kam_status (*tiers_evaluate)(kam_instance *instance, const kam_actor *actor,
                                 const kam_tier_evaluation *request,
                                 kam_tier_evaluation_summary *summary);

    /* An account's card as a JSON object, computed now from the stored state, the ingested data and
     * the config in force (stores nothing):
     *   {account_id, name, evaluated_at_ms (null before the first evaluation), config_version,
     *    tier: {name, label, since_ms, key_account, overridden},
     *    computed_tier, change, pending_downgrade: {to, due_ms} | null,
     *    override: {tier, reason, user_id, set_at_ms, expires_at_ms, status} | null,
     *    benefits: {dedicated_account_manager, hotline, first_response_target_minutes,
     *               resolution_target_minutes, discount_authority_bp, visit_cadence_days,
     *               engineer_pool},   (1.2: the two targets are business minutes on the complaints
     *               calendar, from complaints.targets for a complaint without a priority)
     *    business_time_zone (1.2), metrics.reporting_currency_digits (1.2),
     *    metrics: {reporting_currency, window_days, revenue, revenue_prior, margin, margin_prior,
     *              order_count, days_since_last_order, revenue_share_bp, pareto_rank,
     *              pareto_top_percent_bp, flags: [...]}   (money in reporting minor units; null = no data)
     *    metrics.ranking_as_of_ms (1.4): revenue_share_bp, pareto_rank and pareto_top_percent_bp
     *              come from the ranking stored by the last full evaluation, at this host clock;
     *              null when the card ranked the portfolio itself (no stored ranking has the account)
     *    lifetime_value, churn: {score, level, no_data, retention_discount_bp, at_risk,
     *                            signals: [{signal, value, points, weight}]},
     *    checks: [{tier, matched}], explanation (plain words), churn_explanation,
     *    history: [{tier, previous_tier, since_ms, reason, user_id, config_version}] (newest first,
     *              at most 20),
     *    complaints (1.3): {open_count, breached_open_count, open: [ITEM] (the 5 most urgent, ITEM as
     *              in kam/complaints.h queue)},
     *    visits (1.4, kam/visits.h): {cadence_days, last_visit_at_ms (or null), due_date, next_due_ms,
     *              overdue (bool)} or null when the account's tier has no visit cadence,
     *    service (1.4): {open_count, overdue_count, open: [ITEM] (the 5 nearest deadlines, ITEM as in
     *              kam/service.h)}}
     *    merged_accounts (1.4): [{account_id, merged_at_ms, merged_by, reason}] (accounts merged into
     *              this golden account: kam/identity.h; their orders and complaints count here)}
     * An account merged into another has no tier of its own; its card (1.4) is
     *   {account_id, name, merged_into, merged_at_ms, merged_by, merge_reason, tier: null}.
     * Members may be added in later versions. account_id an id (at most KAM_MAX_ID_BYTES).
     * KAM_ERR_NOT_FOUND for an unknown account. Needs permission "tiers.read". [thread-safe] */
    kam_status (*account_card)(kam_instance *instance, const kam_actor *actor, const char *account_id,
                               kam_buffer *out_json);

    /* Pin an account to a tier until override->expires_at_ms; replaces an override in force. The
     * account's stored tier follows at once (history, notification). After expiry the computed tier
     * applies again at the next evaluation. account_id an id, tier a name, reason at most
     * KAM_MAX_REASON_BYTES (2,000). Needs permission "tiers.override". Audited with the
     * reason. KAM_ERR_NOT_FOUND for an unknown account or tier; KAM_ERR_CONFLICT (1.4) for an
     * account merged into a golden account (kam/identity.h), which has no tier of its own.
     * [thread-safe] */
    kam_status (*tier_override_set)(kam_instance *instance, const kam_actor *actor,
                                    const kam_tier_override *override_request);

    /* End the override in force on an account early; reason is required (at most
     * KAM_MAX_REASON_BYTES). KAM_ERR_NOT_FOUND when none is in force. Needs permission
     * "tiers.override". Audited. [thread-safe] */
    kam_status (*tier_override_clear)(kam_instance *instance, const kam_actor *actor,
                                      const char *account_id, const char *reason);

    /* The Pareto (ABC) report over every account's revenue in the trailing window, as a JSON object:
     *   {reporting_currency, window_days, top_percent_bp, total_revenue, accounts, accounts_in_top,
     *    entries: [{rank, account_id, name, revenue, share_bp, cumulative_bp, in_top}],
     *    curve_bp: [cumulative share after rank 1..n],
     *    business_time_zone, reporting_currency_digits (1.2)}
     * Ranked by revenue, highest first; equal revenues by account id (byte order). max_entries
     * limits `entries` (0 = all); curve_bp always covers every account. Needs permission
     * "tiers.read". [thread-safe] */
    kam_status (*report_pareto)(kam_instance *instance, const kam_actor *actor, uint32_t max_entries,
                                kam_buffer *out_json);

    /* The host's periodic tick (call it every minute or so, from any host). Runs the periodic work
     * that is due by the host clock: the tier evaluation of every account once
     * `tiers.evaluate_every` has passed since the last completed run (by any host sharing the
     * database). Each periodic job is claimed by one host at a time with a claim the operating
     * system or the database releases when the process dies (SQLite: a lock file beside the
     * database; PostgreSQL: an advisory lock), and recorded as done only with the run's last write:
     * a run killed midway is due again at the next tick of any host. A host clock earlier than the
     * last completed run is not due (logged once per instance), so a clock that goes back never
     * repeats a run. result is optional (an output struct).
     * 1.3: also the SLA check of complaints (every `complaints.check_every`, default 1 minute): each
     * open complaint with a warning or breach level of its escalation chain due by the host clock
     * gets that notification (KAM_NOTIFY_SLA_WARNING / _BREACH) written exactly once, also with
     * several hosts ticking at once; a tick killed midway loses and doubles none.
     * 1.4: also the visit plan check (every `visits.check_every`, default 1 hour; kam/visits.h):
     * each visit due or overdue gets KAM_NOTIFY_VISIT_DUE once per account, due date and level.
     * Permissions: each job needs its own ("tiers.evaluate" for the tier evaluation,
     * "complaints.tick" for the SLA check, "visits.tick" for the visit plan check); the tick runs the jobs whose permission the actor holds
     * (one it lacks is skipped and logged once per instance) and is KAM_ERR_PERMISSION when the actor
     * holds none. [thread-safe] */
    kam_status (*tick)(kam_instance *instance, const kam_actor *actor, kam_tick_result *result);

    /* 1.2 */
    /* One page of every account's tier, in account id byte order, as a JSON object:
     *   {accounts: [{account_id, name, tier (null before the account's first evaluation), since_ms,
     *                computed_tier, overridden, pending_downgrade_to (or null), churn_level,
     *                evaluated_at_ms}],
     *    next_after: the last account id of a full page (pass it as after_account_id for the next),
     *                or null on the last page}
     * Reads one page from the database (never the whole portfolio). query->tier must be a configured
     * tier (else KAM_ERR_NOT_FOUND); limit over 10,000 is KAM_ERR_INVALID_ARGUMENT. Needs permission
     * "tiers.read". [thread-safe] */
    kam_status (*tiers_list)(kam_instance *instance, const kam_actor *actor,
                             const kam_tier_list_query *query, kam_buffer *out_json);
    /* end 1.2 */

    /* ---- 1.3: capability tables (docs/abi.md, "Adding a capability") ---- */

    /* The complaints table (kam/complaints.h): a static table, valid until the library is unloaded,
     * or NULL when this build has no complaint tracking. [thread-safe] */
    const kam_complaints_v1 *(*complaints)(void);
    /* end 1.3 */

    /* ---- 1.4 ---- each a static table, valid until the library is unloaded, or NULL when this
     * build does not have the capability. [thread-safe] */
    const kam_identity_v1 *(*identity)(void); /* kam/identity.h: account identity matching */
    const kam_service_v1 *(*service)(void);   /* kam/service.h: service workflows per tier */
    const kam_contacts_v1 *(*contacts)(void); /* kam/contacts.h: who is calling */
    const kam_visits_v1 *(*visits)(void);     /* kam/visits.h: customer-visit plans */
    /* end 1.4 */

    /* ---- 1.5 ---- a static table, valid until the library is unloaded, or NULL when this build
     * does not have the capability. [thread-safe] */
    const kam_distributors_v1 *(*distributors)(void); /* kam/distributors.h: distributor rules */
    /* end 1.5 */
} kam_api_v1;

/* True when the plugin's table has member `member` (it may be older than the host's header). */
#define KAM_API_HAS(api, member)                                                                  \
    ((api) != NULL && (api)->struct_size >= offsetof(kam_api_v1, member) + sizeof((api)->member) && \
     (api)->member != NULL)

/* ---------------------------------------------------------------------------------------------------
 * The entry point: the plugin's one exported symbol.
 * ------------------------------------------------------------------------------------------------- */

/* Ask for the function table of ABI major `abi_major`. Returns a static table, valid until the library
 * is unloaded, or NULL when the plugin does not serve that major; then error_buffer (optional,
 * error_capacity bytes) receives a NUL-terminated reason that names both versions.
 * [thread-safe] */
#if defined(KAM_BUILDING_PLUGIN)
__attribute__((visibility("default")))
#endif
const kam_api_v1 *kam_get_api(uint32_t abi_major, char *error_buffer, size_t error_capacity);

/* The entry point's type, for hosts that look it up at run time. */
typedef const kam_api_v1 *(*kam_get_api_fn)(uint32_t abi_major, char *error_buffer,
                                            size_t error_capacity);


#ifdef __cplusplus
}
#endif

#endif /* KAM_API_H */
