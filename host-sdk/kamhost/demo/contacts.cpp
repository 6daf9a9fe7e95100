// contacts.cpp - the demo's contact people and visits (see contacts.hpp).
#include "demo/contacts.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "demo/random.hpp"
#include "time_text.hpp"

namespace kamhost::demo {
namespace {

using nlohmann::json;

constexpr int64_t kHour = 3'600'000, kDay = 24 * kHour;
const char* const kSurnames[] = {"Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"};
const char* const kGiven[] = {"Wei", "Fang", "Na", "Min", "Jing", "Lei", "Qiang", "Yan", "Jun", "Tao"};
const char* const kRoles[] = {"purchasing", "technical", "executive", "finance"};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

ContactsSummary write_contacts(const ContactsOptions& o, const std::vector<DemoAccount>& accounts, std::ostream& out) {
  Random r(o.seed * 7919 + 11);
  ContactsSummary summary;
  std::vector<const DemoAccount*> largest;
  for (const DemoAccount& a : accounts) largest.push_back(&a);
  std::stable_sort(largest.begin(), largest.end(),
                   [](const DemoAccount* x, const DemoAccount* y) { return x->annual_revenue > y->annual_revenue; });
  const int64_t at = o.end_ms - 2 * kDay;
  // The switchboards: written in the national format, as an ERP keeps them.
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const DemoAccount& a = accounts[i];
    char phone[32];
    std::snprintf(phone, sizeof phone, "021-6%03zu-%04llu", i % 1000, static_cast<unsigned long long>(r.below(10000)));
    out << json{{"kind", "account_upserted"}, {"event_id", "demo-" + a.id + "-contact-points"},
                {"occurred_at", format_utc(at)}, {"account_id", a.id}, {"name", a.name},
                {"account_manager_id", a.manager}, {"phones", json::array({phone})},
                {"emails", json::array({"info@" + lower(a.id) + ".example.cn"})}}
               .dump()
        << "\n";
    ++summary.accounts;
  }
  const std::size_t keys = std::min<std::size_t>(o.key_accounts, largest.size());
  for (std::size_t k = 0; k < keys; ++k) {
    const DemoAccount& a = *largest[k];
    for (int c = 0; c < 2; ++c) {
      const std::string name = std::string(pick(r, kSurnames)) + " " + pick(r, kGiven);
      char id[48], mobile[32];
      std::snprintf(id, sizeof id, "CT-%s-%d", a.id.c_str(), c + 1);
      std::snprintf(mobile, sizeof mobile, "+86 139 %04llu %04llu", static_cast<unsigned long long>(k * 2 + c),
                    static_cast<unsigned long long>(r.below(10000)));
      // The second and third largest accounts belong to one group: their executives share a line.
      std::string phone = mobile;
      if (c == 1 && (k == 1 || k == 2)) phone = "+86 21 5888 1234";
      if (c == 1 && k == 1) summary.shared_number = phone;
      if (c == 0 && k == 0) summary.key_number = mobile;
      std::string mail = name;
      std::replace(mail.begin(), mail.end(), ' ', '.');
      out << json{{"kind", "contact"}, {"event_id", std::string("demo-") + id}, {"occurred_at", format_utc(at)},
                  {"contact_id", id}, {"account_id", a.id}, {"name", name}, {"role", c == 0 ? kRoles[0] : pick(r, kRoles)},
                  {"phones", json::array({phone})}, {"emails", json::array({mail + "@" + lower(a.id) + ".example.cn"})}}
                 .dump()
          << "\n";
      ++summary.contacts;
    }
    // The last completed visit 1 to 200 days ago (platinum's 30 and gold's 90 days: many overdue),
    // and one planned visit, which does not count until it is completed.
    const int64_t last = o.end_ms - static_cast<int64_t>(1 + r.below(200)) * kDay - 14 * kHour;
    char visit[48];
    std::snprintf(visit, sizeof visit, "VS-%s-1", a.id.c_str());
    out << json{{"kind", "visit"}, {"event_id", std::string("demo-") + visit}, {"occurred_at", format_utc(last)},
                {"visit_id", visit}, {"account_id", a.id}, {"employee_id", a.manager}, {"status", "completed"},
                {"notes", "quarterly review"}}
               .dump()
        << "\n";
    std::snprintf(visit, sizeof visit, "VS-%s-2", a.id.c_str());
    out << json{{"kind", "visit"}, {"event_id", std::string("demo-") + visit}, {"occurred_at", format_utc(at)},
                {"visit_id", visit}, {"account_id", a.id}, {"employee_id", a.manager}, {"status", "planned"},
                {"planned_for", format_utc(o.end_ms + 10 * kDay)}}
               .dump()
        << "\n";
    summary.visits += 2;
  }
  return summary;
}

}  // namespace kamhost::demo
