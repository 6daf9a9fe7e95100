// contacts_repository.cpp - ContactsRepository; see contacts_repository.hpp. The lookup is one
// statement, prepared once per pooled connection (database/statement_cache.hpp): a range of the
// contact_points key, and per match one row of each joined table plus the counts through their
// account indexes.
#include "store/contacts/contacts_repository.hpp"

#include <soci/soci.h>

#include "store/database/database.hpp"
#include "store/database/statement_cache.hpp"

namespace kam::store {

namespace {

// Open complaints are complaint_current phase 1; breached ones also have a breach escalation (kind
// 3, KAM_NOTIFY_SLA_BREACH); open service requests have no closed_at_ms (schema 1). $1 and $2 are
// PostgreSQL's parameters and SQLite's too (named "$1", "$2", numbered in order).
constexpr const char* kWho =
    "SELECT p.account_id, a.name, a.account_manager_id, COALESCE(m.name, ''), COALESCE(t.effective_tier, ''),"
    " p.contact_id, COALESCE(c.name, ''), COALESCE(c.role, ''),"
    " (SELECT COUNT(*) FROM complaint_current cc WHERE cc.account_id = p.account_id AND cc.phase = 1),"
    " (SELECT COUNT(DISTINCT e.complaint_id) FROM sla_escalations e JOIN complaint_current cb"
    "  ON cb.complaint_id = e.complaint_id WHERE e.account_id = p.account_id AND e.kind = 3 AND cb.phase = 1),"
    " (SELECT COUNT(*) FROM service_requests r WHERE r.account_id = p.account_id AND r.closed_at_ms IS NULL),"
    " v.next_due_ms"
    " FROM contact_points p JOIN accounts a ON a.account_id = p.account_id"
    " LEFT JOIN employees m ON m.employee_id = a.account_manager_id"
    " LEFT JOIN tier_state t ON t.account_id = p.account_id"
    " LEFT JOIN contacts c ON c.contact_id = p.contact_id AND p.contact_id <> ''"
    " LEFT JOIN visit_plans v ON v.account_id = p.account_id"
    " WHERE p.kind = $1 AND p.value = $2 AND p.valid = 1"
    " ORDER BY p.account_id, p.contact_id DESC";

// One match from a row of kWho, read through `text(i)`, `int64(i)` and `null(i)` of either backend.
// Rows come one account's contact points first (contact_id DESC puts "" last): one match per account.
template <class Text, class Int64, class Null>
void add_match(std::vector<ContactMatch>& out, const Text& text, const Int64& int64, const Null& null) {
  if (!out.empty() && out.back().account_id == text(0)) return;
  ContactMatch m;
  m.account_id = text(0);
  m.account_name = text(1);
  m.account_manager_id = text(2);
  m.account_manager_name = text(3);
  m.tier = text(4);
  m.contact_id = text(5);
  m.contact_name = text(6);
  m.contact_role = text(7);
  m.open_complaints = int64(8);
  m.breached_complaints = int64(9);
  m.open_requests = int64(10);
  if (!null(11)) m.next_visit_due_ms = int64(11);
  out.push_back(std::move(m));
}

}  // namespace

const char* ContactsRepository::who_sql() { return kWho; }

std::vector<ContactMatch> ContactsRepository::who(const std::string& kind, const std::string& value) {
  std::vector<ContactMatch> out;
  db_.with_statements("looking up a caller", [&](soci::session& sql, detail::StatementCache& statements) {
    if (db_.backend() == detail::Backend::sqlite) {
      detail::SqliteStatement& st = statements.sqlite(sql, "contacts.who", kWho);
      st.bind(1, kind);
      st.bind(2, value);
      detail::SqliteRows rows(st);
      while (rows.next())
        add_match(out, [&](int i) { return std::string(st.text_at(i)); }, [&](int i) { return st.int64_at(i); },
                  [&](int i) { return st.null_at(i); });
      return;
    }
    const detail::PgResult r = statements.postgresql(sql, "contacts.who", kWho, {&kind, &value});
    for (int row = 0; row < r.rows(); ++row)
      add_match(out, [&](int i) { return std::string(r.text(row, i)); }, [&](int i) { return r.int64(row, i); },
                [&](int i) { return r.null_at(row, i); });
  });
  return out;
}

}  // namespace kam::store
