// sizes.hpp - the size of every public struct as first published in ABI 1.0 (x86_64 / LP64).
//
// A struct the host passes with a smaller struct_size is refused. These numbers never change; when
// a struct grows, its static_assert becomes `>=` and the 1.0 figure stays.
#pragma once

#include <cstddef>

#include "kam/kam.h"

namespace kam::abi {

inline constexpr size_t kMoneySize_1_0 = 16;
inline constexpr size_t kBufferSize_1_0 = 32;
inline constexpr size_t kActorSize_1_0 = 24;
inline constexpr size_t kConfigSourceSize_1_0 = 32;
inline constexpr size_t kNotificationSize_1_0 = 48;
inline constexpr size_t kHostSize_1_0 = 40;
inline constexpr size_t kInstanceOptionsSize_1_0 = 24;
inline constexpr size_t kEventHeaderSize_1_0 = 24;
inline constexpr size_t kEventAccountSize_1_0 = 104;
inline constexpr size_t kEventOrderSize_1_0 = 80;
inline constexpr size_t kEventOrderCancelSize_1_0 = 40;
inline constexpr size_t kEventComplaintSize_1_0 = 104;
inline constexpr size_t kEventServiceRequestSize_1_0 = 88;
inline constexpr size_t kEventVisitSize_1_0 = 72;
inline constexpr size_t kEventDistributorSize_1_0 = 80;
inline constexpr size_t kEventResultSize_1_0 = 256;
inline constexpr size_t kBatchSize_1_0 = 48;
inline constexpr size_t kBatchSummarySize_1_0 = 48;
inline constexpr size_t kAuditQuerySize_1_0 = 56;
// 1.1
inline constexpr size_t kTierEvaluationSize_1_1 = 32;
inline constexpr size_t kTierEvaluationSummarySize_1_1 = 88;
inline constexpr size_t kTierOverrideSize_1_1 = 40;
inline constexpr size_t kTickResultSize_1_1 = 96;
// 1.2: kam_tier_evaluation_summary grows by missing_rates; kam_tick_result by tier_missing_rates.
// The summary embedded in the tick result is a frozen type of its own (kam.h): it never grows.
inline constexpr size_t kTierEvaluationSummarySize_1_2 = 96;
inline constexpr size_t kTickResultSize_1_2 = 104;
inline constexpr size_t kFrozenTierSummarySize_1_1 = 88;
inline constexpr size_t kApiV1Size_1_0 = 136;  // the table up to audit_query

static_assert(sizeof(kam_money) == kMoneySize_1_0);
static_assert(sizeof(kam_buffer) == kBufferSize_1_0);
static_assert(sizeof(kam_actor) == kActorSize_1_0);
static_assert(sizeof(kam_config_source) == kConfigSourceSize_1_0);
static_assert(sizeof(kam_notification) == kNotificationSize_1_0);
static_assert(sizeof(kam_host) == kHostSize_1_0);
static_assert(sizeof(kam_instance_options) == kInstanceOptionsSize_1_0);
static_assert(sizeof(kam_event_header) == kEventHeaderSize_1_0);
static_assert(sizeof(kam_event_order) == kEventOrderSize_1_0);
static_assert(sizeof(kam_event_order_cancel) == kEventOrderCancelSize_1_0);
static_assert(sizeof(kam_event_service_request) == kEventServiceRequestSize_1_0);
static_assert(sizeof(kam_event_visit) == kEventVisitSize_1_0);
static_assert(sizeof(kam_event_distributor) == kEventDistributorSize_1_0);
static_assert(sizeof(kam_event_result) == kEventResultSize_1_0);
static_assert(sizeof(kam_batch) == kBatchSize_1_0);
static_assert(sizeof(kam_batch_summary) == kBatchSummarySize_1_0);
static_assert(sizeof(kam_audit_query) == kAuditQuerySize_1_0);
static_assert(sizeof(kam_tier_evaluation) == kTierEvaluationSize_1_1);
static_assert(sizeof(kam_tier_evaluation_summary) == kTierEvaluationSummarySize_1_2);
static_assert(sizeof(kam_tier_evaluation_summary_1_1) == kFrozenTierSummarySize_1_1);
static_assert(kFrozenTierSummarySize_1_1 == kTierEvaluationSummarySize_1_1);
static_assert(sizeof(kam_tier_override) == kTierOverrideSize_1_1);
static_assert(offsetof(kam_api_v1, tiers_evaluate) == kApiV1Size_1_0);

/* 1.2 */
inline constexpr size_t kTierListQuerySize_1_2 = 24;
static_assert(sizeof(kam_tier_list_query) == kTierListQuerySize_1_2);
/* end 1.2 */

/* 1.3: kam_event_complaint grows by response_flags (+ reserved0); kam_tick_result by the SLA check's
 * members; the employee event, the complaints table and its KPI query are new. */
inline constexpr size_t kEventComplaintSize_1_3 = 112;
inline constexpr size_t kEventEmployeeSize_1_3 = 80;
inline constexpr size_t kTickResultSize_1_3 = 136;
inline constexpr size_t kComplaintKpiQuerySize_1_3 = 24;
inline constexpr size_t kComplaintsV1Size_1_3 = 40;
inline constexpr size_t kApiV1Size_1_2 = 192;  // the table up to tiers_list
static_assert(sizeof(kam_event_complaint) == kEventComplaintSize_1_3);
static_assert(offsetof(kam_event_complaint, response_flags) == kEventComplaintSize_1_0);
static_assert(sizeof(kam_event_employee) == kEventEmployeeSize_1_3);
static_assert(offsetof(kam_tick_result, sla_ran) == kTickResultSize_1_2);
static_assert(sizeof(kam_complaint_kpi_query) == kComplaintKpiQuerySize_1_3);
static_assert(sizeof(kam_complaints_v1) == kComplaintsV1Size_1_3);
static_assert(offsetof(kam_api_v1, complaints) == kApiV1Size_1_2);
/* end 1.3 */

/* 1.4: kam_event_account grows by phones and emails; kam_tick_result by the service and visit
 * checks' members; the contact event and four capability tables (identity, service, contacts,
 * visits) are new. Each table's size is asserted beside this as it gains its members. */
inline constexpr size_t kEventAccountSize_1_4 = 128;
inline constexpr size_t kEventContactSize_1_4 = 88;
inline constexpr size_t kTickResultSize_1_4 = 184;
inline constexpr size_t kApiV1Size_1_3 = 200;  // the table up to complaints
static_assert(sizeof(kam_event_account) == kEventAccountSize_1_4);
static_assert(offsetof(kam_event_account, phones) == kEventAccountSize_1_0);
static_assert(sizeof(kam_event_contact) == kEventContactSize_1_4);
static_assert(offsetof(kam_tick_result, service_ran) == kTickResultSize_1_3);
static_assert(offsetof(kam_api_v1, identity) == kApiV1Size_1_3);
inline constexpr size_t kContactsV1Size_1_4 = 16;  // who
static_assert(sizeof(kam_contacts_v1) == kContactsV1Size_1_4);
inline constexpr size_t kVisitsV1Size_1_4 = 32;  // visits_due, account_visits, visit_kpis
inline constexpr size_t kVisitsDueQuerySize_1_4 = 40;
inline constexpr size_t kVisitKpiQuerySize_1_4 = 24;
static_assert(sizeof(kam_visits_v1) == kVisitsV1Size_1_4);
static_assert(sizeof(kam_visits_due_query) == kVisitsDueQuerySize_1_4);
static_assert(sizeof(kam_visit_kpi_query) == kVisitKpiQuerySize_1_4);
/* service (kam/service.h) */
inline constexpr size_t kServiceKpiQuerySize_1_4 = 24;
inline constexpr size_t kServiceV1Size_1_4 = 40;
static_assert(sizeof(kam_service_kpi_query) == kServiceKpiQuerySize_1_4);
static_assert(sizeof(kam_service_v1) == kServiceV1Size_1_4);
// identity (kam/identity.h): the table and its two queries.
inline constexpr size_t kIdentityMatchQuerySize_1_4 = 48;
inline constexpr size_t kIdentityDuplicatesQuerySize_1_4 = 24;
inline constexpr size_t kIdentityV1Size_1_4 = 40;
static_assert(sizeof(kam_identity_match_query) == kIdentityMatchQuerySize_1_4);
static_assert(sizeof(kam_identity_duplicates_query) == kIdentityDuplicatesQuerySize_1_4);
static_assert(sizeof(kam_identity_v1) == kIdentityV1Size_1_4);
/* end 1.4 */

/* 1.5: distributor rules (kam/distributors.h), and the tick's expiry members */
inline constexpr size_t kTickResultSize_1_5 = 200;
inline constexpr size_t kApiV1Size_1_4 = 232;  // the table up to visits
static_assert(sizeof(kam_tick_result) == kTickResultSize_1_5);
static_assert(offsetof(kam_tick_result, deals_ran) == kTickResultSize_1_4);
static_assert(offsetof(kam_api_v1, distributors) == kApiV1Size_1_4);
inline constexpr size_t kDealRegistrationSize_1_5 = 112;
inline constexpr size_t kDealsQuerySize_1_5 = 40;
inline constexpr size_t kChannelQuerySize_1_5 = 32;
inline constexpr size_t kQuoteQuerySize_1_5 = 40;
inline constexpr size_t kDistributorsV1Size_1_5 = 64;
static_assert(sizeof(kam_deal_registration) == kDealRegistrationSize_1_5);
static_assert(sizeof(kam_deals_query) == kDealsQuerySize_1_5);
static_assert(sizeof(kam_channel_query) == kChannelQuerySize_1_5);
static_assert(sizeof(kam_quote_query) == kQuoteQuerySize_1_5);
static_assert(sizeof(kam_distributors_v1) == kDistributorsV1Size_1_5);
/* end 1.5 */

}  // namespace kam::abi
