/*
 * kam/complaints.h - complaint first-response tracking (首问负责制, ABI 1.3, see docs/complaints.md):
 * the capability table kam_complaints_v1 (an employee's queue, an account's complaints, one
 * complaint's timeline, KPIs) and the struct of its KPI query. Reached through kam_api_v1.complaints
 * (check it with KAM_API_HAS first: a 1.2 plugin does not have it). The complaint events themselves
 * are ingested through api->ingest (kam/events.h: kam_event_complaint, kam_event_employee); the SLA
 * deadlines are watched by api->tick. Part of kam.h (include that); the conventions written at the
 * top of kam.h hold here. C99, compiles as C and as C++.
 *
 * Times: instants are UTC epoch milliseconds; business time (elapsed, left, median, ...) is
 * milliseconds of working time on the complaint's calendar (docs/calendars.md). Every deadline is in
 * the calendar's zone (the site's), never the viewer's; each JSON answer names the zone so a host
 * can show local times.
 */
#ifndef KAM_COMPLAINTS_H
#define KAM_COMPLAINTS_H

#include <kam/base.h>
#include <kam/instance.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Flags of account_complaints. */
#define KAM_COMPLAINTS_INCLUDE_CLOSED 1u /* also resolved and closed complaints (newest first, at most
                                            `limit` of them) */

/* How complaint_kpis groups its rows. */
typedef int32_t kam_complaint_kpi_group;
#define KAM_COMPLAINT_KPI_ALL 0        /* one row for every complaint of the period */
#define KAM_COMPLAINT_KPI_BY_TIER 1    /* the account's tier when the complaint was received */
#define KAM_COMPLAINT_KPI_BY_OWNER 2   /* the first owner (whoever it was handed to later) */
#define KAM_COMPLAINT_KPI_BY_DEPARTMENT 3 /* the first owner's department */

/* Which complaints complaint_kpis counts: those received in [from_ms, to_ms). An input struct. */
typedef struct kam_complaint_kpi_query {
    uint32_t struct_size;
    kam_complaint_kpi_group group_by;
    int64_t from_ms;   /* 0: 30 days before to_ms */
    int64_t to_ms;     /* 0: the host's now */
} kam_complaint_kpi_query;

/* ---------------------------------------------------------------------------------------------------
 * The complaints table (1.3). Growable like kam_api_v1: members are only appended; check a member
 * with KAM_COMPLAINTS_HAS before calling it.
 *
 * Who sees what (permissions from the YAML's access section):
 *   "complaints.read"            the actor's own queue; complaints the actor owns (first owner) or is
 *                                assigned, and those of accounts the actor manages (the account's
 *                                account_manager_id is the actor's user id);
 *   "complaints.read.department" also every complaint whose first owner or assignee is in the
 *                                actor's department (from the employee record whose id is the
 *                                actor's user id), and the queues of that department's employees;
 *   "complaints.read.all"        every complaint and every queue;
 *   "complaints.kpi"             complaint_kpis.
 * Anything else is KAM_ERR_PERMISSION (audited as a refusal, like every refusal). Reads are not
 * audited.
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_complaints_v1 {
    uint32_t struct_size;  /* sizeof the table in this plugin: see KAM_COMPLAINTS_HAS */
    uint32_t abi_minor;    /* the minor that last grew this table (3) */

    /* ---- 1.3 ---- */

    /* An employee's queue, as a JSON object, computed at the host's now:
     *   {employee_id, now_ms, time_zone (of the first item's calendar, or business.time_zone),
     *    complaints: [ITEM], truncated (true when more than limit were open)}
     * The open complaints (not resolved or closed) the employee owns as first owner or works on as
     * assignee, most urgent first: by business time left on the clock that matters now (the first
     * response until it is given, then the resolution; breached ones first, most overdue first),
     * then deadline, then complaint id; complaints without a target last. An ITEM is
     *   {complaint_id, account_id, account_name, tier, priority, phase ("open" | "waiting"),
     *    first_owner, assignee, department, received_at_ms, owner (bool), assignee_is_employee
     *    (bool), clock ("first_response" | "resolution"), has_target, paused, deadline_ms (null
     *    while paused before the deadline, or without a target), left_ms (business ms; negative:
     *    over by that much; null without a target), warning (a warning level reached), breached,
     *    calendar, time_zone}
     * employee_id an id; limit 0 means 100, at most 1,000 (else KAM_ERR_INVALID_ARGUMENT).
     * An employee the plugin never heard of has an empty queue. [thread-safe] */
    kam_status (*queue)(kam_instance *instance, const kam_actor *actor, const char *employee_id,
                        uint32_t limit, kam_buffer *out_json);

    /* An account's complaints, as a JSON object:
     *   {account_id, now_ms, open: [ITEM] (as in queue, most urgent first),
     *    closed: [ITEM] (KAM_COMPLAINTS_INCLUDE_CLOSED only: resolved and closed ones, newest
     *    received first, at most limit), open_count, breached_open_count}
     * flags KAM_COMPLAINTS_*; limit 0 means 100, at most 1,000. account_id an id; KAM_ERR_NOT_FOUND
     * for an unknown account. [thread-safe] */
    kam_status (*account_complaints)(kam_instance *instance, const kam_actor *actor,
                                     const char *account_id, uint32_t flags, uint32_t limit,
                                     kam_buffer *out_json);

    /* One complaint's timeline, as a JSON object, computed at the host's now:
     *   {complaint_id, account_id, account_name, tier, priority, phase ("open" | "waiting" |
     *    "resolved" | "closed"), first_owner, assignee, department, received_at_ms, now_ms,
     *    calendar, time_zone,
     *    clocks: [{clock, target_ms (0: no such clock), generation, active, paused, stopped_at_ms,
     *              elapsed_ms, paused_ms, left_ms, deadline_ms, breached_at_ms, breach_by_ms,
     *              warnings: [{bp, reached_at_ms (null: not yet)}]}],
     *    ledger: [{seq, at_ms, kind ("received" | "first_response" | "responded" | "paused" |
     *              "resumed" | "handed_off" | "resolved" | "reopened" | "closed" | "commented" |
     *              "priority_changed" | "target_set" | "calendar_changed"), who, to_employee,
     *              to_department, priority, counts, calendar, event_id}],
     *    escalations: [{key, kind ("warning" | "breach"), clock, step, generation, due_at_ms,
     *                   created_at_ms, employees: [...], roles: [...], unresolved: [...]}]}
     * The ledger is append-only: every deadline, pause and breach above is derived from it.
     * complaint_id an id; KAM_ERR_NOT_FOUND for an unknown complaint. [thread-safe] */
    kam_status (*complaint)(kam_instance *instance, const kam_actor *actor, const char *complaint_id,
                            kam_buffer *out_json);

    /* KPIs of the complaints received in the query's period, as a JSON object:
     *   {group_by ("all" | "tier" | "owner" | "department"), from_ms, to_ms, time_zone,
     *    rows: [{group, complaints, first_response_decided, first_response_on_time,
     *            compliance_bp (null: none decided), first_response_median_ms, first_response_p90_ms,
     *            resolution_median_ms, resolution_p90_ms (business ms; null: none), breaches,
     *            resolved, reopened, reopen_rate_bp (null: none resolved)}],
     *    total: {the same members, over every complaint of the period}}
     * Rows sorted by group. A complaint counts for its first owner and the first owner's department
     * after every hand-off. query an input struct; from_ms < to_ms. Needs "complaints.kpi".
     * [thread-safe] */
    kam_status (*complaint_kpis)(kam_instance *instance, const kam_actor *actor,
                                 const kam_complaint_kpi_query *query, kam_buffer *out_json);
    /* end 1.3 */
} kam_complaints_v1;

/* True when the plugin's complaints table has member `member`. */
#define KAM_COMPLAINTS_HAS(table, member)                                                            \
    ((table) != NULL &&                                                                             \
     (table)->struct_size >= offsetof(kam_complaints_v1, member) + sizeof((table)->member) &&       \
     (table)->member != NULL)

#ifdef __cplusplus
}
#endif

#endif /* KAM_COMPLAINTS_H */
