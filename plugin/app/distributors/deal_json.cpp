// deal_json.cpp - the JSON shapes of registrations and reasons.
#include "app/distributors/deal_json.hpp"

#include "core/time/calendar.hpp"

namespace kam::app::distributors {

namespace cd = core::distributors;
using nlohmann::json;

namespace {

json optional_ms(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
json optional_text(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

json finding_json(const cd::Finding& f) {
  json j{{"code", cd::reason_code(f.reason)},
         {"effect", cd::rejects(f.reason) ? "rejects" : "review"},
         {"message", f.message}};
  if (!f.values.empty()) j["values"] = f.values;
  if (!f.allowed.empty() || f.reason == cd::Reason::outside_territory || f.reason == cd::Reason::outside_industry ||
      f.reason == cd::Reason::product_line_not_allowed)
    j["allowed"] = f.allowed;
  if (f.house)
    j["account"] = {{"account_id", f.house->account_id},
                    {"account_name", f.house->account_name},
                    {"tier", f.house->tier},
                    {"score_bp", f.house->score_bp}};
  if (f.earlier)
    j["registration"] = {{"registration_id", f.earlier->registration_id},
                         {"distributor_id", f.earlier->distributor_id},
                         {"protected_until_ms", f.earlier->protected_until_ms},
                         {"score_bp", f.earlier->score_bp}};
  if (f.asked) j["asked"] = *f.asked;
  if (f.limit) j["limit"] = *f.limit;
  if (!f.product_line.empty()) j["product_line"] = f.product_line;
  return j;
}

json deal_json(const store::StoredDeal& d) {
  json reasons = json::parse(d.reasons_json, nullptr, false);
  if (reasons.is_discarded()) reasons = json::array();
  return json{{"registration_id", d.registration_id},
              {"distributor_id", d.distributor_id},
              {"level", d.level},
              {"customer",
               {{"name", d.customer_name},
                {"name_latin", d.customer_name_latin},
                {"tax_id", d.tax_id},
                {"region", d.region},
                {"industry", d.industry}}},
              {"product_lines", d.product_lines},
              {"amount", {{"minor_units", d.amount_minor}, {"currency", d.currency}}},
              {"amount_reporting_minor", d.amount_reporting_minor},
              {"discount_bp", d.discount_bp},
              {"expected_close_ms", d.expected_close_ms == 0 ? json(nullptr) : json(d.expected_close_ms)},
              {"notes", d.notes},
              {"decision", d.decision},
              {"status", d.status},
              {"reasons", reasons},
              {"conflict", d.conflict},
              {"matched_account_id", optional_text(d.matched_account_id)},
              {"registered_at_ms", d.registered_at_ms},
              {"registered_by", d.registered_by},
              {"protected_until_ms", optional_ms(d.protected_until_ms)},
              {"review", d.reviewed_at_ms ? json{{"reviewed_at_ms", *d.reviewed_at_ms},
                                                 {"reviewed_by", d.reviewed_by},
                                                 {"reason", d.review_reason}}
                                          : json(nullptr)},
              {"expired_at_ms", optional_ms(d.expired_at_ms)}};
}

std::string local_time_text(int64_t ms, const config::Config& config) {
  const core::time::BusinessCalendar calendar(config.business.time_zone);
  const core::time::LocalDate day = calendar.local_date(ms);
  const int64_t minutes = (ms - calendar.start_of_day_ms(day)) / 60'000;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(minutes / 60 % 100), static_cast<int>(minutes % 60));
  return day.to_string() + " " + hm + " " + config.business.time_zone;
}

}  // namespace kam::app::distributors
