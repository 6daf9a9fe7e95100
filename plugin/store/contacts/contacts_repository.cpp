// contacts_repository.cpp - ContactsRepository; see contacts_repository.hpp. The lookup is one
// statement: a range of the contact_points key, and per match one row of each joined table plus the
// counts through their account indexes.
#include "store/contacts/contacts_repository.hpp"

#include <soci/soci.h>

#include <map>

#include "store/database/database.hpp"

namespace kam::store {

namespace {

// Open complaints are complaint_current phase 1; breached ones also have a breach escalation (kind
// 3, KAM_NOTIFY_SLA_BREACH); open service requests have no closed_at_ms (schema 1).
constexpr const char* kWho =
    "SELECT p.account_id, a.name, a.account_manager_id, COALESCE(m.name, ''), COALESCE(t.effective_tier, ''),"
    " p.contact_id, COALESCE(c.name, ''), COALESCE(c.role, ''),"
    " (SELECT COUNT(*) FROM complaint_current cc WHERE cc.account_id = p.account_id AND cc.phase = 1),"
    " (SELECT COUNT(DISTINCT e.complaint_id) FROM sla_escalations e JOIN complaint_current cb"
    "  ON cb.complaint_id = e.complaint_id WHERE e.account_id = p.account_id AND e.kind = 3 AND cb.phase = 1),"
    " (SELECT COUNT(*) FROM service_requests r WHERE r.account_id = p.account_id AND r.closed_at_ms IS NULL),"
    // As text: SOCI's SQLite backend types a column declared INTEGER as int (32 bits).
    " CAST(v.next_due_ms AS TEXT)"
    " FROM contact_points p JOIN accounts a ON a.account_id = p.account_id"
    " LEFT JOIN employees m ON m.employee_id = a.account_manager_id"
    " LEFT JOIN tier_state t ON t.account_id = p.account_id"
    " LEFT JOIN contacts c ON c.contact_id = p.contact_id AND p.contact_id <> ''"
    " LEFT JOIN visit_plans v ON v.account_id = p.account_id"
    " WHERE p.kind = :kind AND p.value = :value AND p.valid = 1"
    " ORDER BY p.account_id, p.contact_id DESC";

}  // namespace

std::vector<ContactMatch> ContactsRepository::who(const std::string& kind, const std::string& value) {
  std::vector<ContactMatch> out;
  db_.with_session("looking up a caller", [&](soci::session& sql) {
    soci::rowset<soci::row> rows = (sql.prepare << kWho, soci::use(kind, "kind"), soci::use(value, "value"));
    for (const soci::row& r : rows) {
      const std::string account = r.get<std::string>(0);
      // One match per account: rows come contact points first (contact_id DESC puts "" last).
      if (!out.empty() && out.back().account_id == account) continue;
      ContactMatch m;
      m.account_id = account;
      m.account_name = r.get<std::string>(1);
      m.account_manager_id = r.get<std::string>(2);
      m.account_manager_name = r.get<std::string>(3);
      m.tier = r.get<std::string>(4);
      m.contact_id = r.get<std::string>(5);
      m.contact_name = r.get<std::string>(6);
      m.contact_role = r.get<std::string>(7);
      // Integers as the backend types them (SQLite by value, PostgreSQL by column type).
      const auto count = [&](std::size_t i) -> int64_t {
        switch (r.get_properties(i).get_data_type()) {
          case soci::dt_integer: return r.get<int>(i);
          case soci::dt_unsigned_long_long: return static_cast<int64_t>(r.get<unsigned long long>(i));
          case soci::dt_double: return static_cast<int64_t>(r.get<double>(i));
          case soci::dt_string: return std::stoll(r.get<std::string>(i));
          default: return r.get<long long>(i);
        }
      };
      m.open_complaints = count(8);
      m.breached_complaints = count(9);
      m.open_requests = count(10);
      if (r.get_indicator(11) != soci::i_null) m.next_visit_due_ms = std::stoll(r.get<std::string>(11));
      out.push_back(std::move(m));
    }
  });
  return out;
}

}  // namespace kam::store
