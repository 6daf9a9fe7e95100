/* c_host_test.c - a host written in plain C99, as an ERP written in C would use the plugin.
 *
 * dlopen()s libkam.so, looks up kam_get_api, negotiates ABI major 1 (and sees a wrong major refused),
 * checks and loads a config from text, creates an instance with host callbacks, reads instance_info,
 * frees the buffer, ingests one account and one order, evaluates tiers (ABI 1.1) and reads the
 * account's card, ingests a complaint's steps (a 1.2-sized event among them) and an employee and
 * reads the complaints table (ABI 1.3), reads the service table (ABI 1.4: the queue with the
 * complaints merged in), the contacts and visits tables (ABI 1.4: an unknown caller, the visits
 * due), provokes a bad call and reads its message, destroys the
 * instance and dlclose()s.
 * Usage: c_host_test [PLUGIN_PATH]   (default: the path the build passes as KAM_PLUGIN_PATH)
 * Exits non-zero and prints every failed check on failure.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kam/kam.h"

#ifndef KAM_PLUGIN_PATH
#define KAM_PLUGIN_PATH "libkam.so"
#endif

static int passed = 0;
static int failed = 0;

#define CHECK(cond, ...)                                                 \
    do {                                                                 \
        if (cond) {                                                      \
            ++passed;                                                    \
        } else {                                                         \
            ++failed;                                                    \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);       \
            printf(__VA_ARGS__);                                         \
            printf("\n");                                                \
        }                                                                \
    } while (0)

/* Host callbacks: count log lines, serve a fixed clock. */
struct host_state {
    int log_lines;
    int64_t now;
};

static void on_log(void *host_data, kam_log_level level, const char *message) {
    struct host_state *state = (struct host_state *)host_data;
    (void)level;
    if (message != NULL) state->log_lines++;
}

static int64_t on_now_ms(void *host_data) { return ((struct host_state *)host_data)->now; }

/* Progress callback: count the calls, keep the last (done, total). */
struct progress_state {
    int calls;
    uint64_t done;
    uint64_t total;
};

static void on_progress(void *progress_data, uint64_t done, uint64_t total) {
    struct progress_state *p = (struct progress_state *)progress_data;
    p->calls++;
    p->done = done;
    p->total = total;
}

/* The actor every call of this host makes: user "c-host" with the example config's admin role. */
static const char *const kAdminRoles[] = {"kam.admin"};

static kam_actor admin_actor(void) {
    kam_actor actor;
    memset(&actor, 0, sizeof actor);
    actor.struct_size = sizeof actor;
    actor.user_id = "c-host";
    actor.roles = kAdminRoles;
    actor.role_count = 1;
    return actor;
}

/* An output buffer for a call that answers JSON (the plugin fills it; buffer_free releases it). */
static kam_buffer empty_buffer(void) {
    kam_buffer out;
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    return out;
}

/* ABI 1.1: one account with one order, a tier evaluation, the account's card. */
static void test_tiers(const kam_api_v1 *api, kam_instance *instance, int64_t now) {
    kam_actor actor;
    kam_event_account account;
    kam_event_order order;
    const kam_event_header *events[2];
    kam_batch batch;
    kam_batch_summary batch_summary;
    kam_tier_evaluation request;
    kam_tier_evaluation_summary summary;
    kam_tick_result tick;
    struct progress_state progress = {0, 0, 0};
    kam_buffer card;
    kam_status status;

    CHECK(KAM_API_HAS(api, tiers_evaluate) && KAM_API_HAS(api, account_card),
          "a plugin of ABI 1.%u lacks tiers_evaluate or account_card", (unsigned)api->abi_minor);
    if (!KAM_API_HAS(api, tiers_evaluate) || !KAM_API_HAS(api, account_card)) return;

    actor = admin_actor();

    memset(&account, 0, sizeof account);
    account.header.struct_size = sizeof account;
    account.header.kind = KAM_EVENT_ACCOUNT_UPSERTED;
    account.header.event_id = "acc-C-1";
    account.header.occurred_at_ms = now - 10 * 86400000LL;
    account.account_id = "C-1";
    account.name = "C Host Trading";
    memset(&order, 0, sizeof order);
    order.header.struct_size = sizeof order;
    order.header.kind = KAM_EVENT_ORDER_POSTED;
    order.header.event_id = "so-C-1";
    order.header.occurred_at_ms = now - 86400000LL;
    order.order_id = "SO-C-1";
    order.account_id = "C-1";
    order.amount.minor_units = 250000; /* CNY 2,500.00: gold needs 1,000.00 */
    memcpy(order.amount.currency, "CNY", 4);
    order.margin.minor_units = 50000;
    memcpy(order.margin.currency, "CNY", 4);
    events[0] = &account.header;
    events[1] = &order.header;
    memset(&batch, 0, sizeof batch);
    batch.struct_size = sizeof batch;
    batch.flags = KAM_BATCH_ATOMIC;
    batch.events = events;
    batch.event_count = 2;
    batch.source = "c_host_test";
    memset(&batch_summary, 0, sizeof batch_summary);
    batch_summary.struct_size = sizeof batch_summary;
    status = api->ingest(instance, &actor, &batch, &batch_summary);
    CHECK(status == KAM_OK && batch_summary.accepted == 2, "ingest: %s: %s (%u accepted)", api->status_name(status),
          api->last_error_message(), (unsigned)batch_summary.accepted);

    memset(&request, 0, sizeof request);
    request.struct_size = sizeof request;
    request.progress = on_progress;
    request.progress_data = &progress;
    /* An output struct: only struct_size is set; the rest is garbage the plugin overwrites (1.2). */
    memset(&summary, 0xA5, sizeof summary);
    summary.struct_size = sizeof summary;
    status = api->tiers_evaluate(instance, &actor, &request, &summary);
    CHECK(status == KAM_OK, "tiers_evaluate: %s: %s", api->status_name(status), api->last_error_message());
    CHECK(summary.accounts == 1 && summary.initial == 1, "summary: %u accounts, %u initial",
          (unsigned)summary.accounts, (unsigned)summary.initial);
    CHECK(summary.upgraded == 0 && summary.downgraded == 0 && summary.notifications == 0,
          "a first classification is not a change: %u up, %u down, %u notifications", (unsigned)summary.upgraded,
          (unsigned)summary.downgraded, (unsigned)summary.notifications);
    CHECK(summary.evaluated_at_ms == now, "evaluated_at_ms %lld, the host clock says %lld",
          (long long)summary.evaluated_at_ms, (long long)now);
    CHECK(summary.reserved0 == 0 && summary.missing_rates == 0, "1.2 summary: reserved0 %u, missing_rates %u",
          (unsigned)summary.reserved0, (unsigned)summary.missing_rates);
    CHECK(progress.calls >= 1 && progress.done == 1 && progress.total == 1, "progress: %d calls, last %u of %u",
          progress.calls, (unsigned)progress.done, (unsigned)progress.total);

    memset(&card, 0, sizeof card);
    card.struct_size = sizeof card;
    status = api->account_card(instance, &actor, "C-1", &card);
    CHECK(status == KAM_OK, "account_card: %s: %s", api->status_name(status), api->last_error_message());
    CHECK(card.data != NULL && card.data[0] == '{' && strlen(card.data) == card.length, "card is a JSON object");
    CHECK(card.data != NULL && strstr(card.data, "\"C-1\"") != NULL, "card names the account: %s",
          card.data ? card.data : "(null)");
    CHECK(card.data != NULL && strstr(card.data, "\"gold\"") != NULL, "card has tier gold: %s",
          card.data ? card.data : "(null)");
    CHECK(api->buffer_free(&card) == KAM_OK && card.data == NULL, "buffer_free(card)");

    /* A tick right after a full evaluation is not due; every byte of the result is still written. */
    memset(&tick, 0xA5, sizeof tick);
    tick.struct_size = sizeof tick;
    status = api->tick(instance, &actor, &tick);
    CHECK(status == KAM_OK, "tick: %s: %s", api->status_name(status), api->last_error_message());
    CHECK(tick.tier_evaluation_ran == 0 && tick.tiers.accounts == 0 && tick.tier_missing_rates == 0,
          "tick result zeroed: ran %u, accounts %u, missing %u", (unsigned)tick.tier_evaluation_ran,
          (unsigned)tick.tiers.accounts, (unsigned)tick.tier_missing_rates);

    /* An unknown account: KAM_ERR_NOT_FOUND, nothing in the buffer. */
    status = api->account_card(instance, &actor, "no-such-account", &card);
    CHECK(status == KAM_ERR_NOT_FOUND, "account_card(unknown) returned %s", api->status_name(status));
    CHECK(card.data == NULL, "no card for an unknown account");
}

/* One complaint event (every 1.3 member zero unless set later). */
static void complaint_event(kam_event_complaint *e, const char *event_id, int64_t at, kam_complaint_action action,
                            const char *employee) {
    memset(e, 0, sizeof *e);
    e->header.struct_size = sizeof *e;
    e->header.kind = KAM_EVENT_COMPLAINT;
    e->header.event_id = event_id;
    e->header.occurred_at_ms = at;
    e->complaint_id = "CMP-C-1";
    e->account_id = "C-1";
    e->action = action;
    e->employee_id = employee;
}

static kam_status call_json(const kam_api_v1 *api, kam_status status, kam_buffer *out, const char *needle,
                            const char *what) {
    CHECK(status == KAM_OK, "%s: %s: %s", what, api->status_name(status), api->last_error_message());
    CHECK(status != KAM_OK || (out->data != NULL && out->data[0] == '{' && strstr(out->data, needle) != NULL),
          "%s has %s: %s", what, needle, out->data ? out->data : "(null)");
    api->buffer_free(out);
    return status;
}

/* ABI 1.3: an employee and a complaint's steps through ingest, then the complaints table. */
static void test_complaints(const kam_api_v1 *api, kam_instance *instance, int64_t now) {
    kam_actor actor;
    kam_event_employee employee;
    kam_event_complaint opened, internal_note, old_response, unknown_flags;
    const kam_event_header *events[4];
    kam_event_result results[4];
    kam_batch batch;
    kam_batch_summary summary;
    kam_complaint_kpi_query kpi;
    kam_tick_result tick;
    kam_buffer out;
    const kam_complaints_v1 *table;
    kam_status status;

    CHECK(KAM_API_HAS(api, complaints), "a plugin of ABI 1.%u lacks the complaints getter", (unsigned)api->abi_minor);
    if (!KAM_API_HAS(api, complaints)) return;
    table = api->complaints();
    CHECK(table != NULL, "complaints() is NULL");
    if (table == NULL) return;
    CHECK(table->abi_minor == 3 && table->struct_size >= sizeof(kam_complaints_v1), "complaints table %u bytes, 1.%u",
          (unsigned)table->struct_size, (unsigned)table->abi_minor);
    CHECK(KAM_COMPLAINTS_HAS(table, queue) && KAM_COMPLAINTS_HAS(table, account_complaints) &&
              KAM_COMPLAINTS_HAS(table, complaint) && KAM_COMPLAINTS_HAS(table, complaint_kpis),
          "the complaints table lacks a 1.3 member");
    CHECK(api->complaints() == table, "the getter returns one static table");

    actor = admin_actor();

    memset(&employee, 0, sizeof employee);
    employee.header.struct_size = sizeof employee;
    employee.header.kind = KAM_EVENT_EMPLOYEE_UPSERTED;
    employee.header.event_id = "emp-e-ann";
    employee.header.occurred_at_ms = now - 3 * 3600000LL;
    employee.employee_id = "e-ann";
    employee.name = "Ann";
    employee.department = "service";
    /* Opened two hours ago; an internal note (recorded, not a first response); a response from a host
     * built against the 1.2 header (104 bytes, no response_flags: a first response); and a response
     * with a flag bit this plugin does not know (rejected as that item). */
    complaint_event(&opened, "cmp-1-open", now - 2 * 3600000LL, KAM_COMPLAINT_OPENED, "e-ann");
    opened.severity = 2;
    complaint_event(&internal_note, "cmp-1-note", now - 3600000LL, KAM_COMPLAINT_RESPONDED, "e-ann");
    internal_note.response_flags = KAM_RESPONSE_INTERNAL;
    complaint_event(&old_response, "cmp-1-resp", now - 1800000LL, KAM_COMPLAINT_RESPONDED, "e-ann");
    old_response.header.struct_size = (uint32_t)offsetof(kam_event_complaint, response_flags);
    complaint_event(&unknown_flags, "cmp-1-bad", now - 60000LL, KAM_COMPLAINT_RESPONDED, "e-ann");
    unknown_flags.response_flags = 64u;
    events[0] = &employee.header;
    events[1] = &opened.header;
    events[2] = &internal_note.header;
    events[3] = &old_response.header;
    memset(&batch, 0, sizeof batch);
    batch.struct_size = sizeof batch;
    batch.flags = KAM_BATCH_SKIP_REJECTED;
    batch.events = events;
    batch.event_count = 4;
    batch.source = "c_host_test complaints";
    batch.results = results;
    batch.results_struct_size = sizeof results[0];
    memset(&summary, 0, sizeof summary);
    summary.struct_size = sizeof summary;
    status = api->ingest(instance, &actor, &batch, &summary);
    CHECK(status == KAM_OK && summary.accepted == 4, "ingest complaint steps: %s: %s (%u accepted; %s)",
          api->status_name(status), api->last_error_message(), (unsigned)summary.accepted, results[1].message);
    events[0] = &unknown_flags.header;
    batch.event_count = 1;
    status = api->ingest(instance, &actor, &batch, &summary);
    CHECK(status == KAM_OK && summary.rejected == 1 && results[0].outcome == KAM_ITEM_REJECTED &&
              strstr(results[0].message, "response_flags") != NULL,
          "unknown response_flags: %s, %u rejected: %s", api->status_name(status), (unsigned)summary.rejected,
          results[0].message);

    out = empty_buffer();
    call_json(api, table->queue(instance, &actor, "e-ann", 0, &out), &out, "\"CMP-C-1\"", "queue(e-ann)");
    /* The old host's response was the first response: the queue now shows the resolution clock, with
     * the config's target. The host clock is Wed 2023-11-15 06:13 China time, before the 09:00-18:00
     * day: the complaint (opened 04:13) has used no business time; 40h from Wed 09:00 are Wed, Thu,
     * Fri, Mon (36h) and Tue 11/21 09:00-13:00 China time = 05:00 UTC: 1700542800000. */
    call_json(api, table->queue(instance, &actor, "e-ann", 0, &out), &out, "\"clock\":\"resolution\"",
              "queue clock");
    call_json(api, table->queue(instance, &actor, "e-ann", 0, &out), &out, "\"deadline_ms\":1700542800000",
              "queue deadline");
    call_json(api, table->queue(instance, &actor, "e-ann", 0, &out), &out, "\"has_target\":true", "queue target");
    call_json(api, table->account_complaints(instance, &actor, "C-1", KAM_COMPLAINTS_INCLUDE_CLOSED, 10, &out), &out,
              "\"CMP-C-1\"", "account_complaints(C-1)");
    call_json(api, table->complaint(instance, &actor, "CMP-C-1", &out), &out, "\"first_response\"",
              "complaint(CMP-C-1)");
    memset(&kpi, 0, sizeof kpi);
    kpi.struct_size = sizeof kpi;
    kpi.group_by = KAM_COMPLAINT_KPI_BY_OWNER;
    call_json(api, table->complaint_kpis(instance, &actor, &kpi, &out), &out, "\"e-ann\"", "complaint_kpis(owner)");

    status = table->complaint(instance, &actor, "no-such-complaint", &out);
    CHECK(status == KAM_ERR_NOT_FOUND && out.data == NULL, "complaint(unknown) returned %s", api->status_name(status));
    kpi.struct_size = 4;
    status = table->complaint_kpis(instance, &actor, &kpi, &out);
    CHECK(status == KAM_ERR_INVALID_ARGUMENT && strstr(api->last_error_message(), "kam_complaint_kpi_query") != NULL,
          "a 4-byte KPI query returned %s: %s", api->status_name(status), api->last_error_message());
    status = table->queue(instance, &actor, "e-ann", 1001, &out);
    CHECK(status == KAM_ERR_INVALID_ARGUMENT, "queue limit 1001 returned %s", api->status_name(status));

    /* The 1.3 tick result: every member written (the SLA check ran at the first tick or this one). */
    memset(&tick, 0xA5, sizeof tick);
    tick.struct_size = sizeof tick;
    status = api->tick(instance, &actor, &tick);
    CHECK(status == KAM_OK, "tick: %s: %s", api->status_name(status), api->last_error_message());
    CHECK(tick.sla_ran <= 1 && tick.reserved1 == 0 && tick.sla_warnings == 0 && tick.sla_breaches == 0,
          "1.3 tick members: ran %u, reserved1 %u, warnings %u, breaches %u", (unsigned)tick.sla_ran,
          (unsigned)tick.reserved1, (unsigned)tick.sla_warnings, (unsigned)tick.sla_breaches);
}

/* ABI 1.4: the service table. This config has no workflows: requests are kept as events only, so
 * the queue is empty but answers, and its arguments are checked. */
static void test_service(const kam_api_v1 *api, kam_instance *instance) {
    kam_actor actor;
    kam_buffer out;
    kam_service_kpi_query kpi;
    const kam_service_v1 *table;
    kam_status status;

    CHECK(KAM_API_HAS(api, service), "a plugin of ABI 1.%u lacks the service getter", (unsigned)api->abi_minor);
    if (!KAM_API_HAS(api, service)) return;
    table = api->service();
    CHECK(table != NULL, "service() is NULL");
    if (table == NULL) return;
    CHECK(table->abi_minor == 4 && table->struct_size >= sizeof(kam_service_v1), "service table %u bytes, 1.%u",
          (unsigned)table->struct_size, (unsigned)table->abi_minor);
    CHECK(KAM_SERVICE_HAS(table, queue) && KAM_SERVICE_HAS(table, account_requests) && KAM_SERVICE_HAS(table, request) &&
              KAM_SERVICE_HAS(table, service_kpis),
          "the service table lacks a 1.4 member");
    actor = admin_actor();
    out = empty_buffer();
    call_json(api, table->queue(instance, &actor, "e-ann", KAM_SERVICE_QUEUE_WITH_COMPLAINTS, 0, &out), &out,
              "\"CMP-C-1\"", "service queue(e-ann) with complaints");
    call_json(api, table->queue(instance, &actor, "e-ann", 0, 0, &out), &out, "\"items\":[]", "service queue(e-ann)");
    status = table->queue(instance, &actor, "e-ann", 2u, 0, &out);
    CHECK(status == KAM_ERR_UNSUPPORTED, "service queue flag 2 returned %s", api->status_name(status));
    status = table->request(instance, &actor, "no-such-request", &out);
    CHECK(status == KAM_ERR_NOT_FOUND && out.data == NULL, "request(unknown) returned %s", api->status_name(status));
    memset(&kpi, 0, sizeof kpi);
    kpi.struct_size = sizeof kpi;
    kpi.group_by = KAM_SERVICE_KPI_BY_TIER;
    call_json(api, table->service_kpis(instance, &actor, &kpi, &out), &out, "\"group_by\":\"tier\"", "service_kpis");
    kpi.group_by = 9;
    status = table->service_kpis(instance, &actor, &kpi, &out);
    CHECK(status == KAM_ERR_INVALID_ARGUMENT, "service_kpis group 9 returned %s", api->status_name(status));
}

/* ABI 1.4: the contacts and visits tables. No account of this host has a phone number or a visit
 * cadence, so an unknown caller is "not found" (and out left untouched), and the visits due answer
 * an empty page; the arguments are checked. */
static void test_contacts_and_visits(const kam_api_v1 *api, kam_instance *instance) {
    kam_actor actor;
    kam_buffer out;
    kam_visits_due_query due;
    const kam_contacts_v1 *contacts;
    const kam_visits_v1 *visits;
    kam_status status;

    CHECK(KAM_API_HAS(api, contacts) && KAM_API_HAS(api, visits), "a plugin of ABI 1.%u lacks the contacts or visits getter",
          (unsigned)api->abi_minor);
    if (!KAM_API_HAS(api, contacts) || !KAM_API_HAS(api, visits)) return;
    contacts = api->contacts();
    visits = api->visits();
    CHECK(contacts != NULL && visits != NULL, "contacts() or visits() is NULL");
    if (contacts == NULL || visits == NULL) return;
    CHECK(KAM_CONTACTS_HAS(contacts, who), "the contacts table lacks who");
    CHECK(KAM_VISITS_HAS(visits, visits_due) && KAM_VISITS_HAS(visits, account_visits) &&
              KAM_VISITS_HAS(visits, visit_kpis),
          "the visits table lacks a 1.4 member");
    actor = admin_actor();
    out = empty_buffer();

    status = contacts->who(instance, &actor, "+86 21 5555 0100", 0, &out);
    CHECK(status == KAM_ERR_NOT_FOUND && out.data == NULL, "who(unknown number) returned %s",
          api->status_name(status));
    CHECK(strstr(api->last_error_message(), "not found") != NULL, "who(unknown) message: %s",
          api->last_error_message());
    status = contacts->who(instance, &actor, "", 0, &out);
    CHECK(status == KAM_ERR_INVALID_ARGUMENT, "who(\"\") returned %s", api->status_name(status));
    status = contacts->who(instance, &actor, "ann@example.com", 1u, &out);
    CHECK(status == KAM_ERR_UNSUPPORTED, "who flag 1 returned %s", api->status_name(status));

    memset(&due, 0, sizeof due);
    due.struct_size = sizeof due;
    call_json(api, visits->visits_due(instance, &actor, &due, &out), &out, "\"visits\":[]", "visits_due");
    due.reserved0 = 1;
    status = visits->visits_due(instance, &actor, &due, &out);
    CHECK(status == KAM_ERR_INVALID_ARGUMENT, "visits_due with reserved0 1 returned %s", api->status_name(status));
    status = visits->account_visits(instance, &actor, "no-such-account", 0, &out);
    CHECK(status == KAM_ERR_NOT_FOUND && out.data == NULL, "account_visits(unknown) returned %s",
          api->status_name(status));
}

/* ABI 1.5: the distributors table. A distributor whose level this host's config does not define
 * registers a deal: it is rejected with the reason "unknown_level", stored and listed; a retry with
 * the same registration id answers the stored decision; bad structs and arguments are refused. */
static void test_distributors(const kam_api_v1 *api, kam_instance *instance, int64_t now) {
    kam_actor actor;
    kam_buffer out;
    kam_event_distributor distributor;
    const kam_event_header *events[1];
    const char *territories[1] = {"East"};
    const char *lines[1] = {"servers"};
    kam_batch batch;
    kam_batch_summary summary;
    kam_deal_registration deal;
    kam_deals_query query;
    kam_quote_query quote;
    const kam_distributors_v1 *table;
    kam_status status;
    uint64_t expired = 99;

    CHECK(KAM_API_HAS(api, distributors), "a plugin of ABI 1.%u lacks the distributors getter",
          (unsigned)api->abi_minor);
    if (!KAM_API_HAS(api, distributors)) return;
    table = api->distributors();
    CHECK(table != NULL, "distributors() is NULL");
    if (table == NULL) return;
    CHECK(KAM_DISTRIBUTORS_HAS(table, deal_register) && KAM_DISTRIBUTORS_HAS(table, deals_expire),
          "the distributors table lacks a 1.5 member");
    actor = admin_actor();
    out = empty_buffer();

    memset(&distributor, 0, sizeof distributor);
    distributor.header.struct_size = sizeof distributor;
    distributor.header.kind = KAM_EVENT_DISTRIBUTOR_UPSERTED;
    distributor.header.event_id = "dist-C-D";
    distributor.header.occurred_at_ms = now - 86400000LL;
    distributor.distributor_id = "C-D";
    distributor.name = "C Channel Partner";
    distributor.level = "platinum-partner";
    distributor.territories = territories;
    distributor.territory_count = 1;
    events[0] = &distributor.header;
    memset(&batch, 0, sizeof batch);
    batch.struct_size = sizeof batch;
    batch.events = events;
    batch.event_count = 1;
    batch.source = "c_host_test";
    memset(&summary, 0, sizeof summary);
    summary.struct_size = sizeof summary;
    status = api->ingest(instance, &actor, &batch, &summary);
    CHECK(status == KAM_OK && summary.accepted == 1, "ingest distributor: %s: %s", api->status_name(status),
          api->last_error_message());

    memset(&deal, 0, sizeof deal);
    deal.struct_size = sizeof deal;
    deal.registration_id = "C-DEAL-1";
    deal.distributor_id = "C-D";
    deal.customer_name = "C Host Prospect Ltd";
    deal.region = "East";
    deal.product_lines = lines;
    deal.product_line_count = 1;
    deal.amount.minor_units = 100000;
    memcpy(deal.amount.currency, "CNY", 4);
    deal.discount_bp = 300;
    call_json(api, table->deal_register(instance, &actor, &deal, &out), &out, "\"code\":\"unknown_level\"",
              "deal_register");
    call_json(api, table->deal_register(instance, &actor, &deal, &out), &out, "\"replayed\":true",
              "deal_register again");
    deal.product_line_count = 0;
    status = table->deal_register(instance, &actor, &deal, &out);
    CHECK(status == KAM_ERR_INVALID_ARGUMENT && out.data == NULL, "deal_register without lines returned %s",
          api->status_name(status));
    deal.product_line_count = 1;
    deal.struct_size = 8;
    status = table->deal_register(instance, &actor, &deal, &out);
    CHECK(status == KAM_ERR_INVALID_ARGUMENT, "deal_register with struct_size 8 returned %s", api->status_name(status));

    memset(&query, 0, sizeof query);
    query.struct_size = sizeof query;
    call_json(api, table->deals_list(instance, &actor, &query, &out), &out, "\"registration_id\":\"C-DEAL-1\"",
              "deals_list");
    query.flags = 2u;
    status = table->deals_list(instance, &actor, &query, &out);
    CHECK(status == KAM_ERR_UNSUPPORTED, "deals_list flag 2 returned %s", api->status_name(status));
    status = table->deal_review(instance, &actor, "C-DEAL-1", KAM_DEAL_APPROVE, "why not", &out);
    CHECK(status == KAM_ERR_CONFLICT, "deal_review of a rejected deal returned %s", api->status_name(status));

    memset(&quote, 0, sizeof quote);
    quote.struct_size = sizeof quote;
    quote.account_id = "C-1";
    quote.product_line = "servers";
    quote.discount_bp = 100;
    call_json(api, table->quote_check(instance, &actor, &quote, &out), &out, "\"channel\":\"direct\"",
              "quote_check");
    status = table->deals_expire(instance, &actor, &expired);
    CHECK(status == KAM_OK && expired == 0, "deals_expire returned %s, %llu", api->status_name(status),
          (unsigned long long)expired);
}

static void remove_tree(const char *dir) {
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    if (d == NULL) return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

int main(int argc, char **argv) {
    const char *plugin_path = argc > 1 ? argv[1] : KAM_PLUGIN_PATH;
    void *lib;
    void *symbol;
    kam_get_api_fn get_api = NULL;
    const kam_api_v1 *api;
    char reason[256];
    char dir[] = "/tmp/kam-c-host-XXXXXX";
    char config[2048];
    char db_path[1024];
    kam_config_source source;
    kam_instance_options options;
    kam_host host;
    struct host_state state = {0, 1700000000000};
    kam_instance *instance = NULL;
    kam_buffer buffer;
    kam_status status;

    lib = dlopen(plugin_path, RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        printf("FAIL dlopen %s: %s\nc_host_test: %d passed, 1 failed\n", plugin_path, dlerror(), passed);
        return 1;
    }
    symbol = dlsym(lib, KAM_ENTRY_SYMBOL);
    CHECK(symbol != NULL, "dlsym(%s): %s", KAM_ENTRY_SYMBOL, dlerror());
    if (symbol == NULL) goto done_lib;
    /* ISO C has no cast from void* to a function pointer: copy the representation. */
    memcpy(&get_api, &symbol, sizeof get_api);

    /* A major this plugin does not serve is refused with a reason naming both versions. */
    reason[0] = '\0';
    CHECK(get_api(99, reason, sizeof reason) == NULL, "major 99 accepted");
    CHECK(strstr(reason, "99") != NULL && strstr(reason, "1") != NULL, "reason for major 99: '%s'", reason);

    reason[0] = '\0';
    api = get_api(KAM_ABI_VERSION_MAJOR, reason, sizeof reason);
    CHECK(api != NULL, "major %d refused: %s", KAM_ABI_VERSION_MAJOR, reason);
    if (api == NULL) goto done_lib;
    CHECK(api->abi_major == KAM_ABI_VERSION_MAJOR, "abi_major %u", (unsigned)api->abi_major);
    CHECK((long)api->abi_minor >= (long)KAM_ABI_VERSION_MINOR, "abi_minor %u", (unsigned)api->abi_minor);
    CHECK(api->struct_size >= offsetof(kam_api_v1, audit_query) + sizeof api->audit_query,
          "table of %u bytes", (unsigned)api->struct_size);
    CHECK(api->plugin_version != NULL && api->plugin_version[0] != '\0', "plugin_version");
    CHECK(KAM_API_HAS(api, instance_info), "KAM_API_HAS(instance_info)");
    if (!KAM_API_HAS(api, audit_query)) goto done_lib;

    if (mkdtemp(dir) == NULL) {
        printf("FAIL mkdtemp\n");
        ++failed;
        goto done_lib;
    }
    snprintf(config, sizeof config,
             "kam: 1\ndatabase:\n  url: sqlite:%s/kam.db\nbusiness:\n  reporting_currency: CNY\n"
             "tiers:\n  levels:\n"
             "    - name: gold\n      rule:\n        all:\n          - {metric: revenue, op: \">=\", value: \"1000.00\"}\n"
             "    - name: standard\n      default: true\n"
             "calendars:\n  office:\n    time_zone: Asia/Shanghai\n    hours:\n      weekdays: [\"09:00-18:00\"]\n"
             "complaints:\n  calendar: office\n  targets:\n    - {first_response: 8h, resolution: 40h}\n",
             dir);

    memset(&source, 0, sizeof source);
    source.struct_size = sizeof source;
    source.text = config;
    source.name = "c_host.yaml";

    /* config_check: a summary, and no database file. */
    memset(&buffer, 0, sizeof buffer);
    buffer.struct_size = sizeof buffer;
    status = api->config_check(&source, &buffer);
    CHECK(status == KAM_OK, "config_check: %s: %s", api->status_name(status), api->last_error_message());
    CHECK(buffer.data != NULL && strlen(buffer.data) == buffer.length && buffer.length > 0, "summary buffer");
    CHECK(api->buffer_free(&buffer) == KAM_OK, "buffer_free");
    CHECK(buffer.data == NULL && buffer.length == 0, "buffer_free resets the buffer");
    snprintf(db_path, sizeof db_path, "%s/kam.db", dir);
    CHECK(access(db_path, F_OK) != 0, "config_check created %s", db_path);

    /* An instance with host callbacks. */
    memset(&host, 0, sizeof host);
    host.struct_size = sizeof host;
    host.host_data = &state;
    host.log = on_log;
    host.now_ms = on_now_ms;
    memset(&options, 0, sizeof options);
    options.struct_size = sizeof options;
    options.config = &source;
    options.host = &host;
    status = api->instance_create(&options, &instance);
    CHECK(status == KAM_OK && instance != NULL, "instance_create: %s: %s", api->status_name(status),
          api->last_error_message());
    if (instance == NULL) goto done_dir;

    memset(&buffer, 0, sizeof buffer);
    buffer.struct_size = sizeof buffer;
    status = api->instance_info(instance, &buffer);
    CHECK(status == KAM_OK, "instance_info: %s: %s", api->status_name(status), api->last_error_message());
    CHECK(buffer.data != NULL && buffer.data[0] == '{', "info is a JSON object: %s", buffer.data ? buffer.data : "(null)");
    CHECK(buffer.data != NULL && strlen(buffer.data) == buffer.length, "length matches");
    CHECK(buffer.data != NULL && strstr(buffer.data, "\"plugin_version\"") != NULL, "plugin_version in info");
    CHECK(buffer.data != NULL && strstr(buffer.data, "\"schema_version\"") != NULL, "schema_version in info");
    CHECK(api->buffer_free(&buffer) == KAM_OK, "buffer_free");
    CHECK(api->buffer_free(&buffer) == KAM_OK, "buffer_free of an empty buffer");
    CHECK(api->buffer_free(NULL) == KAM_OK, "buffer_free(NULL)");

    test_tiers(api, instance, state.now);
    test_complaints(api, instance, state.now);
    test_service(api, instance);
    test_contacts_and_visits(api, instance);
    test_distributors(api, instance, state.now);

    /* A bad call: an error status and a message for this thread. */
    memset(&buffer, 0, sizeof buffer);
    buffer.struct_size = sizeof buffer;
    status = api->instance_info(NULL, &buffer);
    CHECK(status == KAM_ERR_INVALID_ARGUMENT, "instance_info(NULL) returned %d", (int)status);
    CHECK(api->last_error_message() != NULL && api->last_error_message()[0] != '\0', "no error message");
    CHECK(strcmp(api->status_name(status), "KAM_ERR_INVALID_ARGUMENT") == 0, "status_name: %s",
          api->status_name(status));
    CHECK(buffer.data == NULL, "no data on failure");

    /* A bad config: KAM_ERR_CONFIG with file:line:column. */
    source.text = "kam: 1\ndatabase:\n  url: sqlite:/nonexistent-kam-dir/kam.db\nno_such_key: 1\n";
    status = api->config_check(&source, NULL);
    CHECK(status == KAM_ERR_CONFIG, "bad config returned %d", (int)status);
    CHECK(strstr(api->last_error_message(), "c_host.yaml:4:1") != NULL, "message: %s", api->last_error_message());

    CHECK(api->instance_destroy(instance) == KAM_OK, "instance_destroy");
    CHECK(api->instance_destroy(NULL) == KAM_OK, "instance_destroy(NULL)");

done_dir:
    remove_tree(dir);
done_lib:
    CHECK(dlclose(lib) == 0, "dlclose: %s", dlerror());
    printf("c_host_test: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
