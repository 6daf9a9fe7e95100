/* layout_complaints.c - pins the binary layout of kam/complaints.h (x86_64, LP64): the complaints
 * table kam_complaints_v1 (ABI 1.3) with every member's offset and signature, its KPI query, its
 * constants and KAM_COMPLAINTS_HAS on shorter tables, as literal numbers (see abi_layout_test.c).
 * Includes only its own header, so it also proves that the header compiles on its own as C99 with
 * -pedantic. */
#include <stdint.h>
#include <string.h>

#include "kam/complaints.h"
#include "layout_check.h"

/* Stand-ins with the exact 1.3 signatures: assigning one to a member of another type is a
 * constraint violation (an error under -Werror), so a changed signature fails to compile. */
static kam_status f_queue(kam_instance *i, const kam_actor *a, const char *employee_id, uint32_t limit,
                          kam_buffer *b) {
    (void)i; (void)a; (void)employee_id; (void)limit; (void)b; return 0;
}
static kam_status f_account_complaints(kam_instance *i, const kam_actor *a, const char *account_id,
                                       uint32_t flags, uint32_t limit, kam_buffer *b) {
    (void)i; (void)a; (void)account_id; (void)flags; (void)limit; (void)b; return 0;
}
static kam_status f_complaint(kam_instance *i, const kam_actor *a, const char *complaint_id, kam_buffer *b) {
    (void)i; (void)a; (void)complaint_id; (void)b; return 0;
}
static kam_status f_complaint_kpis(kam_instance *i, const kam_actor *a, const kam_complaint_kpi_query *q,
                                   kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}

static void test_table(void) {
    kam_complaints_v1 t;
    memset(&t, 0, sizeof t);
    t.queue = f_queue;
    t.account_complaints = f_account_complaints;
    t.complaint = f_complaint;
    t.complaint_kpis = f_complaint_kpis;

    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_COMPLAINTS_HAS(queue) in a full table", KAM_COMPLAINTS_HAS(&t, queue), 1);
    check_value("KAM_COMPLAINTS_HAS(complaint_kpis) in a full table", KAM_COMPLAINTS_HAS(&t, complaint_kpis), 1);
    /* A table that ends before a member does not have it, whatever lies beyond its end. */
    t.struct_size = (uint32_t)offsetof(kam_complaints_v1, complaint_kpis);
    check_value("KAM_COMPLAINTS_HAS(complaint) in a short table", KAM_COMPLAINTS_HAS(&t, complaint), 1);
    check_value("KAM_COMPLAINTS_HAS(complaint_kpis) beyond a short table", KAM_COMPLAINTS_HAS(&t, complaint_kpis), 0);
    t.struct_size = 8; /* the header members only */
    check_value("KAM_COMPLAINTS_HAS(queue) in an empty table", KAM_COMPLAINTS_HAS(&t, queue), 0);
    t.struct_size = (uint32_t)sizeof t;
    t.account_complaints = NULL;
    check_value("KAM_COMPLAINTS_HAS(account_complaints) when NULL", KAM_COMPLAINTS_HAS(&t, account_complaints), 0);
    check_value("KAM_COMPLAINTS_HAS(NULL table)", KAM_COMPLAINTS_HAS((const kam_complaints_v1 *)NULL, queue), 0);
}

void test_layout_complaints(void) {
    /* 1.3 */
    SIZE(kam_complaints_v1, 40, 8);
    MEMBER(kam_complaints_v1, struct_size, 0, 4);
    MEMBER(kam_complaints_v1, abi_minor, 4, 4);
    MEMBER(kam_complaints_v1, queue, 8, 8);
    MEMBER(kam_complaints_v1, account_complaints, 16, 8);
    MEMBER(kam_complaints_v1, complaint, 24, 8);
    MEMBER(kam_complaints_v1, complaint_kpis, 32, 8);

    SIZE(kam_complaint_kpi_query, 24, 8);
    MEMBER(kam_complaint_kpi_query, struct_size, 0, 4);
    MEMBER(kam_complaint_kpi_query, group_by, 4, 4);
    MEMBER(kam_complaint_kpi_query, from_ms, 8, 8);
    MEMBER(kam_complaint_kpi_query, to_ms, 16, 8);

    CONSTANT(KAM_COMPLAINTS_INCLUDE_CLOSED, 1);
    check_value("KAM_COMPLAINTS_INCLUDE_CLOSED is unsigned", (long long)((KAM_COMPLAINTS_INCLUDE_CLOSED - 2) > 0), 1);
    CONSTANT(KAM_COMPLAINT_KPI_ALL, 0);
    CONSTANT(KAM_COMPLAINT_KPI_BY_TIER, 1);
    CONSTANT(KAM_COMPLAINT_KPI_BY_OWNER, 2);
    CONSTANT(KAM_COMPLAINT_KPI_BY_DEPARTMENT, 3);
    SAME_TYPE(kam_complaint_kpi_group, int32_t);
    /* end 1.3 */
    test_table();
}
