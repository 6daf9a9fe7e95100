/*
 * kam/identity.h - account identity matching (one company, many spellings) (ABI 1.4, see docs/identity.md): the capability table kam_identity_v1 (match a name, duplicate clusters, merge into a golden account).
 * Reached through kam_api_v1.identity (check it with KAM_API_HAS first: a 1.3 plugin does not have
 * it). Part of kam.h (include that); the conventions written at the top of kam.h hold here. C99,
 * compiles as C and as C++.
 */
#ifndef KAM_IDENTITY_H
#define KAM_IDENTITY_H

#include <kam/base.h>
#include <kam/instance.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------------
 * The identity table (1.4). Growable like kam_api_v1: members are only appended; check a member with
 * KAM_IDENTITY_HAS before calling it.
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_identity_v1 {
    uint32_t struct_size;  /* sizeof the table in this plugin: see KAM_IDENTITY_HAS */
    uint32_t abi_minor;    /* the minor that last grew this table (4) */

    /* ---- 1.4 ---- */
    /* end 1.4 */
} kam_identity_v1;

/* True when the plugin's identity table has member `member`. */
#define KAM_IDENTITY_HAS(table, member)                                                            \
    ((table) != NULL &&                                                                             \
     (table)->struct_size >= offsetof(kam_identity_v1, member) + sizeof((table)->member) &&       \
     (table)->member != NULL)

#ifdef __cplusplus
}
#endif

#endif /* KAM_IDENTITY_H */
