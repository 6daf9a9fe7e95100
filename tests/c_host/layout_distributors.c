/* layout_distributors.c - pins the binary layout of kam/distributors.h (x86_64, LP64): the table
 * kam_distributors_v1 (ABI 1.5) with every member's offset and signature, its four input structs, its
 * constants and KAM_DISTRIBUTORS_HAS on shorter tables, as literal numbers (see abi_layout_test.c).
 * Includes only its own header, so it also proves that the header compiles on its own as C99 with
 * -pedantic. */
#include <stdint.h>
#include <string.h>

#include "kam/distributors.h"
#include "layout_check.h"

/* Stand-ins with the exact 1.5 signatures: a changed signature fails to compile under -Werror. */
static kam_status f_register(kam_instance *i, const kam_actor *a, const kam_deal_registration *r, kam_buffer *b) {
    (void)i; (void)a; (void)r; (void)b; return 0;
}
static kam_status f_review(kam_instance *i, const kam_actor *a, const char *id, kam_deal_verdict v, const char *reason,
                           kam_buffer *b) {
    (void)i; (void)a; (void)id; (void)v; (void)reason; (void)b; return 0;
}
static kam_status f_list(kam_instance *i, const kam_actor *a, const kam_deals_query *q, kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}
static kam_status f_channel(kam_instance *i, const kam_actor *a, const kam_channel_query *q, kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}
static kam_status f_quote(kam_instance *i, const kam_actor *a, const kam_quote_query *q, kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}
static kam_status f_expire(kam_instance *i, const kam_actor *a, uint64_t *n) {
    (void)i; (void)a; (void)n; return 0;
}

static void test_table(void) {
    kam_distributors_v1 t;
    memset(&t, 0, sizeof t);
    t.deal_register = f_register;
    t.deal_review = f_review;
    t.deals_list = f_list;
    t.channel_conflicts = f_channel;
    t.channel_report = f_channel;
    t.quote_check = f_quote;
    t.deals_expire = f_expire;
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_DISTRIBUTORS_HAS(deal_register) in a full table", KAM_DISTRIBUTORS_HAS(&t, deal_register), 1);
    check_value("KAM_DISTRIBUTORS_HAS(deals_expire) in a full table", KAM_DISTRIBUTORS_HAS(&t, deals_expire), 1);
    t.struct_size = (uint32_t)offsetof(kam_distributors_v1, deals_expire);
    check_value("KAM_DISTRIBUTORS_HAS(quote_check) in a short table", KAM_DISTRIBUTORS_HAS(&t, quote_check), 1);
    check_value("KAM_DISTRIBUTORS_HAS(deals_expire) beyond a short table", KAM_DISTRIBUTORS_HAS(&t, deals_expire), 0);
    t.struct_size = (uint32_t)sizeof t;
    t.deal_review = NULL;
    check_value("KAM_DISTRIBUTORS_HAS(deal_review) when NULL", KAM_DISTRIBUTORS_HAS(&t, deal_review), 0);
    check_value("KAM_DISTRIBUTORS_HAS(NULL table)",
                KAM_DISTRIBUTORS_HAS((const kam_distributors_v1 *)NULL, deal_register), 0);
}

void test_layout_distributors(void) {
    /* 1.5 */
    SIZE(kam_distributors_v1, 64, 8);
    MEMBER(kam_distributors_v1, struct_size, 0, 4);
    MEMBER(kam_distributors_v1, abi_minor, 4, 4);
    MEMBER(kam_distributors_v1, deal_register, 8, 8);
    MEMBER(kam_distributors_v1, deal_review, 16, 8);
    MEMBER(kam_distributors_v1, deals_list, 24, 8);
    MEMBER(kam_distributors_v1, channel_conflicts, 32, 8);
    MEMBER(kam_distributors_v1, channel_report, 40, 8);
    MEMBER(kam_distributors_v1, quote_check, 48, 8);
    MEMBER(kam_distributors_v1, deals_expire, 56, 8);

    SIZE(kam_deal_registration, 112, 8);
    MEMBER(kam_deal_registration, struct_size, 0, 4);
    MEMBER(kam_deal_registration, product_line_count, 4, 4);
    MEMBER(kam_deal_registration, registration_id, 8, 8);
    MEMBER(kam_deal_registration, distributor_id, 16, 8);
    MEMBER(kam_deal_registration, customer_name, 24, 8);
    MEMBER(kam_deal_registration, customer_name_latin, 32, 8);
    MEMBER(kam_deal_registration, tax_id, 40, 8);
    MEMBER(kam_deal_registration, region, 48, 8);
    MEMBER(kam_deal_registration, industry, 56, 8);
    MEMBER(kam_deal_registration, product_lines, 64, 8);
    MEMBER(kam_deal_registration, amount, 72, 16);
    MEMBER(kam_deal_registration, discount_bp, 88, 8);
    MEMBER(kam_deal_registration, expected_close_ms, 96, 8);
    MEMBER(kam_deal_registration, notes, 104, 8);

    SIZE(kam_deals_query, 40, 8);
    MEMBER(kam_deals_query, struct_size, 0, 4);
    MEMBER(kam_deals_query, flags, 4, 4);
    MEMBER(kam_deals_query, distributor_id, 8, 8);
    MEMBER(kam_deals_query, status, 16, 8);
    MEMBER(kam_deals_query, after, 24, 8);
    MEMBER(kam_deals_query, limit, 32, 4);
    MEMBER(kam_deals_query, reserved0, 36, 4);

    SIZE(kam_channel_query, 32, 8);
    MEMBER(kam_channel_query, struct_size, 0, 4);
    MEMBER(kam_channel_query, reserved0, 4, 4);
    MEMBER(kam_channel_query, from_ms, 8, 8);
    MEMBER(kam_channel_query, to_ms, 16, 8);
    MEMBER(kam_channel_query, distributor_id, 24, 8);

    SIZE(kam_quote_query, 40, 8);
    MEMBER(kam_quote_query, struct_size, 0, 4);
    MEMBER(kam_quote_query, reserved0, 4, 4);
    MEMBER(kam_quote_query, account_id, 8, 8);
    MEMBER(kam_quote_query, distributor_id, 16, 8);
    MEMBER(kam_quote_query, product_line, 24, 8);
    MEMBER(kam_quote_query, discount_bp, 32, 8);

    CONSTANT(KAM_DEALS_REVIEW_QUEUE, 1);
    check_value("KAM_DEALS_REVIEW_QUEUE is unsigned", (long long)((KAM_DEALS_REVIEW_QUEUE - 2) > 0), 1);
    CONSTANT(KAM_DEAL_APPROVE, 1);
    CONSTANT(KAM_DEAL_REJECT, 2);
    SAME_TYPE(kam_deal_verdict, int32_t);
    /* end 1.5 */
    test_table();
}
