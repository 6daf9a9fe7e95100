/*
 * kam/base.h - what every part of the KAM C ABI builds on: the versions, status codes and limits, and
 * the plain data that crosses the boundary in every capability (money, buffer, actor, config source,
 * progress callback). Part of kam.h (include that); the conventions written at the top of kam.h hold
 * here. C99, compiles as C and as C++.
 */
#ifndef KAM_BASE_H
#define KAM_BASE_H

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
#define KAM_ABI_VERSION_MINOR 5

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

/* Progress of a long call: done of total units so far. Called on the calling thread, at most about
 * 100 times per call and once more with done == total at the end. Must not call into the plugin.
 * (1.1, with account tiers; here because every long call of every capability reports this way.) */
typedef void (*kam_progress_fn)(void *progress_data, uint64_t done, uint64_t total);

#ifdef __cplusplus
}
#endif

#endif /* KAM_BASE_H */
