/*
 * kam/audit.h - the filter of api->audit_query (the audit trail every audited call writes to). Part of
 * kam.h (include that); the conventions written at the top of kam.h hold here. C99, compiles as C and
 * as C++.
 */
#ifndef KAM_AUDIT_H
#define KAM_AUDIT_H

#include <kam/base.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A filter for the audit trail. Zero / NULL members do not filter. */
typedef struct kam_audit_query {
    uint32_t struct_size;
    uint32_t limit;             /* 0 means 100; at most KAM_MAX_AUDIT_LIMIT (10,000) */
    int64_t since_ms;           /* inclusive */
    int64_t until_ms;           /* exclusive; 0 = no bound */
    const char *user_id;
    const char *entity_type;    /* "config", "batch", "notification", ... */
    const char *entity_id;
    int64_t before_id;          /* paging: entries with id < before_id; 0 = newest first */
} kam_audit_query;

#ifdef __cplusplus
}
#endif

#endif /* KAM_AUDIT_H */
