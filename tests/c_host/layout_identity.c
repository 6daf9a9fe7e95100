/* layout_identity.c - pins the binary layout of kam/identity.h (x86_64, LP64): the identity table
 * kam_identity_v1 (ABI 1.4) with every member's offset and signature, its two query structs and
 * KAM_IDENTITY_HAS on shorter tables, as literal numbers (see abi_layout_test.c). Includes only its
 * own header, so it also proves that the header compiles on its own as C99 with -pedantic. */
#include <stdint.h>
#include <string.h>

#include "kam/identity.h"
#include "layout_check.h"

/* Stand-ins with the exact 1.4 signatures: assigning one to a member of another type is a
 * constraint violation (an error under -Werror), so a changed signature fails to compile. */
static kam_status f_match(kam_instance *i, const kam_actor *a, const kam_identity_match_query *q, kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}
static kam_status f_duplicates(kam_instance *i, const kam_actor *a, const kam_identity_duplicates_query *q,
                               kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}
static kam_status f_merge(kam_instance *i, const kam_actor *a, const char *golden_id, const char *const *ids,
                          uint32_t count, const char *reason, kam_buffer *b) {
    (void)i; (void)a; (void)golden_id; (void)ids; (void)count; (void)reason; (void)b; return 0;
}
static kam_status f_unmerge(kam_instance *i, const kam_actor *a, const char *account_id, const char *reason,
                            kam_buffer *b) {
    (void)i; (void)a; (void)account_id; (void)reason; (void)b; return 0;
}

static void test_table(void) {
    kam_identity_v1 t;
    memset(&t, 0, sizeof t);
    t.match = f_match;
    t.duplicates = f_duplicates;
    t.merge = f_merge;
    t.unmerge = f_unmerge;

    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_IDENTITY_HAS(match) in a full table", KAM_IDENTITY_HAS(&t, match), 1);
    check_value("KAM_IDENTITY_HAS(unmerge) in a full table", KAM_IDENTITY_HAS(&t, unmerge), 1);
    t.struct_size = (uint32_t)offsetof(kam_identity_v1, unmerge);
    check_value("KAM_IDENTITY_HAS(merge) in a short table", KAM_IDENTITY_HAS(&t, merge), 1);
    check_value("KAM_IDENTITY_HAS(unmerge) beyond a short table", KAM_IDENTITY_HAS(&t, unmerge), 0);
    t.struct_size = 8; /* the header members only */
    check_value("KAM_IDENTITY_HAS(match) in an empty table", KAM_IDENTITY_HAS(&t, match), 0);
    t.struct_size = (uint32_t)sizeof t;
    t.duplicates = NULL;
    check_value("KAM_IDENTITY_HAS(duplicates) when NULL", KAM_IDENTITY_HAS(&t, duplicates), 0);
    check_value("KAM_IDENTITY_HAS(NULL table)", KAM_IDENTITY_HAS((const kam_identity_v1 *)NULL, match), 0);
}

void test_layout_identity(void) {
    /* 1.4 */
    SIZE(kam_identity_v1, 40, 8);
    MEMBER(kam_identity_v1, struct_size, 0, 4);
    MEMBER(kam_identity_v1, abi_minor, 4, 4);
    MEMBER(kam_identity_v1, match, 8, 8);
    MEMBER(kam_identity_v1, duplicates, 16, 8);
    MEMBER(kam_identity_v1, merge, 24, 8);
    MEMBER(kam_identity_v1, unmerge, 32, 8);

    SIZE(kam_identity_match_query, 48, 8);
    MEMBER(kam_identity_match_query, struct_size, 0, 4);
    MEMBER(kam_identity_match_query, min_score_bp, 4, 4);
    MEMBER(kam_identity_match_query, name, 8, 8);
    MEMBER(kam_identity_match_query, name_latin, 16, 8);
    MEMBER(kam_identity_match_query, tax_id, 24, 8);
    MEMBER(kam_identity_match_query, region, 32, 8);
    MEMBER(kam_identity_match_query, limit, 40, 4);
    MEMBER(kam_identity_match_query, reserved0, 44, 4);

    SIZE(kam_identity_duplicates_query, 24, 8);
    MEMBER(kam_identity_duplicates_query, struct_size, 0, 4);
    MEMBER(kam_identity_duplicates_query, min_score_bp, 4, 4);
    MEMBER(kam_identity_duplicates_query, after_cluster_id, 8, 8);
    MEMBER(kam_identity_duplicates_query, limit, 16, 4);
    MEMBER(kam_identity_duplicates_query, reserved0, 20, 4);
    /* end 1.4 */
    test_table();
}
