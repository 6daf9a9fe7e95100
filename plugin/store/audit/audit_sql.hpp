// audit_sql.hpp - the audit trail on an open session, so an entry is written in the same transaction as
// the change it records. Entries are only ever appended; ids grow with time of writing.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "store/audit/audit_repository.hpp"

namespace kam::store::detail {

// Appends entries through one prepared statement (for callers that write many).
class AuditWriter {
 public:
  explicit AuditWriter(soci::session& sql);
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;
  int64_t append(const AuditEntry& entry);  // returns the new id

 private:
  std::string user_id_, roles_json_, action_, entity_type_, entity_id_, before_json_, after_json_;
  int64_t at_ms_ = 0, id_ = 0;
  soci::indicator before_ind_ = soci::i_null, after_ind_ = soci::i_null;
  soci::statement insert_;
};

int64_t append_audit(soci::session& sql, const AuditEntry& entry);

// Newest first. limit 0 means 100; larger than 10,000 is cut to 10,000.
std::vector<AuditEntry> query_audit(soci::session& sql, const AuditQuery& query);

inline constexpr uint32_t kDefaultAuditLimit = 100;
inline constexpr uint32_t kMaxAuditLimit = 10000;

}  // namespace kam::store::detail
