/* layout_api.c - pins the binary layout of kam/api.h (x86_64, LP64): every member of the function
 * table kam_api_v1 with its offset, the signature of every member and of the entry point, and
 * KAM_API_HAS on tables of older plugins (see abi_layout_test.c). */
#include <stdint.h>
#include <string.h>

#include "kam/api.h"
#include "layout_check.h"


/* Stand-ins with the exact signatures (1.0 to 1.3). Assigning one to a table member of another type is a
 * constraint violation (an error under -Werror), so a changed signature fails to compile. */
static const char *f_last_error_message(void) { return ""; }
static const char *f_status_name(kam_status s) { (void)s; return ""; }
static const void *f_get_extension(const char *id) { (void)id; return NULL; }
static kam_status f_buffer_free(kam_buffer *b) { (void)b; return 0; }
static kam_status f_config_check(const kam_config_source *s, kam_buffer *b) { (void)s; (void)b; return 0; }
static kam_status f_instance_create(const kam_instance_options *o, kam_instance **i) { (void)o; (void)i; return 0; }
static kam_status f_instance_destroy(kam_instance *i) { (void)i; return 0; }
static kam_status f_config_reload(kam_instance *i, const kam_actor *a, const kam_config_source *s) {
    (void)i; (void)a; (void)s; return 0;
}
static kam_status f_instance_info(kam_instance *i, kam_buffer *b) { (void)i; (void)b; return 0; }
static kam_status f_ingest(kam_instance *i, const kam_actor *a, const kam_batch *b, kam_batch_summary *s) {
    (void)i; (void)a; (void)b; (void)s; return 0;
}
static kam_status f_notifications_poll(kam_instance *i, const kam_actor *a, uint32_t max, kam_buffer *b) {
    (void)i; (void)a; (void)max; (void)b; return 0;
}
static kam_status f_notifications_ack(kam_instance *i, const kam_actor *a, const int64_t *ids, uint32_t n) {
    (void)i; (void)a; (void)ids; (void)n; return 0;
}
static kam_status f_notifications_deliver(kam_instance *i, uint32_t max, uint32_t *out) {
    (void)i; (void)max; (void)out; return 0;
}
static kam_status f_audit_query(kam_instance *i, const kam_actor *a, const kam_audit_query *q, kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}
/* 1.1 */
static kam_status f_tiers_evaluate(kam_instance *i, const kam_actor *a, const kam_tier_evaluation *r,
                                   kam_tier_evaluation_summary *s) {
    (void)i; (void)a; (void)r; (void)s; return 0;
}
static kam_status f_account_card(kam_instance *i, const kam_actor *a, const char *id, kam_buffer *b) {
    (void)i; (void)a; (void)id; (void)b; return 0;
}
static kam_status f_tier_override_set(kam_instance *i, const kam_actor *a, const kam_tier_override *o) {
    (void)i; (void)a; (void)o; return 0;
}
static kam_status f_tier_override_clear(kam_instance *i, const kam_actor *a, const char *id, const char *reason) {
    (void)i; (void)a; (void)id; (void)reason; return 0;
}
static kam_status f_report_pareto(kam_instance *i, const kam_actor *a, uint32_t max, kam_buffer *b) {
    (void)i; (void)a; (void)max; (void)b; return 0;
}
static kam_status f_tick(kam_instance *i, const kam_actor *a, kam_tick_result *r) {
    (void)i; (void)a; (void)r; return 0;
}
/* 1.2 */
static kam_status f_tiers_list(kam_instance *i, const kam_actor *a, const kam_tier_list_query *q, kam_buffer *b) {
    (void)i; (void)a; (void)q; (void)b; return 0;
}
/* end 1.2 */
/* 1.3 */
static const kam_complaints_v1 *f_complaints(void) { return NULL; }
/* end 1.3 */
/* 1.4 */
static const kam_identity_v1 *f_identity(void) { return NULL; }
static const kam_service_v1 *f_service(void) { return NULL; }
static const kam_contacts_v1 *f_contacts(void) { return NULL; }
static const kam_visits_v1 *f_visits(void) { return NULL; }
static const kam_distributors_v1 *f_distributors(void) { return NULL; }
/* end 1.4 */
static void f_progress(void *data, uint64_t done, uint64_t total) { (void)data; (void)done; (void)total; }
static void f_log(void *h, kam_log_level l, const char *m) { (void)h; (void)l; (void)m; }
static kam_status f_notify(void *h, const kam_notification *n) { (void)h; (void)n; return 0; }
static int64_t f_now_ms(void *h) { (void)h; return 0; }
static const kam_api_v1 *f_get_api(uint32_t major, char *buf, size_t cap) {
    (void)major; (void)buf; (void)cap; return NULL;
}

static void test_signatures(void) {
    kam_api_v1 t;
    kam_host h;
    kam_tier_evaluation ev;
    kam_progress_fn progress = f_progress;
    kam_get_api_fn entry = f_get_api;
    memset(&t, 0, sizeof t);
    memset(&h, 0, sizeof h);
    memset(&ev, 0, sizeof ev);
    t.last_error_message = f_last_error_message;
    t.status_name = f_status_name;
    t.get_extension = f_get_extension;
    t.buffer_free = f_buffer_free;
    t.config_check = f_config_check;
    t.instance_create = f_instance_create;
    t.instance_destroy = f_instance_destroy;
    t.config_reload = f_config_reload;
    t.instance_info = f_instance_info;
    t.ingest = f_ingest;
    t.notifications_poll = f_notifications_poll;
    t.notifications_ack = f_notifications_ack;
    t.notifications_deliver = f_notifications_deliver;
    t.audit_query = f_audit_query;
    t.tiers_evaluate = f_tiers_evaluate;
    t.account_card = f_account_card;
    t.tier_override_set = f_tier_override_set;
    t.tier_override_clear = f_tier_override_clear;
    t.report_pareto = f_report_pareto;
    t.tick = f_tick;
    t.complaints = f_complaints; /* 1.3 */
    t.identity = f_identity; /* 1.4 */
    t.service = f_service;
    t.contacts = f_contacts;
    t.visits = f_visits;
    t.distributors = f_distributors; /* 1.5 */
    ev.progress = progress;
    h.log = f_log;
    h.notify = f_notify;
    h.now_ms = f_now_ms;
    /* The declared entry point has the entry point type (not evaluated: nothing is linked). */
    check_value("kam_get_api has type kam_get_api_fn", (long long)sizeof(entry = kam_get_api), (long long)sizeof entry);
    check_value("kam_get_api_fn stand-in", entry(1, NULL, 0) == NULL, 1);

    /* KAM_API_HAS: a table from an older plugin that ends before instance_info. */
    t.struct_size = (uint32_t)offsetof(kam_api_v1, instance_info);
    check_value("KAM_API_HAS(config_reload) in a short table", KAM_API_HAS(&t, config_reload), 1);
    check_value("KAM_API_HAS(instance_info) beyond a short table", KAM_API_HAS(&t, instance_info), 0);
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_API_HAS(audit_query) in a full table", KAM_API_HAS(&t, audit_query), 1);
    t.audit_query = NULL;
    check_value("KAM_API_HAS(audit_query) when NULL", KAM_API_HAS(&t, audit_query), 0);
    check_value("KAM_API_HAS(NULL table)", KAM_API_HAS((const kam_api_v1 *)NULL, buffer_free), 0);

    /* A 1.0 table (136 bytes) has none of the 1.1 members, whatever lies beyond it. */
    t.struct_size = 136;
    check_value("KAM_API_HAS(tiers_evaluate) in a 1.0 table", KAM_API_HAS(&t, tiers_evaluate), 0);
    check_value("KAM_API_HAS(tick) in a 1.0 table", KAM_API_HAS(&t, tick), 0);
    /* A table that ends inside the 1.1 members has those before its end. */
    t.struct_size = (uint32_t)offsetof(kam_api_v1, report_pareto);
    check_value("KAM_API_HAS(tier_override_clear) in a short 1.1 table", KAM_API_HAS(&t, tier_override_clear), 1);
    check_value("KAM_API_HAS(report_pareto) beyond a short 1.1 table", KAM_API_HAS(&t, report_pareto), 0);
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_API_HAS(tick) in a full table", KAM_API_HAS(&t, tick), 1);
    t.tick = NULL;
    check_value("KAM_API_HAS(tick) when NULL", KAM_API_HAS(&t, tick), 0);
    check_value("kam_tier_evaluation.progress set", ev.progress != NULL, 1);
    check_value("kam_host callbacks set", h.log != NULL && h.notify != NULL && h.now_ms != NULL, 1);

    /* 1.2 */
    t.tiers_list = f_tiers_list;
    t.struct_size = (uint32_t)offsetof(kam_api_v1, tiers_list);
    check_value("KAM_API_HAS(tiers_list) in a 1.1 table", KAM_API_HAS(&t, tiers_list), 0);
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_API_HAS(tiers_list) in a full table", KAM_API_HAS(&t, tiers_list), 1);
    /* end 1.2 */

    /* 1.3: a 1.2 table (192 bytes) has no complaints getter. */
    t.struct_size = 192;
    check_value("KAM_API_HAS(complaints) in a 1.2 table", KAM_API_HAS(&t, complaints), 0);
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_API_HAS(complaints) in a full table", KAM_API_HAS(&t, complaints), 1);
    check_value("complaints stand-in", t.complaints() == NULL, 1);
    /* end 1.3 */

    /* 1.4: a 1.3 table (200 bytes) has none of the four capability getters. */
    t.struct_size = 200;
    check_value("KAM_API_HAS(identity) in a 1.3 table", KAM_API_HAS(&t, identity), 0);
    check_value("KAM_API_HAS(visits) in a 1.3 table", KAM_API_HAS(&t, visits), 0);
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_API_HAS(identity) in a full table", KAM_API_HAS(&t, identity), 1);
    check_value("KAM_API_HAS(visits) in a full table", KAM_API_HAS(&t, visits), 1);
    check_value("capability stand-ins", t.identity() == NULL && t.service() == NULL &&
                                            t.contacts() == NULL && t.visits() == NULL, 1);
    /* end 1.4 */

    /* 1.5: a 1.4 table (232 bytes) has no distributors getter. */
    t.struct_size = 232;
    check_value("KAM_API_HAS(distributors) in a 1.4 table", KAM_API_HAS(&t, distributors), 0);
    t.struct_size = (uint32_t)sizeof t;
    check_value("KAM_API_HAS(distributors) in a full table", KAM_API_HAS(&t, distributors), 1);
    check_value("distributors stand-in", t.distributors() == NULL, 1);
    /* end 1.5 */
}

void test_layout_api(void) {
    SIZE(kam_api_v1, 240, 8); /* 1.4: 232; 1.3: 200 */
    MEMBER(kam_api_v1, struct_size, 0, 4);
    MEMBER(kam_api_v1, abi_major, 4, 4);
    MEMBER(kam_api_v1, abi_minor, 8, 4);
    MEMBER(kam_api_v1, reserved0, 12, 4);
    MEMBER(kam_api_v1, plugin_version, 16, 8);
    MEMBER(kam_api_v1, last_error_message, 24, 8);
    MEMBER(kam_api_v1, status_name, 32, 8);
    MEMBER(kam_api_v1, get_extension, 40, 8);
    MEMBER(kam_api_v1, buffer_free, 48, 8);
    MEMBER(kam_api_v1, config_check, 56, 8);
    MEMBER(kam_api_v1, instance_create, 64, 8);
    MEMBER(kam_api_v1, instance_destroy, 72, 8);
    MEMBER(kam_api_v1, config_reload, 80, 8);
    MEMBER(kam_api_v1, instance_info, 88, 8);
    MEMBER(kam_api_v1, ingest, 96, 8);
    MEMBER(kam_api_v1, notifications_poll, 104, 8);
    MEMBER(kam_api_v1, notifications_ack, 112, 8);
    MEMBER(kam_api_v1, notifications_deliver, 120, 8);
    MEMBER(kam_api_v1, audit_query, 128, 8);
    /* 1.1 */
    MEMBER(kam_api_v1, tiers_evaluate, 136, 8);
    MEMBER(kam_api_v1, account_card, 144, 8);
    MEMBER(kam_api_v1, tier_override_set, 152, 8);
    MEMBER(kam_api_v1, tier_override_clear, 160, 8);
    MEMBER(kam_api_v1, report_pareto, 168, 8);
    MEMBER(kam_api_v1, tick, 176, 8);
    /* 1.2 */
    MEMBER(kam_api_v1, tiers_list, 184, 8);
    /* end 1.2 */
    /* 1.3 */
    MEMBER(kam_api_v1, complaints, 192, 8);
    /* end 1.3 */
    /* 1.4 */
    MEMBER(kam_api_v1, identity, 200, 8);
    MEMBER(kam_api_v1, service, 208, 8);
    MEMBER(kam_api_v1, contacts, 216, 8);
    MEMBER(kam_api_v1, visits, 224, 8);
    /* end 1.4 */
    /* 1.5 */
    MEMBER(kam_api_v1, distributors, 232, 8);
    /* end 1.5 */
    test_signatures();
}
