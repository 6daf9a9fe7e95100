/*
 * kam.h - the C ABI of the KAM key-account management plugin.
 *
 * This header is the product's contract with every ERP that loads the plugin. It is C99 and compiles
 * as C and as C++. An ERP built against ABI major 1 keeps working with every later 1.x plugin.
 *
 * How a host uses it:
 *   1. dlopen() the plugin (libkam.so) and look up its one exported function, kam_get_api.
 *   2. Call kam_get_api(KAM_ABI_VERSION_MAJOR, errbuf, sizeof errbuf). It returns the function table
 *      for that major version, or NULL with the reason (naming both versions) in errbuf.
 *   3. Before calling a member added after 1.0, check it with KAM_API_HAS(api, member).
 *   4. api->instance_create() with a YAML config and the host's callbacks; call the instance;
 *      api->instance_destroy() it.
 *
 * Conventions (they hold for every function unless its comment says otherwise):
 *   - Every function returns a kam_status. On failure api->last_error_message() returns a message for
 *     the calling thread's last failed call; a successful call leaves it as it was.
 *   - Strings are NUL-terminated UTF-8. Strings the host passes in are only read during the call
 *     (the plugin copies what it keeps). Invalid UTF-8 is refused with KAM_ERR_INVALID_ARGUMENT.
 *   - String limits (KAM_ERR_INVALID_ARGUMENT naming the member when exceeded; per item at ingest):
 *       ids: every id of every kind (event, account, order, complaint, request, visit, distributor,
 *         employee and account-manager ids), kam_actor.user_id and each role name: at most 200 bytes
 *         (KAM_MAX_ID_BYTES), no control characters;
 *       names: account and distributor names, tier names, flags, regions, industries, departments,
 *         channels, categories, states, levels, kam_batch.source, audit filters: at most 1,000
 *         bytes, no control characters;
 *       reasons (overrides, cancellations): at most 2,000 bytes; free texts (complaint and request
 *         texts, visit notes): at most 10,000 bytes; both may hold line breaks and tabs ('\n', '\t')
 *         but no other control character.
 *     Control characters are C0 (U+0000..U+001F), DEL (U+007F) and C1 (U+0080..U+009F): refused so
 *     that no id or name can forge a log line or send terminal escapes. kam_actor.role_count is at
 *     most 100.
 *   - Every message the plugin returns (last_error_message, kam_event_result.message, log lines) is
 *     valid UTF-8: bytes it quotes that are not valid UTF-8 are written as \xNN, and a message cut
 *     to fit is cut on a character boundary.
 *   - Host clock: kam_host.now_ms must return a time in 1970-01-01..9999-12-31 (0 ..
 *     253402300799999 ms), the range events are held to; a call that reads another value is refused
 *     with KAM_ERR_INVALID_ARGUMENT naming it, having done nothing.
 *   - Integers are fixed width. Enumerations are int32_t typedefs with named constants.
 *   - Money is an integer number of minor units (cents, fen) with an ISO 4217 currency code.
 *   - Times are UTC milliseconds since the Unix epoch (int64_t).
 *   - Every struct that crosses the boundary begins with uint32_t struct_size = sizeof(the struct) as
 *     the host was compiled. Structs only ever grow at the end; members are never reordered or
 *     removed, and each group of members is marked with the version that added it. A struct embedded
 *     by value in another is a frozen type that never grows (kam_tier_evaluation_summary_1_1).
 *     Every struct smaller than its first published size is refused (KAM_ERR_INVALID_ARGUMENT).
 *     Input structs (the host passes them in): a larger one from a newer host is accepted when every
 *     member the plugin does not know is zero, and refused otherwise with KAM_ERR_UNSUPPORTED (a newer
 *     host asked for something this plugin cannot do); unknown bits in a flags member likewise.
 *     Members named reserved* in input structs must be zero.
 *     Output structs (the plugin only writes them: kam_batch_summary, kam_event_result through
 *     kam_batch.results_struct_size, kam_tier_evaluation_summary, kam_tick_result): only struct_size
 *     needs to be set, to any size >= the first published one; the plugin writes the members it knows,
 *     zeroes the rest of the host's struct (so a member of a newer header reads 0 from an older
 *     plugin) and leaves struct_size as the host set it.
 *   - Ownership: pointers the host passes are owned by the host. Memory the plugin returns is either
 *     static (stated), or a kam_buffer that the host gives back with api->buffer_free(). The host
 *     never calls free() on anything from the plugin.
 *   - Thread rules are written in brackets at each function: [thread-safe] means any thread, also
 *     concurrently with other calls on the same instance.
 *   - The plugin starts no threads. It calls the host's callbacks only on the thread that is inside a
 *     call into the plugin, and never while holding a lock that another plugin call on another thread
 *     could be waiting for in a callback.
 *   - Callbacks may call into the plugin (re-entrant calls): log and notify may call any function,
 *     also on the same instance (notify may acknowledge or poll, log may read instance_info), except
 *     instance_destroy of the instance they are called for. The plugin holds no lock of its own while
 *     it calls them. progress must not call into the plugin. now_ms should not.
 *   - Every action taken on behalf of a person carries a kam_actor; the plugin checks the actor's roles
 *     against the access rules in the YAML and records the action in its audit trail.
 *   - Refusals are recorded too: a call refused with KAM_ERR_PERMISSION writes an audit entry
 *     {user_id, roles, action "permission.refused", entity_type "call", entity_id the function,
 *     after {call, permission}}. Bounded so that a flood cannot fill the database: per instance and
 *     per minute of the host clock, at most 10 such entries per user_id and 100 in all; the rest are
 *     counted in one entry {user_id "kam", action "permission.refused.suppressed", after {count,
 *     from_ms, until_ms, users (at most 10)}}, written with the first refusal of a later minute or
 *     at instance_destroy.
 *   - Host-side calls take no kam_actor: no person acts, the host does. They are instance_info (read
 *     only, not audited), notifications_deliver (audited: one entry with user_id "host", no roles,
 *     action "notifications.deliver", after {delivered_at_ms, ids}) and the life cycle
 *     (config_check, instance_create, instance_destroy). No permission applies to them: the host
 *     process itself is trusted; everything a person asks for goes through a kam_actor.
 *
 * Unloading: the library MAY be unloaded (dlclose) once every instance has been destroyed and no call
 * into it is in progress on any thread. Nothing of the plugin outlives dlclose (its per-thread error
 * buffer is trivially destructible, and it leaves no ICU or other library state behind: a
 * load/unload cycle leaks nothing). Pointers it returned as static become invalid then.
 * While any instance lives the plugin keeps itself loaded (it holds a dlopen reference on its own
 * library, taken by the first instance_create and dropped by the last instance_destroy): a host
 * that dlcloses it with an instance still open keeps a working plugin and table, and the library
 * is unloaded when that last instance is destroyed. A handle is checked against the set of live
 * instances, never by reading its memory: a destroyed (or foreign) handle is refused with
 * KAM_ERR_INVALID_ARGUMENT, a second instance_destroy too.
 */
#ifndef KAM_KAM_H
#define KAM_KAM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------------
 * Versions
 * ------------------------------------------------------------------------------------------------- */

/* The ABI major version this header describes. A new major is a new table type (kam_api_v2) and a
 * new header; a plugin may serve several majors from the same entry point. */
#define KAM_ABI_VERSION_MAJOR 1
/* The ABI minor version: grows when members are appended to the table or to structs. */
#define KAM_ABI_VERSION_MINOR 2

/* The name of the one exported function, for dlsym() and boost::dll. */
#define KAM_ENTRY_SYMBOL "kam_get_api"

/* ---------------------------------------------------------------------------------------------------
 * Status codes
 * ------------------------------------------------------------------------------------------------- */
typedef int32_t kam_status;
#define KAM_OK 0
#define KAM_ERR_INVALID_ARGUMENT 1 /* a NULL, a bad struct size, invalid UTF-8, a value out of range */
#define KAM_ERR_VERSION 2          /* ABI version or struct version cannot be served */
#define KAM_ERR_CONFIG 3           /* the YAML config is invalid; the message says file:line:column */
#define KAM_ERR_STORE 4            /* the database failed (I/O, connection, constraint) */
#define KAM_ERR_NOT_FOUND 5        /* a named object (account, complaint, ...) does not exist */
#define KAM_ERR_CONFLICT 6         /* e.g. an event id reused with a different payload */
#define KAM_ERR_PERMISSION 7       /* the actor's roles do not allow the action */
#define KAM_ERR_BATCH_REJECTED 8   /* an atomic batch had a rejected item; nothing was stored */
#define KAM_ERR_SCHEMA_TOO_NEW 9   /* the database was written by a newer plugin */
#define KAM_ERR_UNSUPPORTED 10     /* the request needs something this plugin does not have */
#define KAM_ERR_BUSY 11            /* a lock or connection lease timed out; the call may be retried */
#define KAM_ERR_OUT_OF_MEMORY 12
#define KAM_ERR_INTERNAL 13        /* a bug in the plugin; the message says what failed */

/* ---------------------------------------------------------------------------------------------------
 * Limits a host can hit (1.2: written here; the plugin enforced most of them since 1.0). Each call's
 * comment names the ones that apply to it; a value over its limit is KAM_ERR_INVALID_ARGUMENT.
 * ------------------------------------------------------------------------------------------------- */
#define KAM_MAX_ID_BYTES 200            /* every id of every kind, user ids, role names */
#define KAM_MAX_NAME_BYTES 1000         /* names and other short strings (see the conventions) */
#define KAM_MAX_REASON_BYTES 2000       /* reasons kept in the audit trail */
#define KAM_MAX_TEXT_BYTES 10000        /* free texts and notes */
#define KAM_MAX_ROLES 100               /* kam_actor.role_count */
#define KAM_MAX_LIST_ITEMS 10000        /* flags, territories, industries of one event */
#define KAM_MAX_BATCH_EVENTS 1000000    /* kam_batch.event_count */
#define KAM_MAX_ACK_IDS 100000          /* ids per notifications_ack */
#define KAM_MAX_AUDIT_LIMIT 10000       /* kam_audit_query.limit */
#define KAM_MAX_AMOUNT_MINOR 1000000000000000LL /* |minor_units| of one document's amount or margin */
#define KAM_NOTIFY_RETRY_MS 60000       /* a notification the notify callback did not acknowledge (or
                                           that a host claimed and did not finish) is delivered
                                           again after this long */

/* ---------------------------------------------------------------------------------------------------
 * Plain data passed across the boundary
 * ------------------------------------------------------------------------------------------------- */

/* An amount of money. currency is a three-letter ISO 4217 code and a NUL ("EUR\0", "CNY\0").
 * In events, |minor_units| is at most KAM_MAX_AMOUNT_MINOR (10^15). */
typedef struct kam_money {
    int64_t minor_units;
    char currency[4];
    uint32_t reserved0;
} kam_money;

/* Text the plugin returns: NUL-terminated UTF-8 (JSON where a function says so).
 * The host declares one (struct_size set, the rest zero), passes its address, and gives it back with
 * api->buffer_free() when done. data stays valid until then; any thread may free it. The struct may
 * be copied or moved between the fill and buffer_free (internal holds no pointer to the struct);
 * free exactly one copy. A function refuses a buffer that still holds data (KAM_ERR_INVALID_ARGUMENT)
 * rather than leak it: free it first. */
typedef struct kam_buffer {
    uint32_t struct_size;
    uint32_t reserved0;
    char *data;       /* owned by the plugin; NULL until filled */
    uint64_t length;  /* bytes in data, not counting the NUL */
    void *internal;   /* the plugin's; do not touch */
} kam_buffer;

/* Who is acting. user_id is the host's user id; roles are the host's role names, matched against the
 * access rules in the YAML. Read during the call only. */
typedef struct kam_actor {
    uint32_t struct_size;
    uint32_t role_count;
    const char *user_id;          /* required, non-empty; an id: at most 200 bytes, no control chars */
    const char *const *roles;     /* role_count (at most 100) strings, each an id; may be NULL when
                                     role_count is 0 */
} kam_actor;

/* Where a YAML config comes from: a file (path), or text the host holds (text, with name used as the
 * "file" in error messages). Exactly one of path and text is set. */
typedef struct kam_config_source {
    uint32_t struct_size;
    uint32_t reserved0;
    const char *path;
    const char *text;
    const char *name;  /* optional, for text: defaults to "<text>" */
} kam_config_source;

/* ---------------------------------------------------------------------------------------------------
 * Host callbacks, given at instance creation
 * ------------------------------------------------------------------------------------------------- */
typedef int32_t kam_log_level;
#define KAM_LOG_DEBUG 10
#define KAM_LOG_INFO 20
#define KAM_LOG_WARNING 30
#define KAM_LOG_ERROR 40

typedef int32_t kam_notification_kind;
/* payload (1.1): {account_id, from, to, change ("upgraded" | "downgraded" | "reset" | "override_set" |
 * "override_expired" | "override_ended"), computed_tier, overridden, reason, explanation} */
#define KAM_NOTIFY_TIER_CHANGED 1
#define KAM_NOTIFY_SLA_WARNING 2
#define KAM_NOTIFY_SLA_BREACH 3
#define KAM_NOTIFY_CHANNEL_CONFLICT 4
#define KAM_NOTIFY_VISIT_DUE 5
/* payload (1.1): {account_id, score, level, retention_discount_bp, explanation} */
#define KAM_NOTIFY_CHURN_RISK 6

/* Something the plugin tells the host. All pointers are valid only during the notify callback. */
typedef struct kam_notification {
    uint32_t struct_size;
    kam_notification_kind kind;
    int64_t id;               /* unique per database; pass it to notifications_ack */
    int64_t created_at_ms;
    const char *kind_name;    /* "tier_changed", ... */
    const char *account_id;   /* may be NULL */
    const char *payload_json; /* details as a JSON object */
} kam_notification;

/* The host's services. Every callback is optional (NULL). The plugin copies this struct at creation;
 * host_data must stay valid until instance_destroy returns. Callbacks may be called from any host
 * thread that is inside a plugin call, concurrently: they must be thread-safe. */
typedef struct kam_host {
    uint32_t struct_size;
    uint32_t reserved0;
    void *host_data;
    /* Log a line. message (valid UTF-8) is valid during the call. Default: nothing is logged.
     * May call into the plugin (see the conventions). */
    void (*log)(void *host_data, kam_log_level level, const char *message);
    /* Deliver a notification (see notifications_deliver). Return KAM_OK to acknowledge it; any other
     * status leaves it pending for a later delivery after KAM_NOTIFY_RETRY_MS (delivery is at least
     * once). May call into the plugin (see the conventions). */
    kam_status (*notify)(void *host_data, const kam_notification *notification);
    /* The current time in UTC epoch ms. Default: the system clock. Tests and simulations drive it.
     * Must lie in 1970-01-01..9999-12-31 (see the conventions). */
    int64_t (*now_ms)(void *host_data);
} kam_host;

/* ---------------------------------------------------------------------------------------------------
 * Instances
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_instance kam_instance; /* opaque */

typedef struct kam_instance_options {
    uint32_t struct_size;
    uint32_t flags;                   /* none defined in 1.0: must be 0 */
    const kam_config_source *config;  /* required; read during the call */
    const kam_host *host;             /* optional; copied */
} kam_instance_options;

/* ---------------------------------------------------------------------------------------------------
 * ERP events (ingestion). Each event struct begins with a kam_event_header whose struct_size is the
 * size of the whole event struct and whose kind says which struct it is. A batch is an array of
 * pointers to such headers, so kinds can be mixed and each kind can grow on its own.
 * Every event carries the host's event id: sending the same id with the same payload again is a
 * no-op reported as a duplicate; the same id with another payload is refused as a conflict.
 * ------------------------------------------------------------------------------------------------- */
typedef int32_t kam_event_kind;
#define KAM_EVENT_ACCOUNT_UPSERTED 1     /* kam_event_account */
#define KAM_EVENT_ORDER_POSTED 2         /* kam_event_order */
#define KAM_EVENT_ORDER_CANCELLED 3      /* kam_event_order_cancel */
#define KAM_EVENT_COMPLAINT 4            /* kam_event_complaint */
#define KAM_EVENT_SERVICE_REQUEST 5      /* kam_event_service_request */
#define KAM_EVENT_VISIT 6                /* kam_event_visit */
#define KAM_EVENT_DISTRIBUTOR_UPSERTED 7 /* kam_event_distributor */

typedef struct kam_event_header {
    uint32_t struct_size;     /* sizeof the whole event struct */
    kam_event_kind kind;
    const char *event_id;     /* the host's unique id for this event; required; an id (at most
                                 KAM_MAX_ID_BYTES, 200) like every *_id member of every event */
    int64_t occurred_at_ms;   /* when it happened in the ERP (order date, complaint time, ...) */
} kam_event_header;

/* An account was created or changed. The whole account is sent each time (not a patch). */
typedef struct kam_event_account {
    kam_event_header header;
    const char *account_id;          /* required: the host's customer id */
    const char *name;                /* required: legal or trading name, any script */
    const char *name_latin;          /* optional: Latin-script name (pinyin, English) */
    const char *tax_id;              /* optional: e.g. unified social credit code, VAT id */
    const char *region;              /* optional */
    const char *industry;            /* optional */
    const char *account_manager_id;  /* optional: host user id */
    const char *distributor_id;      /* optional: owning distributor, if served through the channel */
    const char *const *flags;        /* flag_count strings: "strategic", "reference_customer", ... */
    uint32_t flag_count;
    uint32_t reserved0;
} kam_event_account;

typedef int32_t kam_document_type;
#define KAM_DOCUMENT_ORDER 1
#define KAM_DOCUMENT_INVOICE 2
#define KAM_DOCUMENT_CREDIT_NOTE 3

/* An order or invoice was posted. header.occurred_at_ms is its business date. */
typedef struct kam_event_order {
    kam_event_header header;
    const char *order_id;            /* required */
    const char *account_id;          /* required; the account must exist (see docs/ingestion.md) */
    kam_money amount;                /* net revenue, >= 0 (a credit note states a positive amount) */
    kam_money margin;                /* gross margin in the same currency; may be negative */
    kam_document_type document_type; /* 0 means KAM_DOCUMENT_ORDER */
    uint32_t reserved0;
} kam_event_order;

/* A previously posted order was cancelled. */
typedef struct kam_event_order_cancel {
    kam_event_header header;
    const char *order_id;  /* required; must have been posted */
    const char *reason;    /* optional */
} kam_event_order_cancel;

typedef int32_t kam_complaint_action;
#define KAM_COMPLAINT_OPENED 1     /* employee_id is the first receiver: the owner until closed */
#define KAM_COMPLAINT_HANDED_OFF 2 /* to_employee_id / department now work on it; owner unchanged */
#define KAM_COMPLAINT_RESPONDED 3  /* first (or further) response to the customer */
#define KAM_COMPLAINT_RESOLVED 4
#define KAM_COMPLAINT_CLOSED 5
#define KAM_COMPLAINT_REOPENED 6
#define KAM_COMPLAINT_COMMENTED 7

/* A step in a complaint's life, recorded as it happened in the ERP. */
typedef struct kam_event_complaint {
    kam_event_header header;
    const char *complaint_id;        /* required */
    const char *account_id;          /* required for OPENED; optional afterwards */
    kam_complaint_action action;
    int32_t severity;                /* 0 = unspecified, 1 (low) .. 4 (critical) */
    const char *employee_id;         /* required: who acted */
    const char *department;          /* optional: the acting employee's department */
    const char *to_employee_id;      /* HANDED_OFF: who receives it */
    const char *to_department;       /* HANDED_OFF: optional */
    const char *channel;             /* optional: phone, email, hotline, visit, ... */
    const char *category;            /* optional */
    const char *text;                /* optional: summary or note */
} kam_event_complaint;

typedef int32_t kam_service_action;
#define KAM_SERVICE_OPENED 1
#define KAM_SERVICE_ASSIGNED 2
#define KAM_SERVICE_STATE_CHANGED 3
#define KAM_SERVICE_CLOSED 4
#define KAM_SERVICE_COMMENTED 5

/* A step in a service request's life. */
typedef struct kam_event_service_request {
    kam_event_header header;
    const char *request_id;      /* required */
    const char *account_id;      /* required for OPENED */
    kam_service_action action;
    uint32_t reserved0;
    const char *state;           /* STATE_CHANGED: the new state name */
    const char *employee_id;     /* required: who acted */
    const char *assignee_id;     /* ASSIGNED: who now works on it */
    const char *category;        /* optional */
    const char *text;            /* optional */
} kam_event_service_request;

typedef int32_t kam_visit_status;
#define KAM_VISIT_PLANNED 1
#define KAM_VISIT_COMPLETED 2
#define KAM_VISIT_CANCELLED 3

/* A customer visit was planned, made or cancelled. header.occurred_at_ms is when it was made (or
 * recorded, for PLANNED and CANCELLED). */
typedef struct kam_event_visit {
    kam_event_header header;
    const char *visit_id;        /* required */
    const char *account_id;      /* required */
    const char *employee_id;     /* required */
    kam_visit_status status;
    uint32_t reserved0;
    int64_t planned_for_ms;      /* PLANNED: the planned time; else 0 */
    const char *notes;           /* optional */
} kam_event_visit;

/* A distributor (channel partner) was created or changed. Whole record each time. */
typedef struct kam_event_distributor {
    kam_event_header header;
    const char *distributor_id;        /* required */
    const char *name;                  /* required */
    const char *tax_id;                /* optional */
    const char *level;                 /* optional: a level name from the YAML */
    const char *const *territories;    /* territory_count region names */
    const char *const *industries;     /* industry_count industry names */
    uint32_t territory_count;
    uint32_t industry_count;
} kam_event_distributor;

/* Batch flags. */
#define KAM_BATCH_ATOMIC 0u          /* default: any rejected item rejects the whole batch */
#define KAM_BATCH_SKIP_REJECTED 1u   /* store the good items, report the rejected ones */

typedef int32_t kam_item_outcome;
#define KAM_ITEM_ACCEPTED 1    /* stored */
#define KAM_ITEM_DUPLICATE 2   /* same event id and payload seen before (or earlier in the batch) */
#define KAM_ITEM_REJECTED 3    /* not stored; status and message say why; may be sent again */
#define KAM_ITEM_NOT_APPLIED 4 /* valid, but not stored because another item rejected the batch */

/* The outcome of one item. The host allocates an array of these; results_struct_size is its stride. */
typedef struct kam_event_result {
    uint32_t struct_size;
    kam_item_outcome outcome;
    kam_status status;       /* KAM_OK, or why the item was rejected */
    uint32_t reserved0;
    char message[240];       /* NUL-terminated valid UTF-8 (host bytes it quotes are escaped as \xNN,
                                cut on a character boundary), empty when accepted */
} kam_event_result;

typedef struct kam_batch {
    uint32_t struct_size;
    uint32_t flags;                          /* KAM_BATCH_* */
    const kam_event_header *const *events;   /* event_count pointers; read during the call */
    uint64_t event_count;                    /* at most KAM_MAX_BATCH_EVENTS (1,000,000) */
    const char *source;                      /* feed name for the audit trail, e.g. "erp-nightly"; a
                                                name (at most 1,000 bytes, no control chars) */
    kam_event_result *results;               /* optional: event_count results, filled by the plugin */
    uint32_t results_struct_size;            /* sizeof(kam_event_result) as the host knows it: the
                                                stride; each result is an output struct of that size */
    uint32_t reserved0;
} kam_batch;

typedef struct kam_batch_summary {
    uint32_t struct_size;
    uint32_t reserved0;
    uint64_t accepted;
    uint64_t duplicates;
    uint64_t rejected;
    uint64_t not_applied;
    int64_t first_rejected_index;  /* -1 when none */
} kam_batch_summary;

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

/* ---------------------------------------------------------------------------------------------------
 * 1.1: account tiers (see docs/tiers.md)
 * ------------------------------------------------------------------------------------------------- */

/* Progress of a long call: done of total units so far. Called on the calling thread, at most about
 * 100 times per call and once more with done == total at the end. Must not call into the plugin. */
typedef void (*kam_progress_fn)(void *progress_data, uint64_t done, uint64_t total);

/* What to evaluate. */
#define KAM_EVALUATE_DRY_RUN 1u /* compute and count, store nothing, write no notification */

typedef struct kam_tier_evaluation {
    uint32_t struct_size;
    uint32_t flags;              /* KAM_EVALUATE_* */
    const char *account_id;      /* one account; NULL evaluates every account */
    kam_progress_fn progress;    /* optional; units are accounts */
    void *progress_data;         /* passed to progress */
} kam_tier_evaluation;

/* What an evaluation did. Written by the plugin (an output struct: only struct_size needs to be set,
 * see the conventions). Growable: members are appended. */
typedef struct kam_tier_evaluation_summary {
    uint32_t struct_size;
    uint32_t reserved0;
    uint64_t accounts;            /* accounts evaluated */
    uint64_t initial;             /* accounts classified for the first time */
    uint64_t upgraded;
    uint64_t downgraded;
    uint64_t downgrades_pending;  /* below their tier, not long enough to move down */
    uint64_t churn_alerts;        /* key accounts that turned at-risk */
    uint64_t notifications;       /* written to the outbox by this evaluation */
    uint64_t skipped;             /* changed meanwhile by another host's evaluation: left to it */
    int64_t evaluated_at_ms;      /* the host clock the evaluation used */
    int64_t duration_ms;          /* wall time of the call */
    /* 1.2 */
    uint64_t missing_rates;       /* accounts whose orders need an exchange rate the config lacks:
                                     their tier is kept (see docs/tiers.md) */
} kam_tier_evaluation_summary;

/* The 1.1 layout of kam_tier_evaluation_summary, frozen: it is embedded by value in kam_tick_result,
 * so it NEVER grows (a struct embedded in another cannot grow without moving what follows it).
 * Members added to kam_tier_evaluation_summary later are appended to kam_tick_result instead
 * (tick_result.tier_missing_rates since 1.2). Same members, same meaning. */
typedef struct kam_tier_evaluation_summary_1_1 {
    uint32_t struct_size;         /* sizeof(kam_tier_evaluation_summary_1_1) == 88, set by the plugin */
    uint32_t reserved0;
    uint64_t accounts;
    uint64_t initial;
    uint64_t upgraded;
    uint64_t downgraded;
    uint64_t downgrades_pending;
    uint64_t churn_alerts;
    uint64_t notifications;
    uint64_t skipped;
    int64_t evaluated_at_ms;
    int64_t duration_ms;
} kam_tier_evaluation_summary_1_1;

/* A manual tier override: pins an account to a tier until expires_at_ms (exclusive). */
typedef struct kam_tier_override {
    uint32_t struct_size;
    uint32_t reserved0;
    const char *account_id;  /* required; the account must exist */
    const char *tier;        /* required; a tier name from the YAML */
    const char *reason;      /* required, non-empty: kept in the audit trail */
    int64_t expires_at_ms;   /* required; after the host's now */
} kam_tier_override;

/* What a tick did. Written by the plugin (an output struct: only struct_size needs to be set). Later
 * versions append members for other periodic work (SLA deadlines, visits). Embedded structs are
 * frozen types that never grow (kam_tier_evaluation_summary_1_1), so appending here stays sound. */
typedef struct kam_tick_result {
    uint32_t struct_size;
    uint32_t tier_evaluation_ran;  /* 1 when the periodic tier evaluation was due and ran, else 0 */
    kam_tier_evaluation_summary_1_1 tiers;  /* its summary when it ran; zeros otherwise */
    /* 1.2 */
    uint64_t tier_missing_rates;   /* kam_tier_evaluation_summary.missing_rates of that run */
} kam_tick_result;

/* 1.2 */
/* 1.2: which accounts tiers_list returns. */
typedef struct kam_tier_list_query {
    uint32_t struct_size;
    uint32_t limit;                /* 0 means 1000; at most 10,000 */
    const char *tier;              /* only accounts whose tier (effective) is this; NULL = all */
    const char *after_account_id;  /* paging: accounts with a greater id (byte order); NULL = first page */
} kam_tier_list_query;
/* end 1.2 */

/* ---------------------------------------------------------------------------------------------------
 * The function table (ABI major 1)
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_api_v1 {
    uint32_t struct_size;   /* sizeof the table in this plugin: see KAM_API_HAS */
    uint32_t abi_major;     /* 1 */
    uint32_t abi_minor;     /* the plugin's minor, >= the host's for every member it has */
    uint32_t reserved0;
    const char *plugin_version; /* static, e.g. "0.1.0" */

    /* ---- 1.0: errors and extensions ---- */

    /* The message of the calling thread's last failed call, or "" when there is none.
     * [thread-safe] Static per-thread storage owned by the plugin: valid until this thread's next call
     * into the plugin. Never NULL. */
    const char *(*last_error_message)(void);

    /* The constant name of a status ("KAM_ERR_CONFIG"). [thread-safe] Static string, never NULL. */
    const char *(*status_name)(kam_status status);

    /* An optional capability by versioned id ("kam.reports/1"), or NULL when not supported.
     * [thread-safe] The pointer is static, valid until the library is unloaded. None in 1.0. */
    const void *(*get_extension)(const char *extension_id);

    /* Give back a buffer the plugin filled; resets it to empty. NULL or an empty buffer is fine.
     * [thread-safe] (each buffer from one thread at a time) */
    kam_status (*buffer_free)(kam_buffer *buffer);

    /* ---- 1.0: config and instances ---- */

    /* Validate a YAML config completely without creating an instance or touching any database.
     * On success, summary (optional) receives a one-line summary. On KAM_ERR_CONFIG the last error
     * message lists every error found as "file:line:column: message", one per line.
     * [thread-safe] */
    kam_status (*config_check)(const kam_config_source *source, kam_buffer *summary);

    /* Create an instance: load and validate the config, open the database it names, and migrate the
     * schema forward if needed. *out_instance receives the handle (NULL on failure).
     * [thread-safe] */
    kam_status (*instance_create)(const kam_instance_options *options, kam_instance **out_instance);

    /* Destroy an instance and free everything it owns. NULL is a no-op; a handle that is not live
     * (destroyed already) is refused with KAM_ERR_INVALID_ARGUMENT without touching its memory.
     * The last instance's destroy drops the plugin's reference on itself (see Unloading).
     * [no other call on this instance may be in progress or follow] */
    kam_status (*instance_destroy)(kam_instance *instance);

    /* Replace the config atomically: the new YAML is validated completely first; if it is invalid
     * (KAM_ERR_CONFIG), or changes the database section (url, synchronous, pool size) or, since
     * 1.1, business.time_zone (KAM_ERR_UNSUPPORTED, restart for that), the old config keeps serving unchanged. Calls in progress finish on the config they started with.
     * Needs permission "config.reload". Audited. [thread-safe] */
    kam_status (*config_reload)(kam_instance *instance, const kam_actor *actor,
                                const kam_config_source *source);

    /* The instance's state as a JSON object:
     *   {"plugin_version", "abi": {"major", "minor"},
     *    "config": {"version" (1, then +1 per successful reload), "hash", "source", "instance_name",
     *               "summary"},
     *    "database": {"kind" ("sqlite" | "postgresql"), "url" (never with a password),
     *                 "schema_version"}}
     * Members may be added to the object in later versions. A host-side call: no actor, not
     * audited. [thread-safe] */
    kam_status (*instance_info)(kam_instance *instance, kam_buffer *out_json);

    /* ---- 1.0: ingestion, outbox, audit ---- */

    /* Ingest a batch of ERP events (see kam_event_header). The batch is one transaction. With
     * KAM_BATCH_ATOMIC any rejected item makes the call return KAM_ERR_BATCH_REJECTED and store
     * nothing; with KAM_BATCH_SKIP_REJECTED the good items are stored and the call returns KAM_OK.
     * summary and batch->results (both optional, output structs) say what happened to each item.
     * Limits: at most KAM_MAX_BATCH_EVENTS events; every id at most KAM_MAX_ID_BYTES, names, reasons
     * and texts as in the conventions (an item over a limit is rejected with a message naming the
     * member); amounts at most KAM_MAX_AMOUNT_MINOR (10^15) minor units each; source a name.
     * Needs permission "ingest". Audited once per batch. [thread-safe] */
    kam_status (*ingest)(kam_instance *instance, const kam_actor *actor, const kam_batch *batch,
                         kam_batch_summary *summary);

    /* Pending (unacknowledged) notifications, oldest first, as a JSON array of objects
     * {id, kind, kind_name, account_id, created_at_ms, payload}. max 0 means 100.
     * Needs permission "notifications.read". [thread-safe] */
    kam_status (*notifications_poll)(kam_instance *instance, const kam_actor *actor, uint32_t max,
                                     kam_buffer *out_json);

    /* Acknowledge notifications by id: they are not delivered again. Unknown or already acknowledged
     * ids are ignored. At most KAM_MAX_ACK_IDS (100,000) ids per call.
     * Needs permission "notifications.ack". Audited. [thread-safe] */
    kam_status (*notifications_ack)(kam_instance *instance, const kam_actor *actor,
                                    const int64_t *ids, uint32_t count);

    /* Deliver up to max pending notifications (0 = 100) through the host's notify callback, oldest
     * first; each one the callback acknowledges (KAM_OK) is marked delivered. *out_delivered
     * (optional) receives how many were acknowledged. With several hosts on one database, each
     * notification is claimed by one host at a time; one the callback refused (any status but KAM_OK)
     * or a host claimed and never finished is delivered again after KAM_NOTIFY_RETRY_MS (60 s).
     * KAM_ERR_UNSUPPORTED if there is no callback. A host-side call (no actor, no permission): the
     * acknowledged ones are audited as user "host" (see the conventions). The callback may call
     * into the plugin (notifications_ack, notifications_poll, ...). [thread-safe] */
    kam_status (*notifications_deliver)(kam_instance *instance, uint32_t max,
                                        uint32_t *out_delivered);

    /* Audit-trail entries, newest first, as a JSON array of objects {id, at_ms, user_id, roles,
     * action, entity_type, entity_id, before, after}. query->limit at most KAM_MAX_AUDIT_LIMIT
     * (10,000); query->user_id an id, entity_type and entity_id names. Refusals and host-side calls
     * are entries too (see the conventions). Needs permission "audit.read". [thread-safe] */
    kam_status (*audit_query)(kam_instance *instance, const kam_actor *actor,
                              const kam_audit_query *query, kam_buffer *out_json);

    /* ---- 1.1: account tiers. Check with KAM_API_HAS before use. ---- */

    /* Classify accounts now: metrics from the ingested orders, the YAML's tier rules, hysteresis,
     * manual overrides and churn risk. Every account (request->account_id NULL) or one account.
     * Stores each account's tier state, appends tier history for every change (with the config
     * version and the metric values used) and writes one outbox notification per change
     * (KAM_NOTIFY_TIER_CHANGED; KAM_NOTIFY_CHURN_RISK when a key account turns at-risk). The first
     * classification of an account is recorded in the history but not notified. With several hosts
     * on one database, evaluations run one at a time and each change is written exactly once.
     * summary is optional (an output struct). request->account_id an id (at most KAM_MAX_ID_BYTES).
     * KAM_ERR_NOT_FOUND for an unknown account. Needs permission "tiers.evaluate". Audited
     * (counts). [thread-safe] */
    kam_status (*tiers_evaluate)(kam_instance *instance, const kam_actor *actor,
                                 const kam_tier_evaluation *request,
                                 kam_tier_evaluation_summary *summary);

    /* An account's card as a JSON object, computed now from the stored state, the ingested data and
     * the config in force (stores nothing):
     *   {account_id, name, evaluated_at_ms (null before the first evaluation), config_version,
     *    tier: {name, label, since_ms, key_account, overridden},
     *    computed_tier, change, pending_downgrade: {to, due_ms} | null,
     *    override: {tier, reason, user_id, set_at_ms, expires_at_ms, status} | null,
     *    benefits: {dedicated_account_manager, hotline, first_response_target_minutes,
     *               resolution_target_minutes, discount_authority_bp, visit_cadence_days,
     *               engineer_pool},
     *    metrics: {reporting_currency, window_days, revenue, revenue_prior, margin, margin_prior,
     *              order_count, days_since_last_order, revenue_share_bp, pareto_rank,
     *              pareto_top_percent_bp, flags: [...]}   (money in reporting minor units; null = no data)
     *    lifetime_value, churn: {score, level, no_data, retention_discount_bp, at_risk,
     *                            signals: [{signal, value, points, weight}]},
     *    checks: [{tier, matched}], explanation (plain words), churn_explanation,
     *    history: [{tier, previous_tier, since_ms, reason, user_id, config_version}] (newest first,
     *              at most 20)}
     * Members may be added in later versions. account_id an id (at most KAM_MAX_ID_BYTES).
     * KAM_ERR_NOT_FOUND for an unknown account. Needs permission "tiers.read". [thread-safe] */
    kam_status (*account_card)(kam_instance *instance, const kam_actor *actor, const char *account_id,
                               kam_buffer *out_json);

    /* Pin an account to a tier until override->expires_at_ms; replaces an override in force. The
     * account's stored tier follows at once (history, notification). After expiry the computed tier
     * applies again at the next evaluation. account_id an id, tier a name, reason at most
     * KAM_MAX_REASON_BYTES (2,000). Needs permission "tiers.override". Audited with the
     * reason. KAM_ERR_NOT_FOUND for an unknown account or tier. [thread-safe] */
    kam_status (*tier_override_set)(kam_instance *instance, const kam_actor *actor,
                                    const kam_tier_override *override_request);

    /* End the override in force on an account early; reason is required (at most
     * KAM_MAX_REASON_BYTES). KAM_ERR_NOT_FOUND when none is in force. Needs permission
     * "tiers.override". Audited. [thread-safe] */
    kam_status (*tier_override_clear)(kam_instance *instance, const kam_actor *actor,
                                      const char *account_id, const char *reason);

    /* The Pareto (ABC) report over every account's revenue in the trailing window, as a JSON object:
     *   {reporting_currency, window_days, top_percent_bp, total_revenue, accounts, accounts_in_top,
     *    entries: [{rank, account_id, name, revenue, share_bp, cumulative_bp, in_top}],
     *    curve_bp: [cumulative share after rank 1..n]}
     * Ranked by revenue, highest first; equal revenues by account id (byte order). max_entries
     * limits `entries` (0 = all); curve_bp always covers every account. Needs permission
     * "tiers.read". [thread-safe] */
    kam_status (*report_pareto)(kam_instance *instance, const kam_actor *actor, uint32_t max_entries,
                                kam_buffer *out_json);

    /* The host's periodic tick (call it every minute or so, from any host). Runs the periodic work
     * that is due by the host clock: the tier evaluation of every account once
     * `tiers.evaluate_every` has passed since the last one (by any host sharing the database).
     * result is optional (an output struct). Needs permission "tiers.evaluate". [thread-safe] */
    kam_status (*tick)(kam_instance *instance, const kam_actor *actor, kam_tick_result *result);

    /* 1.2 */
    /* One page of every account's tier, in account id byte order, as a JSON object:
     *   {accounts: [{account_id, name, tier (null before the account's first evaluation), since_ms,
     *                computed_tier, overridden, pending_downgrade_to (or null), churn_level,
     *                evaluated_at_ms}],
     *    next_after: the last account id of a full page (pass it as after_account_id for the next),
     *                or null on the last page}
     * Reads one page from the database (never the whole portfolio). query->tier must be a configured
     * tier (else KAM_ERR_NOT_FOUND); limit over 10,000 is KAM_ERR_INVALID_ARGUMENT. Needs permission
     * "tiers.read". [thread-safe] */
    kam_status (*tiers_list)(kam_instance *instance, const kam_actor *actor,
                             const kam_tier_list_query *query, kam_buffer *out_json);
    /* end 1.2 */
} kam_api_v1;

/* True when the plugin's table has member `member` (it may be older than the host's header). */
#define KAM_API_HAS(api, member)                                                                  \
    ((api) != NULL && (api)->struct_size >= offsetof(kam_api_v1, member) + sizeof((api)->member) && \
     (api)->member != NULL)

/* ---------------------------------------------------------------------------------------------------
 * The entry point: the plugin's one exported symbol.
 * ------------------------------------------------------------------------------------------------- */

/* Ask for the function table of ABI major `abi_major`. Returns a static table, valid until the library
 * is unloaded, or NULL when the plugin does not serve that major; then error_buffer (optional,
 * error_capacity bytes) receives a NUL-terminated reason that names both versions.
 * [thread-safe] */
#if defined(KAM_BUILDING_PLUGIN)
__attribute__((visibility("default")))
#endif
const kam_api_v1 *kam_get_api(uint32_t abi_major, char *error_buffer, size_t error_capacity);

/* The entry point's type, for hosts that look it up at run time. */
typedef const kam_api_v1 *(*kam_get_api_fn)(uint32_t abi_major, char *error_buffer,
                                            size_t error_capacity);

#ifdef __cplusplus
}
#endif

#endif /* KAM_KAM_H */
