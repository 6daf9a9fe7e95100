// ingestion_repository.hpp - idempotent ingestion of the ERP's events: one batch, one transaction,
// per-item outcomes, and the batch's audit entry (see docs/ingestion.md for the contract).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/actor.hpp"
#include "core/error.hpp"
#include "core/events.hpp"
#include "core/money/exchange.hpp"

namespace kam::store {

class Database;

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
  // When set: an order in a currency without a rate on its local business date is refused
  // (invalid_argument naming both), so no accepted order can blank an account's revenue.
  const core::money::ExchangeRates* exchange_rates = nullptr;
  // The config in force (1.3): complaint steps take their SLA targets, calendars and escalation
  // chain from it, employee records their calendar names. Null: complaints get no SLA targets.
  const config::Config* config = nullptr;
};

struct BatchResult {
  std::vector<ItemResult> items;  // one per BatchItem, same order
  uint64_t accepted = 0, duplicates = 0, rejected = 0, not_applied = 0;
  int64_t first_rejected_index = -1;
  bool committed = false;         // false when an atomic batch was rejected
};

class IngestionRepository {
 public:
  explicit IngestionRepository(Database& database) : db_(database) {}

  // Store a batch in one transaction (see kam.h ingest for the semantics) and write one audit entry
  // for it (source, counts). Duplicates inside one batch: the second equal event is a duplicate, a
  // different payload under the same id is a conflict. An order for an unknown account (not stored
  // and not upserted earlier in the same batch) is rejected with Status::not_found.
  BatchResult ingest(const std::vector<BatchItem>& items, const IngestOptions& options);

 private:
  Database& db_;
};

}  // namespace kam::store
