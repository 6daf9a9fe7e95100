/* layout_visits.c - pins the binary layout of kam/visits.h (x86_64, LP64): the visits table
 * kam_visits_v1 (ABI 1.4) with every member's offset and signature, its two query structs, its
 * constants and KAM_VISITS_HAS on shorter tables, as literal numbers (see abi_layout_test.c).
 * Includes only its own header, so it also proves that the header compiles on its own as C99 with
 * -pedantic. */
#include <stdint.h>
#include <string.h>

#include "kam/visits.h"
#include "layout_check.h"

/* Stand-ins with the exact 1.4 signatures: a changed signature fails to compile under -Werror. */
static kam_status f_visits_due(kam_instance *i, const kam_actor *a, const kam_visits_due_query *q, kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}
static kam_status f_account_visits(kam_instance *i, const kam_actor *a, const char *account_id, uint32_t limit,
                                   kam_buffer *b) {
    (void)i; (void)a; (void)account_id; (void)limit; (void)b; return 0;
}
static kam_status f_visit_kpis(kam_instance *i, const kam_actor *a, const kam_visit_kpi_query *q, kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}

static void test_table(void) {
    kam_visits_v1 t;
    memset(&t, 0, sizeof t);
    t.visits_due = f_visits_due;
    t.account_visits = f_account_visits;
    t.visit_kpis = f_visit_kpis;
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_VISITS_HAS(visits_due) in a full table", KAM_VISITS_HAS(&t, visits_due), 1);
    check_value("KAM_VISITS_HAS(visit_kpis) in a full table", KAM_VISITS_HAS(&t, visit_kpis), 1);
    t.struct_size = (uint32_t)offsetof(kam_visits_v1, visit_kpis);
    check_value("KAM_VISITS_HAS(account_visits) in a short table", KAM_VISITS_HAS(&t, account_visits), 1);
    check_value("KAM_VISITS_HAS(visit_kpis) beyond a short table", KAM_VISITS_HAS(&t, visit_kpis), 0);
    t.struct_size = 8;
    check_value("KAM_VISITS_HAS(visits_due) in an empty table", KAM_VISITS_HAS(&t, visits_due), 0);
    t.struct_size = (uint32_t)sizeof t;
    t.account_visits = NULL;
    check_value("KAM_VISITS_HAS(account_visits) when NULL", KAM_VISITS_HAS(&t, account_visits), 0);
    check_value("KAM_VISITS_HAS(NULL table)", KAM_VISITS_HAS((const kam_visits_v1 *)NULL, visits_due), 0);
}

void test_layout_visits(void) {
    /* 1.4 */
    SIZE(kam_visits_v1, 32, 8);
    MEMBER(kam_visits_v1, struct_size, 0, 4);
    MEMBER(kam_visits_v1, abi_minor, 4, 4);
    MEMBER(kam_visits_v1, visits_due, 8, 8);
    MEMBER(kam_visits_v1, account_visits, 16, 8);
    MEMBER(kam_visits_v1, visit_kpis, 24, 8);

    SIZE(kam_visits_due_query, 40, 8);
    MEMBER(kam_visits_due_query, struct_size, 0, 4);
    MEMBER(kam_visits_due_query, flags, 4, 4);
    MEMBER(kam_visits_due_query, manager_id, 8, 8);
    MEMBER(kam_visits_due_query, horizon_ms, 16, 8);
    MEMBER(kam_visits_due_query, after, 24, 8);
    MEMBER(kam_visits_due_query, limit, 32, 4);
    MEMBER(kam_visits_due_query, reserved0, 36, 4);

    SIZE(kam_visit_kpi_query, 24, 8);
    MEMBER(kam_visit_kpi_query, struct_size, 0, 4);
    MEMBER(kam_visit_kpi_query, group_by, 4, 4);
    MEMBER(kam_visit_kpi_query, from_ms, 8, 8);
    MEMBER(kam_visit_kpi_query, to_ms, 16, 8);

    CONSTANT(KAM_VISITS_OVERDUE_ONLY, 1);
    check_value("KAM_VISITS_OVERDUE_ONLY is unsigned", (long long)((KAM_VISITS_OVERDUE_ONLY - 2) > 0), 1);
    CONSTANT(KAM_VISIT_KPI_ALL, 0);
    CONSTANT(KAM_VISIT_KPI_BY_TIER, 1);
    CONSTANT(KAM_VISIT_KPI_BY_MANAGER, 2);
    SAME_TYPE(kam_visit_kpi_group, int32_t);
    /* end 1.4 */
    test_table();
}
