/*
 * kam/events.h - ingestion: the ERP event structs (one per kind, each beginning with kam_event_header),
 * the batch, and the per-item results and summary of api->ingest. Part of kam.h (include that); the
 * conventions written at the top of kam.h hold here. C99, compiles as C and as C++.
 */
#ifndef KAM_EVENTS_H
#define KAM_EVENTS_H

#include <kam/base.h>

#ifdef __cplusplus
extern "C" {
#endif

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
#define KAM_EVENT_EMPLOYEE_UPSERTED 8    /* kam_event_employee (1.3) */
#define KAM_EVENT_CONTACT_UPSERTED 9     /* kam_event_contact (1.4) */

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
    /* 1.4: the account's own switchboard numbers and addresses (the people's are kam_event_contact).
     * The whole list each time: numbers or addresses left out are no longer the account's. */
    const char *const *phones;       /* phone_count numbers, any common format; E.164 ("+86...")
                                        or national, read in contacts.default_region */
    const char *const *emails;       /* email_count addresses (matched case-folded) */
    uint32_t phone_count;
    uint32_t email_count;
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
/* 1.3 */
#define KAM_COMPLAINT_WAITING_ON_CUSTOMER 8 /* the SLA clocks pause (in business time) */
#define KAM_COMPLAINT_CUSTOMER_REPLIED 9    /* back from waiting: the clocks run again */
#define KAM_COMPLAINT_PRIORITY_CHANGED 10   /* severity is the new priority (1..4) */

/* 1.3: kam_event_complaint.response_flags of a RESPONDED step. 0 (what a 1.2 host sends) is an
 * outbound response a person sent and the customer sees: the only kind that is a first response and
 * stops the first-response clock. Any bit makes it a response that is recorded and stops nothing. */
#define KAM_RESPONSE_INBOUND 1u   /* a message from the customer, not to them */
#define KAM_RESPONSE_AUTOMATIC 2u /* an automatic acknowledgement, not written by a person */
#define KAM_RESPONSE_INTERNAL 4u  /* an internal note the customer does not see */

/* A step in a complaint's life, recorded as it happened in the ERP. */
typedef struct kam_event_complaint {
    kam_event_header header;
    const char *complaint_id;        /* required */
    const char *account_id;          /* required for OPENED; optional afterwards */
    kam_complaint_action action;
    int32_t severity;                /* the priority the SLA targets match: 0 = unspecified,
                                        1 (low) .. 4 (critical); OPENED and PRIORITY_CHANGED */
    const char *employee_id;         /* required: who acted */
    const char *department;          /* optional: the acting employee's department */
    const char *to_employee_id;      /* HANDED_OFF: who receives it */
    const char *to_department;       /* HANDED_OFF: optional */
    const char *channel;             /* optional: phone, email, hotline, visit, ... */
    const char *category;            /* optional */
    const char *text;                /* optional: summary or note */
    /* 1.3 */
    uint32_t response_flags;         /* RESPONDED: KAM_RESPONSE_* (0: counts as a first response) */
    uint32_t reserved0;
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

/* 1.3: kam_event_employee.flags */
#define KAM_EMPLOYEE_INACTIVE 1u /* left or disabled: no longer an escalation recipient */

/* 1.3: an employee was created or changed (whole record each time). The org facts complaint
 * escalation ("to the owner's manager") and KPIs by department read. employee_id is the id the host
 * uses for the employee in complaint events and as the actor's user_id. */
typedef struct kam_event_employee {
    kam_event_header header;
    const char *employee_id;   /* required */
    const char *name;          /* optional: display name */
    const char *department;    /* optional */
    const char *manager_id;    /* optional: the employee's manager (an employee_id) */
    const char *calendar;      /* optional: a calendar name from the YAML (shown with the queue) */
    const char *time_zone;     /* optional: IANA zone the employee works in (shown, never used for
                                  deadlines: those run in the complaint calendar's zone) */
    uint32_t flags;            /* KAM_EMPLOYEE_* */
    uint32_t reserved0;
} kam_event_employee;

/* 1.4: kam_event_contact.flags */
#define KAM_CONTACT_REMOVED 1u /* the contact is gone: its numbers and addresses no longer match */

/* 1.4: a contact person of an account was created or changed (whole record each time): the numbers
 * and addresses by which the hotline and the mailbox recognise the caller (kam/contacts.h, who). */
typedef struct kam_event_contact {
    kam_event_header header;
    const char *contact_id;    /* required: the host's id of the contact */
    const char *account_id;    /* required: the account the contact belongs to (must exist) */
    const char *name;          /* optional: display name */
    const char *const *phones; /* phone_count numbers, as in kam_event_account.phones */
    const char *const *emails; /* email_count addresses */
    uint32_t phone_count;
    uint32_t email_count;
    const char *role;          /* optional: e.g. purchasing, technical, executive */
    uint32_t flags;            /* KAM_CONTACT_* */
    uint32_t reserved0;
} kam_event_contact;

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

#ifdef __cplusplus
}
#endif

#endif /* KAM_EVENTS_H */
