// distributors.hpp - distributor rules put to work (kam/distributors.h, docs/distributors.md): a deal
// registration decided at once with every reason (core/distributors) over what the store holds (the
// distributor, house accounts by identity matching, earlier registrations of the same customer, the
// quota used), stored, audited and, on a channel conflict, notified; reviews; expiry by the tick;
// the queries (registrations, the review queue, conflicts, the channel report) and a quote's
// discount authority.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/periodic.hpp"
#include "config/config.hpp"
#include "core/actor.hpp"
#include "store/store.hpp"

namespace kam::app {

// Permissions (also in core::kPermissions).
inline constexpr const char* kDealsRegister = "deals.register";
inline constexpr const char* kDealsRegisterAny = "deals.register.any";
inline constexpr const char* kDealsRead = "deals.read";
inline constexpr const char* kDealsReadAll = "deals.read.all";
inline constexpr const char* kDealsReview = "deals.review";
inline constexpr const char* kDealsExpire = "deals.expire";
inline constexpr const char* kChannelReport = "channel.report";
inline constexpr const char* kQuotesCheck = "quotes.check";
// The tick's expiry of registrations (Store claim), due every distributors.check_every.
inline constexpr const char* kDealExpiryJob = "deals.expiry";

struct DealContext {
  const core::Actor& actor;
  const core::AccessRules& access;
  int64_t now_ms = 0;
};

struct DealRequest {
  std::string registration_id;  // "": KAM makes one
  std::string distributor_id;   // "": the actor's user id
  std::string customer_name, customer_name_latin, tax_id, region, industry;
  std::vector<std::string> product_lines;
  int64_t amount_minor = 0;
  std::string currency;
  int64_t discount_bp = 0;
  int64_t expected_close_ms = 0;
  std::string notes;
};
// kam/distributors.h deal_register. Throws invalid_argument (bad request), not_found (unknown
// distributor), permission (another distributor's, without deals.register.any), conflict (the
// registration id is another distributor's).
std::string register_deal_json(store::Store& store, const config::Config& config, const DealContext& context,
                               const DealRequest& request);

// kam/distributors.h deal_review. Throws not_found, conflict (not in review), invalid_argument
// (empty reason).
std::string review_deal_json(store::Store& store, const config::Config& config, const DealContext& context,
                             const std::string& registration_id, bool approve, const std::string& reason);

struct DealListRequest {
  std::string distributor_id;  // "": every distributor the actor may see
  std::string status;          // "": every status
  bool review_queue = false;   // registrations in review, oldest first
  std::string after;           // paging: the previous page's next_cursor
  uint32_t limit = 100;
};
std::string deals_json(store::Store& store, const config::Config& config, const DealContext& context,
                       const DealListRequest& request);

// Conflicts (house account or already registered) in [from, to), by distributor, and the list.
std::string channel_conflicts_json(store::Store& store, const config::Config& config, const DealContext& context,
                                   int64_t from_ms, int64_t to_ms, const std::string& distributor_id);
// Decisions in [from, to): by outcome, by reason, by level and by territory.
std::string channel_report_json(store::Store& store, const config::Config& config, const DealContext& context,
                                int64_t from_ms, int64_t to_ms);

struct QuoteRequest {
  std::string account_id;
  std::string distributor_id;  // "": the direct channel
  std::string product_line;
  int64_t discount_bp = 0;
};
std::string quote_check_json(store::Store& store, const config::Config& config, const DealContext& context,
                             const QuoteRequest& request);

struct DealExpirySummary {
  uint64_t expired = 0;  // registrations whose protection ended (KAM_NOTIFY_DEAL_EXPIRED each)
};
PeriodicJob deal_expiry_job();
DealExpirySummary expire_deals(store::Store& store, const config::Config& config, int64_t now_ms,
                               const std::string& completes_job);

}  // namespace kam::app
