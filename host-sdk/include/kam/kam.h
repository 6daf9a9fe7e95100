/*
 * kam.h - the C ABI of the KAM key-account management plugin.
 *
 * This header is the product's contract with every ERP that loads the plugin. It is C99 and compiles
 * as C and as C++. An ERP built against ABI major 1 keeps working with every later 1.x plugin.
 *
 * kam.h is what a host includes. The declarations live in one header per concern under kam/ (base.h,
 * instance.h, events.h, audit.h, tiers.h, complaints.h, identity.h, service.h, contacts.h, visits.h, distributors.h, api.h; see the list below); each compiles on
 * its own.
 *
 * How a host uses it:
 *   1. dlopen() the plugin (libkam.so) and look up its one exported function, kam_get_api.
 *   2. Call kam_get_api(KAM_ABI_VERSION_MAJOR, errbuf, sizeof errbuf). It returns the function table
 *      for that major version, or NULL with the reason (naming both versions) in errbuf.
 *   3. Before calling a member added after 1.0, check it with KAM_API_HAS(api, member). A capability
 *      added from 1.3 on has a table of its own, reached through a getter of the core table
 *      (api->complaints(), which may return NULL); check its members with KAM_<CAPABILITY>_HAS.
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
 *     A smaller one from an older host is read as far as its struct_size: the members its header
 *     did not have read as 0, and every member appended to an input struct keeps the old meaning at 0
 *     (kam_event_complaint.response_flags). Members named reserved* in input structs must be zero.
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
 *     against the access rules in the YAML and records the action in its audit trail. A call that
 *     several permissions let in (the tick: one per job; the complaint reads) is refused only when
 *     the actor holds none of them, and the refusal names them all ("a or b").
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

/* One header per concern (each includes what it needs; a host includes this one): */
#include <kam/base.h>     /* versions, status codes, limits, money, buffer, actor, config source */
#include <kam/instance.h> /* host callbacks, notifications, instance options */
#include <kam/events.h>   /* ingestion: events, batch, results */
#include <kam/audit.h>    /* the audit-trail filter */
#include <kam/tiers.h>    /* 1.1: account tiers */
#include <kam/complaints.h> /* 1.3: complaint first-response tracking (its own table) */
#include <kam/identity.h> /* 1.4: account identity matching */
#include <kam/service.h>  /* 1.4: service workflows per tier */
#include <kam/contacts.h> /* 1.4: who is calling (contacts by phone and e-mail) */
#include <kam/visits.h>   /* 1.4: customer-visit plans */
#include <kam/distributors.h> /* 1.5: distributor rules (deal registration, quotes) */
#include <kam/api.h>      /* the function table and the entry point */

#endif /* KAM_KAM_H */
