// store.hpp - KAM's own database, reached through SOCI: SQLite (embedded default) or PostgreSQL
// (several ERP application servers sharing one database).
//
// The Store owns the connections (one pool), applies the schema migrations when it opens, and offers
// the operations the ABI needs: idempotent event ingestion, the notification outbox and the audit
// trail. Every operation is safe to call from several threads at once. Timestamps always come from
// the caller (the host's clock or the event), never from the database.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/actor.hpp"
#include "core/error.hpp"
#include "core/events.hpp"

namespace kam::store {

using LogFn = std::function<void(int level, const std::string& message)>;  // level: KAM_LOG_*

// --- ingestion -----------------------------------------------------------------------------------

enum class Outcome : int32_t { accepted = 1, duplicate = 2, rejected = 3, not_applied = 4 };

struct ItemResult {
  Outcome outcome = Outcome::accepted;
  Status status = Status::ok;  // why rejected
  std::string message;         // empty when accepted
};

// One item of a batch as the store receives it: either a converted, validated event, or a rejection
// the ABI layer already decided (bad struct, NULL, invalid UTF-8, validate_event failed).
struct BatchItem {
  std::optional<core::Event> event;
  ItemResult early_rejection;  // used when !event
};

struct IngestOptions {
  std::string source;          // feed name for the audit trail
  bool skip_rejected = false;  // false: any rejection stores nothing (KAM_BATCH_ATOMIC)
  int64_t now_ms = 0;          // host clock
  core::Actor actor;
};

struct BatchResult {
  std::vector<ItemResult> items;  // one per BatchItem, same order
  uint64_t accepted = 0, duplicates = 0, rejected = 0, not_applied = 0;
  int64_t first_rejected_index = -1;
  bool committed = false;         // false when an atomic batch was rejected
};

// --- outbox ----------------------------------------------------------------------------------------

struct Notification {
  int64_t id = 0;
  int32_t kind = 0;            // KAM_NOTIFY_*
  std::string kind_name;
  std::string account_id;      // empty when none
  int64_t created_at_ms = 0;
  std::string payload_json;
};

// --- audit -------------------------------------------------------------------------------------------

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

// --- the store ------------------------------------------------------------------------------------

class Store {
 public:
  // Open (creating the SQLite file and its directory if needed) and migrate forward in one
  // transaction. Throws kam::Error: Status::store (cannot open), Status::schema_too_new (database
  // written by a newer plugin). Several processes opening one PostgreSQL at once migrate exactly once.
  static std::unique_ptr<Store> open(const config::DatabaseConfig& db, LogFn log);

  virtual ~Store() = default;

  virtual const char* kind_name() const = 0;  // "sqlite" | "postgresql"
  virtual int32_t schema_version() const = 0;

  // Store a batch in one transaction (see kam.h ingest for the semantics) and write one audit entry
  // for it (source, counts). Duplicates inside one batch: the second equal event is a duplicate, a
  // different payload under the same id is a conflict. An order for an unknown account (not stored
  // and not upserted earlier in the same batch) is rejected with Status::not_found.
  virtual BatchResult ingest(const std::vector<BatchItem>& items, const IngestOptions& options) = 0;

  // Append a notification to the outbox (later features call this inside their own transactions;
  // exposed for tests and simple producers).
  virtual int64_t enqueue_notification(const Notification& n) = 0;
  // Unacknowledged notifications, oldest first.
  virtual std::vector<Notification> pending_notifications(uint32_t max) = 0;
  // Mark acknowledged; unknown/acknowledged ids are ignored. Audited for the actor.
  virtual void ack_notifications(const std::vector<int64_t>& ids, const core::Actor& actor,
                                 int64_t now_ms) = 0;
  // Claim up to max pending notifications for delivery by this host: a claimed notification is not
  // handed to another host until lease_ms have passed (host clock). Returns the claimed ones.
  virtual std::vector<Notification> claim_notifications(uint32_t max, int64_t now_ms,
                                                        int64_t lease_ms) = 0;
  // Acknowledge delivered notifications (host callback returned KAM_OK); not audited per actor.
  virtual void mark_delivered(const std::vector<int64_t>& ids, int64_t now_ms) = 0;

  virtual int64_t append_audit(const AuditEntry& entry) = 0;
  virtual std::vector<AuditEntry> query_audit(const AuditQuery& query) = 0;
};

}  // namespace kam::store
