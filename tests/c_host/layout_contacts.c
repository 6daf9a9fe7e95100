/* layout_contacts.c - pins the binary layout of kam/contacts.h (x86_64, LP64): the contacts table
 * kam_contacts_v1 (ABI 1.4) with every member's offset and signature and KAM_CONTACTS_HAS on shorter
 * tables, as literal numbers (see abi_layout_test.c). Includes only its own header, so it also
 * proves that the header compiles on its own as C99 with -pedantic. */
#include <stdint.h>
#include <string.h>

#include "kam/contacts.h"
#include "layout_check.h"

/* A stand-in with the exact 1.4 signature: a changed signature fails to compile under -Werror. */
static kam_status f_who(kam_instance *i, const kam_actor *a, const char *phone_or_email, uint32_t flags,
                        kam_buffer *b) {
    (void)i; (void)a; (void)phone_or_email; (void)flags; (void)b; return 0;
}

static void test_table(void) {
    kam_contacts_v1 t;
    memset(&t, 0, sizeof t);
    t.who = f_who;
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_CONTACTS_HAS(who) in a full table", KAM_CONTACTS_HAS(&t, who), 1);
    t.struct_size = 8; /* the header members only */
    check_value("KAM_CONTACTS_HAS(who) in an empty table", KAM_CONTACTS_HAS(&t, who), 0);
    t.struct_size = (uint32_t)sizeof t;
    t.who = NULL;
    check_value("KAM_CONTACTS_HAS(who) when NULL", KAM_CONTACTS_HAS(&t, who), 0);
    check_value("KAM_CONTACTS_HAS(NULL table)", KAM_CONTACTS_HAS((const kam_contacts_v1 *)NULL, who), 0);
}

void test_layout_contacts(void) {
    /* 1.4 */
    SIZE(kam_contacts_v1, 16, 8);
    MEMBER(kam_contacts_v1, struct_size, 0, 4);
    MEMBER(kam_contacts_v1, abi_minor, 4, 4);
    MEMBER(kam_contacts_v1, who, 8, 8);
    /* end 1.4 */
    test_table();
}
