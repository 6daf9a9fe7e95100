/*
 * kam/contacts.h - who is calling: contacts by phone number and e-mail address (ABI 1.4, see docs/contacts.md): the capability table kam_contacts_v1 (the hotline's lookup).
 * Reached through kam_api_v1.contacts (check it with KAM_API_HAS first: a 1.3 plugin does not have
 * it). Part of kam.h (include that); the conventions written at the top of kam.h hold here. C99,
 * compiles as C and as C++.
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
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_contacts_v1 {
    uint32_t struct_size;  /* sizeof the table in this plugin: see KAM_CONTACTS_HAS */
    uint32_t abi_minor;    /* the minor that last grew this table (4) */

    /* ---- 1.4 ---- */
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
