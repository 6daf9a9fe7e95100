/*
 * kam/visits.h - customer-visit plans per tier (ABI 1.4, see docs/visits.md): the capability table
 * kam_visits_v1 (visits due and overdue, an account's plan and history, compliance KPIs) and the
 * structs of its queries. Reached through kam_api_v1.visits (check it with KAM_API_HAS first: a 1.3
 * plugin does not have it). The visits themselves are ingested through api->ingest (kam/events.h:
 * kam_event_visit); the plans are checked by api->tick ("visits.tick"), which raises
 * KAM_NOTIFY_VISIT_DUE (kam/instance.h). Part of kam.h (include that); the conventions written at
 * the top of kam.h hold here. C99, compiles as C and as C++.
 *
 * The plan: an account's next visit is due on the local date (business.time_zone) of its last
 * COMPLETED visit plus its tier's benefits.visit_cadence_days (never visited: of the instant the plan
 * began, when the account entered a tier with a cadence). A PLANNED visit does not count. A tier
 * change re-aims the plan with the new cadence at the next plan check (an upgrade brings it
 * forward). "due" from visits.due_ahead_days before the due date; "overdue" once the due date plus
 * visits.grace_days has passed. Instants are UTC epoch ms; due dates "YYYY-MM-DD" in the zone each
 * answer names.
 */
#ifndef KAM_VISITS_H
#define KAM_VISITS_H

#include <kam/base.h>
#include <kam/instance.h>

#ifdef __cplusplus
extern "C" {
#endif

/* kam_visits_due_query.flags */
#define KAM_VISITS_OVERDUE_ONLY 1u /* only the visits already overdue */

/* Which visits visits_due lists. An input struct. */
typedef struct kam_visits_due_query {
    uint32_t struct_size;
    uint32_t flags;           /* KAM_VISITS_* */
    const char *manager_id;   /* NULL or "": every manager the actor may see; else one manager's */
    int64_t horizon_ms;       /* due before now + horizon_ms; 0: visits.due_ahead_days */
    const char *after;        /* NULL or "": the first page; else the previous page's next_cursor */
    uint32_t limit;           /* 0 means 100, at most 1,000 */
    uint32_t reserved0;       /* must be 0 */
} kam_visits_due_query;

/* How visit_kpis groups its rows. */
typedef int32_t kam_visit_kpi_group;
#define KAM_VISIT_KPI_ALL 0        /* one row */
#define KAM_VISIT_KPI_BY_TIER 1    /* the tier the plan followed at the due date */
#define KAM_VISIT_KPI_BY_MANAGER 2 /* the account manager at the due date */

/* Which due dates visit_kpis counts: those in [from_ms, to_ms). An input struct. */
typedef struct kam_visit_kpi_query {
    uint32_t struct_size;
    kam_visit_kpi_group group_by;
    int64_t from_ms;   /* 0: 90 days before to_ms */
    int64_t to_ms;     /* 0: the host's now */
} kam_visit_kpi_query;

/* ---------------------------------------------------------------------------------------------------
 * The visits table (1.4). Growable like kam_api_v1: members are only appended; check a member with
 * KAM_VISITS_HAS before calling it.
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_visits_v1 {
    uint32_t struct_size;  /* sizeof the table in this plugin: see KAM_VISITS_HAS */
    uint32_t abi_minor;    /* the minor that last grew this table (4) */

    /* ---- 1.4 ----
     * Who sees what (permissions from the YAML's access section):
     *   "visits.read"      the plans of the accounts the actor manages (account_manager_id is the
     *                      actor's user id);
     *   "visits.read.all"  every account's;
     *   "visits.kpi"       visit_kpis.
     * Anything else is KAM_ERR_PERMISSION (audited as a refusal). Reads are not audited. */

    /* Visits due, as a JSON object, at the host's now:
     *   {now_ms, time_zone, until_ms, overdue_only, visits: [ITEM], next_cursor (or null: last page)}
     * ITEM: {account_id, account_name, tier, cadence_days, last_visit_at_ms (or null), due_date,
     *        due_ms, level ("upcoming" | "due" | "overdue"), days_overdue (0 unless overdue),
     *        account_manager_id (or null), account_manager_name (or null)}
     * Plans due before now + horizon, earliest first (then account id), as of the last plan check
     * with the visits ingested since taken into account. An actor with only "visits.read" sees their
     * own accounts (manager_id must then be empty or their own user id, else KAM_ERR_PERMISSION).
     * query an input struct. [thread-safe] */
    kam_status (*visits_due)(kam_instance *instance, const kam_actor *actor, const kam_visits_due_query *query,
                             kam_buffer *out_json);

    /* An account's plan and visits, as a JSON object:
     *   {account_id, account_name, tier, time_zone,
     *    plan: {cadence_days, last_visit_at_ms (or null), days_since_last_visit (or null), due_date,
     *           due_ms, level} (or null: the tier has no visit cadence),
     *    visits: [{visit_id, employee_id, status ("planned" | "completed" | "cancelled"),
     *              planned_for_ms, completed_at_ms, cancelled_at_ms (each or null), notes}]}
     * Visits newest first, at most limit (0 means 20, at most 1,000). account_id an id;
     * KAM_ERR_NOT_FOUND for an unknown account. [thread-safe] */
    kam_status (*account_visits)(kam_instance *instance, const kam_actor *actor, const char *account_id,
                                 uint32_t limit, kam_buffer *out_json);

    /* Visit compliance of the due dates in the query's period, as a JSON object:
     *   {group_by ("all" | "tier" | "manager"), from_ms, to_ms, time_zone,
     *    rows: [{group, due, on_time, late, missed, compliance_bp (null: none due)}],
     *    total: {the same members}}
     * A due date counts once it is decided: on_time (a completed visit before it was overdue),
     * late (completed after), missed (overdue and not yet visited); due = on_time + late + missed;
     * compliance_bp = on_time * 10000 / due. Rows sorted by group. query an input struct;
     * from_ms < to_ms. Needs "visits.kpi". [thread-safe] */
    kam_status (*visit_kpis)(kam_instance *instance, const kam_actor *actor, const kam_visit_kpi_query *query,
                             kam_buffer *out_json);
    /* end 1.4 */
} kam_visits_v1;

/* True when the plugin's visits table has member `member`. */
#define KAM_VISITS_HAS(table, member)                                                            \
    ((table) != NULL &&                                                                             \
     (table)->struct_size >= offsetof(kam_visits_v1, member) + sizeof((table)->member) &&       \
     (table)->member != NULL)

#ifdef __cplusplus
}
#endif

#endif /* KAM_VISITS_H */
