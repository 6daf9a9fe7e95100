/*
 * kam/identity.h - account identity matching (one company, many spellings) (ABI 1.4, see
 * docs/identity.md): the capability table kam_identity_v1 (match a name, duplicate clusters, merge
 * into a golden account and undo it) and the structs of its two queries. Reached through
 * kam_api_v1.identity (check it with KAM_API_HAS first: a 1.3 plugin does not have it). The accounts
 * themselves are ingested through api->ingest (kam/events.h: kam_event_account); each stored account
 * has its name (and name_latin, as a second spelling of the same company) prepared for matching
 * when it is stored. Part of kam.h (include that); the conventions written at the top of kam.h hold
 * here. C99, compiles as C and as C++.
 *
 * Scores are basis points (0..10000 = 0..1). A pair of names is one company at or above the
 * threshold (identity.threshold in the YAML, default 0.85 = 8500), unless tax ids decide first: equal
 * valid unified social credit codes (GB 32100-2015) match with certainty (10000), different valid
 * codes never match; an invalid code is kept and flagged (tax_id_status "invalid", tax_id_problem)
 * and never used to match. Every match lists its reasons.
 *
 * Merging: accounts merged into a golden account count as that account: its tier is evaluated on
 * the orders of all of them, its card lists them (merged_accounts), account_complaints of the golden
 * account includes theirs; a merged account has no tier of its own (its card says merged_into).
 * Unmerging restores each account at the next evaluation. Merging an account that is itself golden
 * re-points its members to the new golden account (merges are one level deep).
 */
#ifndef KAM_IDENTITY_H
#define KAM_IDENTITY_H

#include <kam/base.h>
#include <kam/instance.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What match looks for. An input struct. */
typedef struct kam_identity_match_query {
    uint32_t struct_size;
    int32_t min_score_bp;     /* 0: identity.threshold; else 1..10000 */
    const char *name;         /* the company name to look for (required; a name) */
    const char *name_latin;   /* NULL or "": none; else a second spelling of the same company */
    const char *tax_id;       /* NULL or "": none; a unified social credit code */
    const char *region;       /* NULL or "": none; a region (上海, Shanghai) for a name that names none */
    uint32_t limit;           /* candidates; 0 means 10, at most 100 */
    uint32_t reserved0;       /* 0 */
} kam_identity_match_query;

/* Which duplicate clusters duplicates returns. An input struct. */
typedef struct kam_identity_duplicates_query {
    uint32_t struct_size;
    int32_t min_score_bp;          /* 0: identity.threshold; else 1..10000 */
    const char *after_cluster_id;  /* NULL or "": the first page; else the next_after of the last page */
    uint32_t limit;                /* clusters per page; 0 means 100, at most 1,000 */
    uint32_t reserved0;            /* 0 */
} kam_identity_duplicates_query;

/* ---------------------------------------------------------------------------------------------------
 * The identity table (1.4). Growable like kam_api_v1: members are only appended; check a member with
 * KAM_IDENTITY_HAS before calling it.
 *
 * Permissions (from the YAML's access section):
 *   "accounts.read"   match and duplicates (reads are not audited);
 *   "accounts.merge"  merge and unmerge (audited: "accounts.merge" on the golden account,
 *                     "accounts.unmerge" on the account, with the merge it ends in before_json).
 * Anything else is KAM_ERR_PERMISSION (audited as a refusal, like every refusal). A merge or
 * unmerge refused for its arguments (unknown account, merged elsewhere, ...) is audited too
 * ("accounts.merge.refused", "accounts.unmerge.refused", with the message).
 *
 * An ACCOUNT in the JSON answers is
 *   {account_id, name, name_latin ("" if none), tax_id, tax_id_status ("none" | "valid" |
 *    "invalid"), tax_id_problem ("" unless invalid), key (the exact-match key
 *    "trade name|industry|region")}
 * and a MATCH adds to it
 *   {score_bp, certain (decided by tax ids), explanation (the reasons in words),
 *    reasons: [{piece ("tax_id" | "trade_name" | "industry" | "region" | "legal_form" | "branch"),
 *               agreement ("agree" | "compatible" | "unknown" | "differ"), detail (in words)}]}
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_identity_v1 {
    uint32_t struct_size;  /* sizeof the table in this plugin: see KAM_IDENTITY_HAS */
    uint32_t abi_minor;    /* the minor that last grew this table (4) */

    /* ---- 1.4 ---- */

    /* The accounts that match a name (deal registration asks before a distributor registers a
     * house account as a new deal), best first, as a JSON object:
     *   {query: {name, name_latin, tax_id, tax_id_status, tax_id_problem, key, region, given_region},
     *    min_score_bp, candidates: [ACCOUNT + MATCH + {matched_via}], truncated}
     * A candidate merged into a golden account is answered as the golden account, with matched_via
     * the merged account whose name matched (null otherwise). query an input struct;
     * KAM_ERR_INVALID_ARGUMENT for an empty name, an unknown region, a limit or score out of range.
     * [thread-safe] */
    kam_status (*match)(kam_instance *instance, const kam_actor *actor,
                        const kam_identity_match_query *query, kam_buffer *out_json);

    /* Duplicate clusters over every account not merged into another (candidates from the stored
     * blocking keys, so the work grows about linearly with the accounts), as a JSON object:
     *   {min_score_bp, after, clusters: [{cluster_id (its first account id in byte order),
     *      accounts: [ACCOUNT] (by account id), pairs: [{a, b} + MATCH] (the matched pairs in it)}],
     *    next_after (the after_cluster_id of the next page, null on the last one),
     *    accounts_scanned, candidate_pairs, matched_pairs}
     * Clusters are ordered by cluster_id; a cluster never holds two different valid tax ids or two
     * different regions. query an input struct. [thread-safe] */
    kam_status (*duplicates)(kam_instance *instance, const kam_actor *actor,
                             const kam_identity_duplicates_query *query, kam_buffer *out_json);

    /* Merges accounts into the golden account golden_id (one transaction, audited), as a JSON object:
     *   {golden_id, merged: [ids newly merged], repointed: [members of merged golden accounts, now
     *    merged into golden_id], already: [ids that were merged into golden_id already], audit_id}
     * account_ids: account_count ids (1..KAM_MAX_LIST_ITEMS; duplicates ignored); reason a reason
     * (required). KAM_ERR_NOT_FOUND for an unknown account; KAM_ERR_CONFLICT when golden_id is itself
     * merged, or an account is merged into another golden account (unmerge it first);
     * KAM_ERR_INVALID_ARGUMENT when golden_id is among account_ids. Nothing is stored then. The next
     * tier evaluation counts the merged accounts' orders under golden_id. [thread-safe] */
    kam_status (*merge)(kam_instance *instance, const kam_actor *actor, const char *golden_id,
                        const char *const *account_ids, uint32_t account_count, const char *reason,
                        kam_buffer *out_json);

    /* Ends the merge of one account (audited), as a JSON object:
     *   {account_id, was_merged_into, merged_at_ms, merged_by}
     * reason a reason (required). KAM_ERR_NOT_FOUND for an unknown account, KAM_ERR_CONFLICT for one
     * that is not merged. The next tier evaluation gives it its own tier again. [thread-safe] */
    kam_status (*unmerge)(kam_instance *instance, const kam_actor *actor, const char *account_id,
                          const char *reason, kam_buffer *out_json);
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
