/* layout_audit.c - pins the binary layout of kam/audit.h (x86_64, LP64): the audit-trail filter, as literal
 * numbers (see abi_layout_test.c). Includes only its own header, so it also proves that the header
 * compiles on its own as C99 with -pedantic. */
#include <stdint.h>
#include <string.h>

#include "kam/audit.h"
#include "layout_check.h"

void test_layout_audit(void) {
    SIZE(kam_audit_query, 56, 8);
    MEMBER(kam_audit_query, struct_size, 0, 4);
    MEMBER(kam_audit_query, limit, 4, 4);
    MEMBER(kam_audit_query, since_ms, 8, 8);
    MEMBER(kam_audit_query, until_ms, 16, 8);
    MEMBER(kam_audit_query, user_id, 24, 8);
    MEMBER(kam_audit_query, entity_type, 32, 8);
    MEMBER(kam_audit_query, entity_id, 40, 8);
    MEMBER(kam_audit_query, before_id, 48, 8);
}
