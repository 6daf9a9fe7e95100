/*
 * kam/contacts.h - who is calling: contacts by phone number and e-mail address (ABI 1.4, see
 * docs/contacts.md): the capability table kam_contacts_v1 (the hotline's lookup). Reached through
 * kam_api_v1.contacts (check it with KAM_API_HAS first: a 1.3 plugin does not have it). The numbers
 * and addresses themselves are ingested through api->ingest (kam/events.h: kam_event_account's
 * phones and emails, kam_event_contact). Part of kam.h (include that); the conventions written at
 * the top of kam.h hold here. C99, compiles as C and as C++.
 *
 * Normalisation (the same for stored points and for the query): a phone number is parsed with
 * libphonenumber, national numbers in the YAML's contacts.default_region (default CN), and kept as
 * E.164 ("+8613800138000"); an e-mail address is trimmed and NFKC case-folded, local part included
 * (mailbox providers treat it case-insensitively in practice; docs/contacts.md). A value that does
 * not normalise is stored as given, flagged, and never matched.
 */
#ifndef KAM_CONTACTS_H
#define KAM_CONTACTS_H

#include <kam/base.h>
#include <kam/instance.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------------
 * The contacts table (1.4). Growable like kam_api_v1: members are only appended; check a member with
 * KAM_CONTACTS_HAS before calling it.
 *
 * Who may call (permissions from the YAML's access section): "contacts.lookup" for who. Anything
 * else is KAM_ERR_PERMISSION (audited as a refusal). Lookups are not audited.
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_contacts_v1 {
    uint32_t struct_size;  /* sizeof the table in this plugin: see KAM_CONTACTS_HAS */
    uint32_t abi_minor;    /* the minor that last grew this table (4) */

    /* ---- 1.4 ---- */

    /* Who is calling (or writing), as a JSON object:
     *   {query (as given), normalised (E.164 or the folded address), kind ("phone" | "email"),
     *    matches: [{account_id, account_name, tier (effective; the default tier when never
     *               evaluated), hotline (the tier's benefits.hotline, or null), account_manager_id
     *               (or null), account_manager_name (from the employee record, or null),
     *               contact: {contact_id, name, role} (or null: the account's own number),
     *               open_complaints, breached_complaints (open with a breach on record),
     *               open_requests (service requests not closed), next_visit_due_ms (or null: no
     *               visit plan)}]}
     * One match per account, in account id order: a number shared by several accounts returns
     * them all. phone_or_email UTF-8, any common format: an '@' makes it an e-mail address.
     * flags must be 0 (else KAM_ERR_UNSUPPORTED). Empty: KAM_ERR_INVALID_ARGUMENT.
     * KAM_ERR_NOT_FOUND when no account or contact has it (the message names the normalised value,
     * "contacts.who: not found: ..."), also when it is no phone number or address KAM can read;
     * out_json is then left untouched. One index range plus one row per match (docs/contacts.md).
     * [thread-safe] */
    kam_status (*who)(kam_instance *instance, const kam_actor *actor, const char *phone_or_email,
                      uint32_t flags, kam_buffer *out_json);
    /* end 1.4 */
} kam_contacts_v1;

/* True when the plugin's contacts table has member `member`. */
#define KAM_CONTACTS_HAS(table, member)                                                            \
    ((table) != NULL &&                                                                             \
     (table)->struct_size >= offsetof(kam_contacts_v1, member) + sizeof((table)->member) &&       \
     (table)->member != NULL)

#ifdef __cplusplus
}
#endif

#endif /* KAM_CONTACTS_H */
