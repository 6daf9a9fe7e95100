/*
 * kam/distributors.h - distributor rules (ABI 1.5, see docs/distributors.md): the capability table
 * kam_distributors_v1 (deal registration decided at once with every reason, review, expiry, the
 * registrations and the review queue, channel conflicts, the channel report, a quote's discount
 * authority) and the structs of its calls. Reached through kam_api_v1.distributors (check it with
 * KAM_API_HAS first: a 1.4 plugin does not have it). Distributors and their level are ingested
 * through api->ingest (kam/events.h: kam_event_distributor); the levels are the YAML's
 * `distributors:` section. The tick ("deals.expire") ends the protection of registrations whose time
 * is up and raises KAM_NOTIFY_DEAL_EXPIRED; a conflict raises KAM_NOTIFY_CHANNEL_CONFLICT
 * (kam/instance.h). Part of kam.h (include that); the conventions written at the top of kam.h hold
 * here. C99, compiles as C and as C++.
 *
 * The decision: approved | rejected | needs_review, with EVERY reason that applies (codes below).
 * Any rejecting reason rejects; otherwise a review reason (discount above authority, a large deal)
 * sends it to review; otherwise it is approved. An approved or in-review registration holds its
 * customer (the same company by identity matching, under any spelling) until protected_until_ms:
 * the first valid registration wins, later ones are rejected and told until when.
 */
#ifndef KAM_DISTRIBUTORS_H
#define KAM_DISTRIBUTORS_H

#include <kam/base.h>
#include <kam/instance.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The reason codes of a decision (reasons[].code in the JSON), in the order they are listed:
 *   "unknown_level"            rejects: the distributor has no level, or one the YAML lacks
 *   "outside_territory"        rejects: the region is outside the distributor's territories
 *                              (its own, narrowed to its level's), or not given when it has some
 *   "outside_industry"         rejects: likewise for the industry
 *   "product_line_not_allowed" rejects: a product line its level does not carry (values: which)
 *   "discount_above_authority" review:  discount_bp above the level's maximum for a line (the
 *                              strictest of the deal's lines; asked, limit, product_line)
 *   "house_account"            rejects: the customer matches a direct account in a tier of
 *                              distributors.direct_channel_tiers (account: {account_id,
 *                              account_name, tier, score_bp})
 *   "already_registered"       rejects: another valid registration holds the customer
 *                              (registration: {registration_id, distributor_id, protected_until_ms,
 *                              score_bp}); the message says until when
 *   "quota_used_up"            rejects: the level's registrations per period are used up (asked:
 *                              used so far, limit: the quota)
 *   "large_deal"               review:  the amount is above the level's review_above (asked, limit:
 *                              reporting currency minor units)
 * Each reason: {code, effect ("rejects" | "review"), message (in words), and the members named}. */

/* A deal a distributor registers. An input struct. Strings are UTF-8; ids are ids (kam.h). */
typedef struct kam_deal_registration {
    uint32_t struct_size;
    uint32_t product_line_count;     /* 1..100 */
    const char *registration_id;     /* optional: the host's id of the deal (an id). The same id
                                        again returns the stored decision (replayed: true) and
                                        decides nothing; NULL or "": KAM makes one ("DR-...") */
    const char *distributor_id;      /* NULL or "": the actor's user id (a distributor's user is its
                                        distributor); another needs "deals.register.any" */
    const char *customer_name;       /* required: the customer's name as the distributor writes it */
    const char *customer_name_latin; /* optional */
    const char *tax_id;              /* optional: unified social credit code */
    const char *region;              /* the territory it is in (a name of the YAML's territories) */
    const char *industry;            /* optional */
    const char *const *product_lines; /* product_line_count names */
    kam_money amount;                /* the deal's expected amount (converted at the host's now) */
    int64_t discount_bp;             /* the discount asked, 0..10000 */
    int64_t expected_close_ms;       /* 0: not given */
    const char *notes;               /* optional */
} kam_deal_registration;

/* kam_deals_query.flags */
#define KAM_DEALS_REVIEW_QUEUE 1u /* the registrations in review, oldest first ("deals.review" or
                                     "deals.read.all"); distributor_id and status are then ignored */

/* Which registrations deals_list returns. An input struct. */
typedef struct kam_deals_query {
    uint32_t struct_size;
    uint32_t flags;              /* KAM_DEALS_* */
    const char *distributor_id;  /* NULL or "": every distributor the actor may see */
    const char *status;          /* NULL or "": any; else "approved", "rejected", "needs_review" or
                                    "expired" */
    const char *after;           /* NULL or "": the first page; else the previous page's next_cursor */
    uint32_t limit;              /* 0 means 100, at most 1,000 */
    uint32_t reserved0;          /* must be 0 */
} kam_deals_query;

/* The period of channel_conflicts and channel_report: registrations registered in [from_ms, to_ms).
 * An input struct. */
typedef struct kam_channel_query {
    uint32_t struct_size;
    uint32_t reserved0;          /* must be 0 */
    int64_t from_ms;             /* 0: 90 days before to_ms */
    int64_t to_ms;               /* 0: the host's now (included) */
    const char *distributor_id;  /* channel_conflicts: NULL or "" every distributor; else one */
} kam_channel_query;

/* A quote to check. An input struct. */
typedef struct kam_quote_query {
    uint32_t struct_size;
    uint32_t reserved0;          /* must be 0 */
    const char *account_id;      /* required */
    const char *distributor_id;  /* NULL or "": the direct channel; else the selling distributor */
    const char *product_line;    /* required */
    int64_t discount_bp;         /* the discount asked, 0..10000 */
} kam_quote_query;

/* kam_deal_review's decision */
typedef int32_t kam_deal_verdict;
#define KAM_DEAL_APPROVE 1
#define KAM_DEAL_REJECT 2

/* ---------------------------------------------------------------------------------------------------
 * The distributors table (1.5). Growable like kam_api_v1: members are only appended; check a member
 * with KAM_DISTRIBUTORS_HAS before calling it.
 * ------------------------------------------------------------------------------------------------- */
typedef struct kam_distributors_v1 {
    uint32_t struct_size;  /* sizeof the table in this plugin: see KAM_DISTRIBUTORS_HAS */
    uint32_t abi_minor;    /* the minor that last grew this table (5) */

    /* ---- 1.5 ----
     * Who may do what (permissions from the YAML's access section):
     *   "deals.register"      register for one's own distributor (user id = distributor id)
     *   "deals.register.any"  register for any distributor
     *   "deals.read"          one's own distributor's registrations
     *   "deals.read.all"      every registration, the review queue and the conflicts
     *   "deals.review"        approve or reject a registration in review; the review queue
     *   "channel.report"      channel_report
     *   "quotes.check"        quote_check
     *   "deals.expire"        deals_expire (and the tick's expiry job)
     * Anything else is KAM_ERR_PERMISSION (audited as a refusal). Decisions, reviews and expiries
     * are audited; reads are not. */

    /* Registers a deal and decides it at once, as a JSON object: a REGISTRATION (below) with
     * replayed (true: the registration id was already stored, this is its stored decision).
     * REGISTRATION: {registration_id, distributor_id, level, customer {name, name_latin, tax_id,
     *   region, industry}, product_lines, amount {minor_units, currency}, amount_reporting_minor,
     *   discount_bp, expected_close_ms (or null), notes, decision ("approved" | "rejected" |
     *   "needs_review"), status (decision, or after a review "approved" | "rejected", or "expired"),
     *   reasons: [REASON], conflict (a house account or an earlier registration among the reasons),
     *   matched_account_id (the house account, or the best matching account, or null),
     *   registered_at_ms, registered_by, protected_until_ms (null: rejected), review
     *   ({reviewed_at_ms, reviewed_by, reason} or null), expired_at_ms (or null)}
     * Decisions for one customer (and for one distributor's quota) are serialised in the database,
     * across hosts: of two registrations of one company at the same moment exactly one wins.
     * KAM_ERR_NOT_FOUND for an unknown distributor; KAM_ERR_INVALID_ARGUMENT for a bad request
     * (empty name or product line, amount, currency without a rate, discount outside 0..10000);
     * KAM_ERR_CONFLICT for a registration id another distributor holds. registration an input
     * struct. [thread-safe] */
    kam_status (*deal_register)(kam_instance *instance, const kam_actor *actor,
                                const kam_deal_registration *registration, kam_buffer *out_json);

    /* Approves or rejects a registration in review, with a reason (required), as a REGISTRATION.
     * Approving starts its protection now (the level's protection_days). KAM_ERR_NOT_FOUND for an
     * unknown id, KAM_ERR_CONFLICT when it is not in review. Needs "deals.review". [thread-safe] */
    kam_status (*deal_review)(kam_instance *instance, const kam_actor *actor, const char *registration_id,
                              kam_deal_verdict verdict, const char *reason, kam_buffer *out_json);

    /* Registrations, as a JSON object: {now_ms, review_queue, registrations: [REGISTRATION],
     * next_cursor (or null: last page)}; newest first (the review queue: oldest first). An actor
     * with only "deals.read" sees their own distributor's (distributor_id must then be empty or
     * their own user id, else KAM_ERR_PERMISSION). query an input struct. [thread-safe] */
    kam_status (*deals_list)(kam_instance *instance, const kam_actor *actor, const kam_deals_query *query,
                             kam_buffer *out_json);

    /* Channel conflicts (registrations with a house account or an earlier registration among their
     * reasons) registered in the period, as a JSON object: {from_ms, to_ms, by_distributor:
     * [{distributor_id, conflicts, house_account, already_registered}], conflicts: [REGISTRATION]}
     * (oldest first). Needs "deals.read.all". query an input struct. [thread-safe] */
    kam_status (*channel_conflicts)(kam_instance *instance, const kam_actor *actor, const kam_channel_query *query,
                                    kam_buffer *out_json);

    /* The channel report of the registrations in the period, as a JSON object: {from_ms, to_ms,
     * reporting_currency, total: COUNTS, by_reason: [{code, registrations}], by_level: [COUNTS with
     * level], by_territory: [COUNTS with territory], by_distributor: [COUNTS with distributor_id]}
     * COUNTS: {registrations, approved, rejected, needs_review, amount_reporting_minor} by the
     * decision at registration. Needs "channel.report". query an input struct (distributor_id
     * ignored). [thread-safe] */
    kam_status (*channel_report)(kam_instance *instance, const kam_actor *actor, const kam_channel_query *query,
                                 kam_buffer *out_json);

    /* A quote's discount authority, as a JSON object: {account_id, account_name, tier, channel
     * ("direct" | "distributor"), distributor_id, level, product_line, discount_bp, channel_max_bp
     * (direct: the tier's benefits.discount_authority; distributor: its level's max_discount for
     * the line), churn_level, retention_bp (churn_risk.retention_discount of the account's level),
     * max_bp (channel_max_bp + retention_bp), outcome ("allowed" | "needs_approval" | "refused"),
     * approval ({role, up_to_bp (or null), step} of discount_authority.approval_chain, or null),
     * reasons: [text]}. Within max_bp: allowed; above: the first step whose up_to_bp is at or above
     * the discount (or has none) must approve; above every step, or a line the level does not
     * carry: refused. KAM_ERR_NOT_FOUND for an unknown account or distributor. Needs
     * "quotes.check". [thread-safe] */
    kam_status (*quote_check)(kam_instance *instance, const kam_actor *actor, const kam_quote_query *query,
                              kam_buffer *out_json);

    /* Ends now (the host's clock) the protection of every registration whose protected_until_ms has
     * passed, as the tick's expiry job does: each becomes "expired" with one
     * KAM_NOTIFY_DEAL_EXPIRED (whichever host expires it first). out_expired (may be NULL): how many.
     * Needs "deals.expire". [thread-safe] */
    kam_status (*deals_expire)(kam_instance *instance, const kam_actor *actor, uint64_t *out_expired);
    /* end 1.5 */
} kam_distributors_v1;

/* True when the plugin's distributors table has member `member`. */
#define KAM_DISTRIBUTORS_HAS(table, member)                                                          \
    ((table) != NULL &&                                                                             \
     (table)->struct_size >= offsetof(kam_distributors_v1, member) + sizeof((table)->member) &&     \
     (table)->member != NULL)

#ifdef __cplusplus
}
#endif

#endif /* KAM_DISTRIBUTORS_H */
