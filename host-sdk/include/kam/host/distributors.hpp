// kam/host/distributors.hpp - kam::host::Distributors, distributor rules (ABI 1.5,
// kam/distributors.h): deal registration with its decision, review, the registrations and the review
// queue, channel conflicts and report, a quote's discount authority and expiry, each returned as the
// JSON text kam/distributors.h documents. Get one from Instance::distributors(), which throws
// KAM_ERR_UNSUPPORTED on a plugin older than 1.5. Part of kam/host.hpp (include that).
#ifndef KAM_HOST_DISTRIBUTORS_HPP
#define KAM_HOST_DISTRIBUTORS_HPP

#include <kam/host/actor.hpp>
#include <kam/host/buffer.hpp>
#include <kam/host/library.hpp>
#include <kam/kam.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace kam::host {

// A deal to register (kam_deal_registration).
struct DealRegistration {
  std::string registration_id;  // "": KAM makes one
  std::string distributor_id;   // "": the actor's user id
  std::string customer_name, customer_name_latin, tax_id, region, industry;
  std::vector<std::string> product_lines;
  int64_t amount_minor = 0;
  std::string currency = "CNY";
  int64_t discount_bp = 0;
  int64_t expected_close_ms = 0;
  std::string notes;
};

// What deals_list returns (kam_deals_query).
struct DealsQuery {
  bool review_queue = false;
  std::string distributor_id, status, after;
  uint32_t limit = 0;
};

// A quote to check (kam_quote_query).
struct QuoteQuery {
  std::string account_id, distributor_id, product_line;  // distributor_id "": the direct channel
  int64_t discount_bp = 0;
};

// The distributors table bound to one instance. Cheap to copy; keeps the library loaded, but not the
// instance: use it only while the Instance it came from lives. Methods are [thread-safe].
class Distributors {
 public:
  Distributors(detail::LibraryPtr lib, kam_instance* instance, const kam_distributors_v1* table)
      : lib_(std::move(lib)), instance_(instance), table_(table) {}

  // Registers the deal and returns the decision with every reason.
  std::string register_deal(const Actor& actor, const DealRegistration& d) const {
    if (!KAM_DISTRIBUTORS_HAS(table_, deal_register)) missing("deal_register");
    std::vector<const char*> lines;
    for (const std::string& l : d.product_lines) lines.push_back(l.c_str());
    kam_deal_registration r{};
    r.struct_size = sizeof r;
    r.product_line_count = static_cast<uint32_t>(lines.size());
    r.registration_id = d.registration_id.c_str();
    r.distributor_id = d.distributor_id.c_str();
    r.customer_name = d.customer_name.c_str();
    r.customer_name_latin = d.customer_name_latin.c_str();
    r.tax_id = d.tax_id.c_str();
    r.region = d.region.c_str();
    r.industry = d.industry.c_str();
    r.product_lines = lines.empty() ? nullptr : lines.data();
    r.amount.minor_units = d.amount_minor;
    std::strncpy(r.amount.currency, d.currency.c_str(), 3);
    r.discount_bp = d.discount_bp;
    r.expected_close_ms = d.expected_close_ms;
    r.notes = d.notes.c_str();
    Buffer out(lib_);
    detail::check(*lib_->api, table_->deal_register(instance_, actor.get(), &r, out.get()),
                  "distributors.deal_register");
    return out.str();
  }

  // Approves (true) or rejects a registration in review. Needs "deals.review".
  std::string review(const Actor& actor, const std::string& registration_id, bool approve,
                     const std::string& reason) const {
    if (!KAM_DISTRIBUTORS_HAS(table_, deal_review)) missing("deal_review");
    Buffer out(lib_);
    detail::check(*lib_->api,
                  table_->deal_review(instance_, actor.get(), registration_id.c_str(),
                                      approve ? KAM_DEAL_APPROVE : KAM_DEAL_REJECT, reason.c_str(), out.get()),
                  "distributors.deal_review");
    return out.str();
  }

  std::string list(const Actor& actor, const DealsQuery& q = {}) const {
    if (!KAM_DISTRIBUTORS_HAS(table_, deals_list)) missing("deals_list");
    kam_deals_query query{};
    query.struct_size = sizeof query;
    query.flags = q.review_queue ? KAM_DEALS_REVIEW_QUEUE : 0u;
    query.distributor_id = q.distributor_id.c_str();
    query.status = q.status.c_str();
    query.after = q.after.c_str();
    query.limit = q.limit;
    Buffer out(lib_);
    detail::check(*lib_->api, table_->deals_list(instance_, actor.get(), &query, out.get()), "distributors.deals_list");
    return out.str();
  }

  // Conflicts registered in [from_ms, to_ms) (0, 0: the last 90 days), of one distributor or all.
  std::string conflicts(const Actor& actor, int64_t from_ms = 0, int64_t to_ms = 0,
                        const std::string& distributor_id = "") const {
    if (!KAM_DISTRIBUTORS_HAS(table_, channel_conflicts)) missing("channel_conflicts");
    const kam_channel_query query = channel_query(from_ms, to_ms, distributor_id);
    Buffer out(lib_);
    detail::check(*lib_->api, table_->channel_conflicts(instance_, actor.get(), &query, out.get()),
                  "distributors.channel_conflicts");
    return out.str();
  }

  std::string report(const Actor& actor, int64_t from_ms = 0, int64_t to_ms = 0) const {
    if (!KAM_DISTRIBUTORS_HAS(table_, channel_report)) missing("channel_report");
    const kam_channel_query query = channel_query(from_ms, to_ms, "");
    Buffer out(lib_);
    detail::check(*lib_->api, table_->channel_report(instance_, actor.get(), &query, out.get()),
                  "distributors.channel_report");
    return out.str();
  }

  std::string quote(const Actor& actor, const QuoteQuery& q) const {
    if (!KAM_DISTRIBUTORS_HAS(table_, quote_check)) missing("quote_check");
    kam_quote_query query{};
    query.struct_size = sizeof query;
    query.account_id = q.account_id.c_str();
    query.distributor_id = q.distributor_id.c_str();
    query.product_line = q.product_line.c_str();
    query.discount_bp = q.discount_bp;
    Buffer out(lib_);
    detail::check(*lib_->api, table_->quote_check(instance_, actor.get(), &query, out.get()),
                  "distributors.quote_check");
    return out.str();
  }

  // Expires now what the host clock says has ended; returns how many.
  uint64_t expire(const Actor& actor) const {
    if (!KAM_DISTRIBUTORS_HAS(table_, deals_expire)) missing("deals_expire");
    uint64_t n = 0;
    detail::check(*lib_->api, table_->deals_expire(instance_, actor.get(), &n), "distributors.deals_expire");
    return n;
  }

  const kam_distributors_v1& table() const noexcept { return *table_; }
  kam_instance* handle() const noexcept { return instance_; }

 private:
  static kam_channel_query channel_query(int64_t from_ms, int64_t to_ms, const std::string& distributor_id) {
    kam_channel_query query{};
    query.struct_size = sizeof query;
    query.from_ms = from_ms;
    query.to_ms = to_ms;
    query.distributor_id = distributor_id.c_str();  // valid while the caller's string lives
    return query;
  }
  [[noreturn]] void missing(const char* member) const {
    detail::throw_missing(*lib_, std::string("distributors.") + member, 5);
  }

  detail::LibraryPtr lib_;
  kam_instance* instance_;
  const kam_distributors_v1* table_;
};

}  // namespace kam::host

#endif  // KAM_HOST_DISTRIBUTORS_HPP
