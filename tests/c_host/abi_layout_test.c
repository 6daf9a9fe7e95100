/* abi_layout_test.c - pins the binary layout of kam.h and every header it includes (x86_64, LP64).
 *
 * Every public struct's size and alignment, the offset and size of every member, the value of every
 * public constant, the width and signedness of every typedef, and the signature of every function in
 * the table, written as literal numbers and types. A change to any of them fails this test (or its
 * compilation, for types and signatures): the ABI is a promise to ERPs already built against it.
 * If a change is intended (a member appended in a new minor), update the numbers here in the same
 * change, and say so in the review.
 *
 * C99, compiled with -std=c99 -pedantic -Wall -Wextra -Werror. Generated once from the header, then
 * kept by hand.
 *
 * One file per public header (layout_base.c, layout_instance.c, layout_events.c, layout_audit.c,
 * layout_tiers.c, layout_complaints.c, layout_contacts.c, layout_visits.c, layout_service.c, layout_identity.c,
 * layout_api.c), each including only its own header; this file counts and reports.
 * A header added for a new capability gets its layout_<header>.c here too.
 */
#include <stdio.h>

#include "kam/kam.h"
#include "layout_check.h"

static int passed = 0;
static int failed = 0;

void check_value(const char *what, long long actual, long long expected) {
    if (actual == expected) {
        ++passed;
    } else {
        ++failed;
        printf("FAIL %s: is %lld, expected %lld\n", what, actual, expected);
    }
}

int main(void) {
    test_layout_base();
    test_layout_instance();
    test_layout_events();
    test_layout_audit();
    test_layout_tiers();
    test_layout_complaints();
    test_layout_contacts();
    test_layout_visits();
    test_layout_distributors();
    test_layout_service();
    test_layout_identity();
    test_layout_api();
    printf("abi_layout_test: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
