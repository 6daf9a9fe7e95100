// audit_repository.cpp - AuditRepository: each call one transaction or one read.
#include "store/audit/audit_repository.hpp"

#include "store/audit/audit_sql.hpp"
#include "store/database/database.hpp"

namespace kam::store {

int64_t AuditRepository::append(const AuditEntry& entry) {
  int64_t id = 0;
  db_.write_transaction("append audit entry '" + entry.action + "'",
                        [&](soci::session& sql) { id = detail::append_audit(sql, entry); });
  return id;
}

std::vector<AuditEntry> AuditRepository::query(const AuditQuery& query) {
  std::vector<AuditEntry> out;
  db_.with_session("query the audit trail", [&](soci::session& sql) { out = detail::query_audit(sql, query); });
  return out;
}

}  // namespace kam::store
