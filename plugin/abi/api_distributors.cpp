// Distributor rules (ABI 1.5): the capability table kam_distributors_v1 and its getter
// kam_api_v1.distributors. Each call converts its arguments, checks the actor's base permission
// (Call), runs one use case of app/distributors (which applies the finer rules: own distributor or
// all) and returns its JSON.
#include <cstdint>
#include <string>

#include "abi/api.hpp"
#include "abi/buffer.hpp"
#include "abi/call.hpp"
#include "abi/event_convert.hpp"
#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/instance.hpp"
#include "abi/kpi_period.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "app/distributors/distributors.hpp"

namespace kam::abi {
namespace {

constexpr uint32_t kMaxDealLimit = 1000;                           // kam/distributors.h: at most 1,000
constexpr uint32_t kMaxProductLines = 100;
constexpr int64_t kDefaultChannelPeriodMs = 90LL * 24 * 3600 * 1000;  // from_ms 0: 90 days before to_ms

const char* const kRegisterPermissions[] = {app::kDealsRegister, app::kDealsRegisterAny};
const char* const kReadPermissions[] = {app::kDealsRead, app::kDealsReadAll, app::kDealsReview};

app::DealContext context_for(const Call& call, const ConfigSnapshot& snapshot) {
  return app::DealContext{call.actor(), snapshot.config->access, now_ms(call.instance())};
}

// Runs a use case that applies a finer rule than the call's permission (another distributor's
// registrations); its refusal is audited like the call's own (permission.refused) and rethrown.
template <class Fn>
std::string refusal_audited(const Call& call, const char* permission, Fn&& fn) {
  try {
    return fn();
  } catch (const Error& e) {
    if (e.status() == Status::permission)
      call.instance()->refusals.record(call.instance(), call.actor(), call.function(), permission);
    throw;
  }
}

std::string optional_id(const char* s, const char* where) { return input_string(s, where, StringKind::id, false); }

app::DealRequest deal_request(const kam_deal_registration& r) {
  const char* fn = "distributors.deal_register";
  if (r.product_line_count == 0 || r.product_line_count > kMaxProductLines)
    throw Error(Status::invalid_argument, std::string(fn) + ": registration.product_line_count " +
                                              std::to_string(r.product_line_count) + " is outside 1..100");
  app::DealRequest d;
  d.registration_id = optional_id(r.registration_id, "distributors.deal_register: registration.registration_id");
  d.distributor_id = optional_id(r.distributor_id, "distributors.deal_register: registration.distributor_id");
  d.customer_name =
      input_string(r.customer_name, "distributors.deal_register: registration.customer_name", StringKind::name, true);
  d.customer_name_latin = input_string(r.customer_name_latin, "distributors.deal_register: registration.customer_name_latin",
                                       StringKind::name, false);
  d.tax_id = input_string(r.tax_id, "distributors.deal_register: registration.tax_id", StringKind::id, false);
  d.region = input_string(r.region, "distributors.deal_register: registration.region", StringKind::name, false);
  d.industry = input_string(r.industry, "distributors.deal_register: registration.industry", StringKind::name, false);
  d.product_lines = string_list(r.product_lines, r.product_line_count, "distributors.deal_register: registration.product_lines");
  const core::Money amount = money(r.amount, "distributors.deal_register: registration.amount");
  d.amount_minor = amount.minor_units;
  d.currency = amount.currency;
  d.discount_bp = r.discount_bp;
  d.expected_close_ms = r.expected_close_ms;
  d.notes = input_string(r.notes, "distributors.deal_register: registration.notes", StringKind::text, false);
  return d;
}

kam_status deal_register(kam_instance* instance, const kam_actor* actor, const kam_deal_registration* registration,
                         kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "distributors.deal_register";
    Call call(instance, actor, fn, kRegisterPermissions);
    require_ptr(registration, fn, "registration");
    check_struct(registration, kDealRegistrationSize_1_5, "kam_deal_registration");
    require_ptr(out_json, fn, "out_json");
    const app::DealRequest request = deal_request(*registration);
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json, refusal_audited(call, app::kDealsRegisterAny, [&] {
                  return app::register_deal_json(*instance->store, *snapshot.config, context_for(call, snapshot),
                                                 request);
                }),
                fn);
  });
}

kam_status deal_review(kam_instance* instance, const kam_actor* actor, const char* registration_id,
                       kam_deal_verdict verdict, const char* reason, kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "distributors.deal_review";
    Call call(instance, actor, fn, app::kDealsReview);
    const std::string id = id_arg(registration_id, "distributors.deal_review: registration_id");
    if (verdict != KAM_DEAL_APPROVE && verdict != KAM_DEAL_REJECT)
      throw Error(Status::invalid_argument, std::string(fn) + ": verdict " + std::to_string(verdict) +
                                                " is not KAM_DEAL_APPROVE (1) or KAM_DEAL_REJECT (2)");
    const std::string why = input_string(reason, "distributors.deal_review: reason", StringKind::reason, true);
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                app::review_deal_json(*instance->store, *snapshot.config, context_for(call, snapshot), id,
                                      verdict == KAM_DEAL_APPROVE, why),
                fn);
  });
}

kam_status deals_list(kam_instance* instance, const kam_actor* actor, const kam_deals_query* query,
                      kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "distributors.deals_list";
    Call call(instance, actor, fn, kReadPermissions);
    require_ptr(query, fn, "query");
    check_struct(query, kDealsQuerySize_1_5, "kam_deals_query");
    check_reserved(query->reserved0, "query.reserved0");
    if ((query->flags & ~KAM_DEALS_REVIEW_QUEUE) != 0)
      throw Error(Status::unsupported, std::string(fn) + ": query.flags " + std::to_string(query->flags) +
                                           " has bits this plugin does not know (KAM_DEALS_*: 1)");
    if (query->limit > kMaxDealLimit)
      throw Error(Status::invalid_argument,
                  std::string(fn) + ": limit " + std::to_string(query->limit) + " is over 1000");
    require_ptr(out_json, fn, "out_json");
    app::DealListRequest r;
    r.review_queue = (query->flags & KAM_DEALS_REVIEW_QUEUE) != 0;
    r.distributor_id = optional_id(query->distributor_id, "distributors.deals_list: query.distributor_id");
    r.status = input_string(query->status, "distributors.deals_list: query.status", StringKind::name, false);
    if (!r.status.empty() && r.status != "approved" && r.status != "rejected" && r.status != "needs_review" &&
        r.status != "expired")
      throw Error(Status::invalid_argument, std::string(fn) + ": query.status '" + r.status +
                                                "' is not approved, rejected, needs_review or expired");
    r.after = input_string(query->after, "distributors.deals_list: query.after", StringKind::name, false);
    r.limit = query->limit == 0 ? 100 : query->limit;
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json, refusal_audited(call, app::kDealsReadAll, [&] {
                  return app::deals_json(*instance->store, *snapshot.config, context_for(call, snapshot), r);
                }),
                fn);
  });
}

KpiPeriod channel_period(const kam_channel_query* query, kam_instance* instance, const char* fn) {
  require_ptr(query, fn, "query");
  check_struct(query, kChannelQuerySize_1_5, "kam_channel_query");
  check_reserved(query->reserved0, "query.reserved0");
  // to_ms 0: up to and including the host's now (a registration made at now counts).
  const int64_t now = now_ms(instance);
  return kpi_period(query->from_ms, query->to_ms == 0 ? now + 1 : query->to_ms, now + 1, kDefaultChannelPeriodMs, fn);
}

kam_status channel_conflicts(kam_instance* instance, const kam_actor* actor, const kam_channel_query* query,
                             kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "distributors.channel_conflicts";
    Call call(instance, actor, fn, app::kDealsReadAll);
    const KpiPeriod period = channel_period(query, instance, fn);
    const std::string distributor =
        optional_id(query->distributor_id, "distributors.channel_conflicts: query.distributor_id");
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                app::channel_conflicts_json(*instance->store, *snapshot.config, context_for(call, snapshot),
                                            period.from_ms, period.to_ms, distributor),
                fn);
  });
}

kam_status channel_report(kam_instance* instance, const kam_actor* actor, const kam_channel_query* query,
                          kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "distributors.channel_report";
    Call call(instance, actor, fn, app::kChannelReport);
    const KpiPeriod period = channel_period(query, instance, fn);
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                app::channel_report_json(*instance->store, *snapshot.config, context_for(call, snapshot),
                                         period.from_ms, period.to_ms),
                fn);
  });
}

kam_status quote_check(kam_instance* instance, const kam_actor* actor, const kam_quote_query* query,
                       kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "distributors.quote_check";
    Call call(instance, actor, fn, app::kQuotesCheck);
    require_ptr(query, fn, "query");
    check_struct(query, kQuoteQuerySize_1_5, "kam_quote_query");
    check_reserved(query->reserved0, "query.reserved0");
    require_ptr(out_json, fn, "out_json");
    app::QuoteRequest r;
    r.account_id = id_arg(query->account_id, "distributors.quote_check: query.account_id");
    r.distributor_id = optional_id(query->distributor_id, "distributors.quote_check: query.distributor_id");
    r.product_line =
        input_string(query->product_line, "distributors.quote_check: query.product_line", StringKind::name, true);
    r.discount_bp = query->discount_bp;
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json, app::quote_check_json(*instance->store, *snapshot.config, context_for(call, snapshot), r),
                fn);
  });
}

kam_status deals_expire(kam_instance* instance, const kam_actor* actor, uint64_t* out_expired) {
  return status_of_call([&] {
    Call call(instance, actor, "distributors.deals_expire", app::kDealsExpire);
    const ConfigSnapshot snapshot = config_snapshot(instance);
    const app::DealExpirySummary s =
        app::expire_deals(*instance->store, *snapshot.config, now_ms(instance), std::string());
    if (out_expired != nullptr) *out_expired = s.expired;
  });
}

// Members are only ever appended (kam/distributors.h).
const kam_distributors_v1 kDistributorsV1 = {
    sizeof(kam_distributors_v1),
    5,
    /* 1.5 */
    &deal_register,
    &deal_review,
    &deals_list,
    &channel_conflicts,
    &channel_report,
    &quote_check,
    &deals_expire,
    /* end 1.5 */
};

}  // namespace

const kam_distributors_v1* distributors() { return &kDistributorsV1; }

}  // namespace kam::abi
