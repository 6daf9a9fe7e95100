/* layout_service.c - pins the binary layout of kam/service.h (x86_64, LP64): the service table
 * kam_service_v1 (ABI 1.4) with every member's offset and signature, its KPI query, its constants and
 * KAM_SERVICE_HAS on shorter tables, as literal numbers (see abi_layout_test.c). Includes only its
 * own header, so it also proves that the header compiles on its own as C99 with -pedantic. */
#include <stdint.h>
#include <string.h>

#include "kam/service.h"
#include "layout_check.h"

/* Stand-ins with the exact 1.4 signatures: a changed signature fails to compile under -Werror. */
static kam_status f_queue(kam_instance *i, const kam_actor *a, const char *employee_id, uint32_t flags,
                          uint32_t limit, kam_buffer *b) {
    (void)i; (void)a; (void)employee_id; (void)flags; (void)limit; (void)b; return 0;
}
static kam_status f_account_requests(kam_instance *i, const kam_actor *a, const char *account_id, uint32_t flags,
                                     uint32_t limit, kam_buffer *b) {
    (void)i; (void)a; (void)account_id; (void)flags; (void)limit; (void)b; return 0;
}
static kam_status f_request(kam_instance *i, const kam_actor *a, const char *request_id, kam_buffer *b) {
    (void)i; (void)a; (void)request_id; (void)b; return 0;
}
static kam_status f_service_kpis(kam_instance *i, const kam_actor *a, const kam_service_kpi_query *q,
                                 kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}

static void test_table(void) {
    kam_service_v1 t;
    memset(&t, 0, sizeof t);
    t.queue = f_queue;
    t.account_requests = f_account_requests;
    t.request = f_request;
    t.service_kpis = f_service_kpis;

    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_SERVICE_HAS(queue) in a full table", KAM_SERVICE_HAS(&t, queue), 1);
    check_value("KAM_SERVICE_HAS(service_kpis) in a full table", KAM_SERVICE_HAS(&t, service_kpis), 1);
    t.struct_size = (uint32_t)offsetof(kam_service_v1, service_kpis);
    check_value("KAM_SERVICE_HAS(request) in a short table", KAM_SERVICE_HAS(&t, request), 1);
    check_value("KAM_SERVICE_HAS(service_kpis) beyond a short table", KAM_SERVICE_HAS(&t, service_kpis), 0);
    t.struct_size = 8;
    check_value("KAM_SERVICE_HAS(queue) in an empty table", KAM_SERVICE_HAS(&t, queue), 0);
    t.struct_size = (uint32_t)sizeof t;
    t.account_requests = NULL;
    check_value("KAM_SERVICE_HAS(account_requests) when NULL", KAM_SERVICE_HAS(&t, account_requests), 0);
    check_value("KAM_SERVICE_HAS(NULL table)", KAM_SERVICE_HAS((const kam_service_v1 *)NULL, queue), 0);
}

void test_layout_service(void) {
    /* 1.4 */
    SIZE(kam_service_v1, 40, 8);
    MEMBER(kam_service_v1, struct_size, 0, 4);
    MEMBER(kam_service_v1, abi_minor, 4, 4);
    MEMBER(kam_service_v1, queue, 8, 8);
    MEMBER(kam_service_v1, account_requests, 16, 8);
    MEMBER(kam_service_v1, request, 24, 8);
    MEMBER(kam_service_v1, service_kpis, 32, 8);

    SIZE(kam_service_kpi_query, 24, 8);
    MEMBER(kam_service_kpi_query, struct_size, 0, 4);
    MEMBER(kam_service_kpi_query, group_by, 4, 4);
    MEMBER(kam_service_kpi_query, from_ms, 8, 8);
    MEMBER(kam_service_kpi_query, to_ms, 16, 8);

    CONSTANT(KAM_SERVICE_QUEUE_WITH_COMPLAINTS, 1);
    check_value("KAM_SERVICE_QUEUE_WITH_COMPLAINTS is unsigned", (long long)((KAM_SERVICE_QUEUE_WITH_COMPLAINTS - 2) > 0), 1);
    CONSTANT(KAM_SERVICE_INCLUDE_CLOSED, 1);
    CONSTANT(KAM_SERVICE_KPI_ALL, 0);
    CONSTANT(KAM_SERVICE_KPI_BY_TIER, 1);
    CONSTANT(KAM_SERVICE_KPI_BY_POOL, 2);
    CONSTANT(KAM_SERVICE_KPI_BY_STATE, 3);
    CONSTANT(KAM_SERVICE_KPI_BY_WORKFLOW, 4);
    SAME_TYPE(kam_service_kpi_group, int32_t);
    /* end 1.4 */
    test_table();
}
