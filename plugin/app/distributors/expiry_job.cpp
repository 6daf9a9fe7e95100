// expiry_job.cpp - the tick's expiry of registrations: every registration that holds its customer and
// whose protection ended by the host clock becomes "expired" with one KAM_NOTIFY_DEAL_EXPIRED, in one
// transaction (whichever host runs it: the status change is the claim).
#include <nlohmann/json.hpp>

#include "app/distributors/distributors.hpp"
#include "app/tick.hpp"

namespace kam::app {

using nlohmann::json;

namespace {

constexpr int32_t kNotifyDealExpired = 9;  // KAM_NOTIFY_DEAL_EXPIRED

}  // namespace

DealExpirySummary expire_deals(store::Store& store, const config::Config& config, int64_t now_ms,
                               const std::string& completes_job) {
  const std::vector<store::StoredDeal> expired = store.deals().expire(
      now_ms,
      [&](const store::StoredDeal& d) {
        store::Notification n;
        n.kind = kNotifyDealExpired;
        n.kind_name = "deal_expired";
        n.account_id = d.matched_account_id;
        n.created_at_ms = now_ms;
        n.payload_json = json{{"key", "DEAL/" + d.registration_id + "/expired"},
                              {"registration_id", d.registration_id},
                              {"distributor_id", d.distributor_id},
                              {"customer_name", d.customer_name},
                              {"decision", d.decision},
                              {"protected_until_ms", *d.protected_until_ms},
                              {"expired_at_ms", now_ms},
                              {"roles", config.distributors.conflict_roles},
                              {"created_at_ms", now_ms}}
                             .dump();
        return n;
      },
      completes_job);
  return DealExpirySummary{expired.size()};
}

PeriodicJob deal_expiry_job() {
  PeriodicJob job;
  job.name = kDealExpiryJob;
  job.permission = kDealsExpire;
  job.every_ms = [](const config::Config& c) { return c.distributors.check_every_minutes * int64_t{60000}; };
  job.run = [](const JobContext& c, TickResult& result) {
    const DealExpirySummary s = expire_deals(c.store, c.config, c.now_ms, kDealExpiryJob);
    if (c.log && s.expired > 0)
      c.log(core::LogLevel::info, "deal registrations: " + std::to_string(s.expired) + " expired");
    result.deals = s;
  };
  return job;
}

}  // namespace kam::app
