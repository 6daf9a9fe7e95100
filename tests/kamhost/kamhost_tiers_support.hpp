// kamhost_tiers_support.hpp - the tier tests' data: a 4-tier config (in any business time zone),
// and account and order lines for an import file.
#pragma once

#include <time.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "kamhost_test_support.hpp"  // contains()

namespace kamhost_test {

inline int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// UTC date of epoch ms.
inline std::string utc_date(int64_t ms) {
  const time_t t = static_cast<time_t>(ms / 1000);
  struct tm tm_utc {};
  gmtime_r(&t, &tm_utc);
  char text[16];
  strftime(text, sizeof text, "%Y-%m-%d", &tm_utc);
  return text;
}

// The tier config: four tiers, benefits for the top three, business days in time_zone, reporting in
// currency (CNY unless given).
inline std::string tier_config(const std::filesystem::path& dir, const std::string& time_zone = "UTC",
                               const std::string& currency = "CNY") {
  return "kam: 1\n"
         "instance:\n"
         "  name: kamhost-tiers-test\n"
         "database:\n"
         "  url: sqlite:" + (dir / "kam.db").string() + "\n"
         "  synchronous: normal\n"
         "business:\n"
         "  time_zone: " + time_zone + "\n"
         "  reporting_currency: " + currency + "\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "    erp.feed: [ingest]\n"
         "    account_manager: [tiers.read]\n"
         "    auditor: [audit.read]\n"
         "tiers:\n"
         "  window_days: 365\n"
         "  downgrade_after_days: 90\n"
         "  pareto_percent: \"80%\"\n"
         "  evaluate_every: 1h\n"
         "  levels:\n"
         "    - name: platinum\n"
         "      label: Platinum\n"
         "      rule:\n"
         "        all:\n"
         "          - {metric: revenue, op: \">=\", value: \"400000.00\"}\n"
         "      benefits:\n"
         "        dedicated_account_manager: true\n"
         "        hotline: \"+86 400 800 1000\"\n"
         "        discount_authority: \"12.5%\"\n"
         "        visit_cadence_days: 30\n"
         "        engineer_pool: senior\n"
         "    - name: gold\n"
         "      rule:\n"
         "        all:\n"
         "          - {metric: revenue, op: \">=\", value: \"200000.00\"}\n"
         "      benefits:\n"
         "        discount_authority: \"10%\"\n"
         "        visit_cadence_days: 90\n"
         "    - name: silver\n"
         "      rule:\n"
         "        any:\n"
         "          - {metric: revenue, op: \">=\", value: \"100000.00\"}\n"
         "          - {flag: reference_customer}\n"
         "    - name: standard\n"
         "      default: true\n"
         // The benefits cards' response times come from the complaint targets (one source of truth).
         "calendars: {around: {time_zone: UTC, 24x7: true}}\n"
         "complaints:\n"
         "  calendar: around\n"
         "  targets:\n"
         "    - {tier: platinum, first_response: 1h, resolution: 24h}\n"
         "    - {tier: gold, first_response: 4h, resolution: 48h}\n"
         "    - {tier: silver, first_response: 24h, resolution: 120h}\n";
}

inline std::string account_line(const std::string& id, const std::string& name) {
  return R"({"kind":"account_upserted","event_id":"acc-)" + id + R"(","occurred_at":"2026-01-01","account_id":")" + id +
         R"(","name":")" + name + R"("})" "\n";
}

// An order days_ago days before now, amount in minor units of currency.
inline std::string order_line(const std::string& order_id, const std::string& account, int64_t amount_minor, int days_ago,
                       const std::string& document_type = "order", const std::string& currency = "CNY") {
  const int64_t at = now_ms() - int64_t{days_ago} * 86'400'000;
  return R"({"kind":"order_posted","event_id":"ev-)" + order_id + R"(","occurred_at_ms":)" + std::to_string(at) +
         R"(,"order_id":")" + order_id + R"(","account_id":")" + account + R"(","amount_minor":)" +
         std::to_string(amount_minor) + R"(,"margin_minor":)" + std::to_string(amount_minor / 5) +
         R"(,"currency":")" + currency + R"(","document_type":")" + document_type + R"("})" "\n";
}

}  // namespace kamhost_test
