// audit_repository.hpp - the audit trail: entries are only ever appended (ids grow with time of
// writing) and read newest first. An entry that belongs to a change is written in the change's own
// transaction (audit_sql.hpp); this repository appends standalone entries and reads them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kam::store {

class Database;

struct AuditEntry {
  int64_t id = 0;              // assigned by the store
  int64_t at_ms = 0;
  std::string user_id;
  std::vector<std::string> roles;
  std::string action;          // "config.reload", "ingest.batch", "notifications.ack", ...
  std::string entity_type;
  std::string entity_id;
  std::string before_json;     // "" when not applicable
  std::string after_json;
};

struct AuditQuery {
  uint32_t limit = 100;
  int64_t since_ms = 0, until_ms = 0;  // until 0 = unbounded
  std::string user_id, entity_type, entity_id;
  int64_t before_id = 0;
};

class AuditRepository {
 public:
  explicit AuditRepository(Database& database) : db_(database) {}

  // Appends one entry in its own transaction; returns its id.
  int64_t append(const AuditEntry& entry);
  // Newest first. limit 0 means 100; larger than 10,000 is cut to 10,000.
  std::vector<AuditEntry> query(const AuditQuery& query);

 private:
  Database& db_;
};

}  // namespace kam::store
