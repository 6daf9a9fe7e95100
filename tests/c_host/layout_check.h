/* layout_check.h - the checks of the ABI layout test (abi_layout_test.c runs them): check_value counts
 * a literal expectation, and the SIZE / MEMBER / CONSTANT / SAME_TYPE macros write one per property.
 * One layout_<header>.c per public header pins that header's structs, constants and typedefs. */
#ifndef KAM_LAYOUT_CHECK_H
#define KAM_LAYOUT_CHECK_H

#include <stddef.h>

void check_value(const char *what, long long actual, long long expected);

/* Alignment without C11's _Alignof. */
#define ALIGNOF(type) offsetof(struct { char c; type t; }, t)
#define SIZE(type, size, align)                                      \
    check_value("sizeof(" #type ")", (long long)sizeof(type), size); \
    check_value("alignof(" #type ")", (long long)ALIGNOF(type), align)
#define MEMBER(type, member, offset, size)                                                    \
    check_value("offsetof(" #type ", " #member ")", (long long)offsetof(type, member), offset); \
    check_value("sizeof(" #type "." #member ")", (long long)sizeof(((type *)0)->member), size)
#define CONSTANT(name, value) check_value(#name, (long long)(name), value)
/* The typedef is exactly this type: a pointer conversion between different types is a diagnostic
 * (an error under -Werror), so a changed typedef fails to compile. */
#define SAME_TYPE(typedef_name, type)                            \
    do {                                                         \
        type same_type_probe_ = 0;                               \
        typedef_name *same_type_ptr_ = &same_type_probe_;        \
        check_value("typedef " #typedef_name " is " #type,       \
                    (long long)(sizeof *same_type_ptr_), (long long)sizeof(type)); \
    } while (0)

/* One per header, each in its layout_<header>.c. */
void test_layout_base(void);
void test_layout_instance(void);
void test_layout_events(void);
void test_layout_audit(void);
void test_layout_tiers(void);
void test_layout_complaints(void);
void test_layout_contacts(void);
void test_layout_visits(void);
void test_layout_distributors(void);
void test_layout_service(void);
void test_layout_identity(void);
void test_layout_api(void);

#endif /* KAM_LAYOUT_CHECK_H */
