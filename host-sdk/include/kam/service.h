/*
 * kam/service.h - dedicated service workflows per tier (ABI 1.4, see docs/service.md): the
 * capability table kam_service_v1 (an employee's service queue, an account's requests, one
 * request's timeline, KPIs) and the struct of its KPI query. Reached through kam_api_v1.service
 * (check it with KAM_API_HAS first: a 1.3 plugin does not have it). The requests themselves arrive
 * through api->ingest (kam/events.h: kam_event_service_request): with workflows in the YAML, OPENED
 * is routed by the account's tier and STATE_CHANGED is checked against the request's workflow and
 * the acting employee's roles (a refused step is KAM_ITEM_REJECTED naming request, from -> to, who
 * and why); the state deadlines are watched by api->tick (permission "service.tick"), which writes
 * KAM_NOTIFY_SERVICE_DEADLINE notifications once each. Part of kam.h (include that); the
 * conventions written at the top of kam.h hold here. C99, compiles as C and as C++.
 *
 * Times: instants are UTC epoch milliseconds; business time (left_ms) is milliseconds of working
 * time on the workflow's calendar (docs/calendars.md). Each JSON answer names the calendar's zone.
 */
#ifndef KAM_SERVICE_H
#define KAM_SERVICE_H

#include <kam/base.h>
#include <kam/instance.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Flags of queue. */
#define KAM_SERVICE_QUEUE_WITH_COMPLAINTS 1u /* merge the employee's complaint queue in (kam/complaints.h
                                                ITEMs with "type": "complaint"), by time to deadline;
                                                needs a complaints read permission, else left out */
/* Flags of account_requests. */
#define KAM_SERVICE_INCLUDE_CLOSED 1u /* also done requests (a final state, or closed), newest first */

/* How service_kpis groups its rows. */
typedef int32_t kam_service_kpi_group;
#define KAM_SERVICE_KPI_ALL 0      /* one row */
#define KAM_SERVICE_KPI_BY_TIER 1  /* the tier the request was opened in */
#define KAM_SERVICE_KPI_BY_POOL 2  /* the engineer pool it was routed to ("(dedicated manager)": none) */
#define KAM_SERVICE_KPI_BY_STATE 3 /* the state of each stay */
#define KAM_SERVICE_KPI_BY_WORKFLOW 4

/* Which requests service_kpis counts: those opened in [from_ms, to_ms). An input struct. */
typedef struct kam_service_kpi_query {
    uint32_t struct_size;
    kam_service_kpi_group group_by;
    int64_t from_ms;   /* 0: 30 days before to_ms */
    int64_t to_ms;     /* 0: the host's now */
} kam_service_kpi_query;

/* ---------------------------------------------------------------------------------------------------
 * The service table (1.4). Growable like kam_api_v1: members are only appended; check a member with
 * KAM_SERVICE_HAS before calling it.
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_service_v1 {
    uint32_t struct_size;  /* sizeof the table in this plugin: see KAM_SERVICE_HAS */
    uint32_t abi_minor;    /* the minor that last grew this table (4) */

    /* ---- 1.4 ----
     *
     * Who sees what (permissions from the YAML's access section):
     *   "service.read"            the actor's own queue; requests assigned to the actor, and those of
     *                             accounts the actor manages (the account's account_manager_id);
     *   "service.read.department" also the queues and requests of employees of the actor's
     *                             department (from the employee record whose id is the actor's id);
     *   "service.read.all"        every queue and request;
     *   "service.kpi"             service_kpis.
     * Anything else is KAM_ERR_PERMISSION (audited as a refusal). Reads are not audited.
     *
     * An ITEM is {type ("service"), request_id, account_id, tier (when opened), workflow (the one it
     * started with: a later tier change does not move it), state, open (bool), assignee, pool,
     * routed_by ("dedicated_manager" | "pool" | "nobody"), opened_at_ms, state_entered_at_ms,
     * deadline_ms (the state's deadline; null: none), left_ms (business ms to it at now; negative:
     * over; null without a deadline), overdue (bool), calendar, time_zone}. */

    /* An employee's queue, as a JSON object, computed at the host's now:
     *   {employee_id, now_ms, time_zone, items: [ITEM], complaints_included (bool), truncated}
     * The open requests assigned to the employee, by business time left (overdue first, most
     * overdue first), those without a deadline last; with KAM_SERVICE_QUEUE_WITH_COMPLAINTS the
     * employee's open complaints are merged in by the same order. limit 0 means 100, at most 1,000
     * (else KAM_ERR_INVALID_ARGUMENT). [thread-safe] */
    kam_status (*queue)(kam_instance *instance, const kam_actor *actor, const char *employee_id, uint32_t flags,
                        uint32_t limit, kam_buffer *out_json);

    /* An account's requests, as a JSON object: {account_id, account_name, now_ms, open: [ITEM] (by
     * deadline), closed: [ITEM] (KAM_SERVICE_INCLUDE_CLOSED only), open_count, overdue_count}.
     * KAM_ERR_NOT_FOUND for an unknown account. limit as in queue. [thread-safe] */
    kam_status (*account_requests)(kam_instance *instance, const kam_actor *actor, const char *account_id,
                                   uint32_t flags, uint32_t limit, kam_buffer *out_json);

    /* One request's timeline, as a JSON object: ITEM's members and {now_ms, account_name,
     *   ledger: [{seq, at_ms, kind ("opened" | "routed" | "state_entered" | "assigned" | "commented" |
     *             "closed"), who ("kam" for an auto transition), state, assignee, deadline_ms,
     *             event_id, details}],
     *   notifications: [{key, kind ("warning" | "escalation" | "auto_transition" | "unrouted"),
     *                    state, step, due_at_ms, employees, roles}]}
     * The ledger is append-only. KAM_ERR_NOT_FOUND for an unknown request. [thread-safe] */
    kam_status (*request)(kam_instance *instance, const kam_actor *actor, const char *request_id,
                          kam_buffer *out_json);

    /* KPIs of the requests opened in the query's period, as a JSON object:
     *   {group_by ("all" | "tier" | "pool" | "state" | "workflow"), from_ms, to_ms, time_zone,
     *    rows: [{group, requests, stays_with_deadline, decided, within_deadline, within_bp (null:
     *            none decided), missed_still_open}], total: {the same members}}
     * A stay in a state with a deadline is decided when it ended (within: at or before the
     * deadline) or its deadline passed by now. Rows sorted by group. Needs "service.kpi".
     * [thread-safe] */
    kam_status (*service_kpis)(kam_instance *instance, const kam_actor *actor, const kam_service_kpi_query *query,
                               kam_buffer *out_json);
    /* end 1.4 */
} kam_service_v1;

/* True when the plugin's service table has member `member`. */
#define KAM_SERVICE_HAS(table, member)                                                            \
    ((table) != NULL &&                                                                             \
     (table)->struct_size >= offsetof(kam_service_v1, member) + sizeof((table)->member) &&       \
     (table)->member != NULL)

#ifdef __cplusplus
}
#endif

#endif /* KAM_SERVICE_H */
