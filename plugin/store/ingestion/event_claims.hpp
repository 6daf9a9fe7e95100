// event_claims.hpp - idempotency by event id for one batch: which items are new, duplicates or
// conflicts, recorded in ingested_events inside the batch's transaction.
//
// All event ids of the batch are claimed first, in sorted order (INSERT ... ON CONFLICT DO NOTHING).
// On PostgreSQL a claim is a row lock held until commit, and taking them in one global order means
// two hosts sending overlapping batches wait for each other instead of deadlocking; the one that
// waited then finds the other's events and reports them as duplicates. A unique violation would abort
// the whole transaction, which is why conflicts are detected through affected rows instead.
// Claims whose items were all rejected are given back at the end, so a rejected event leaves no trace
// and may be sent again.
//
// SQLite claims id by id through a raw prepared statement (no round trips to save). PostgreSQL claims
// the whole batch with one INSERT ... SELECT FROM unnest(...) ORDER BY (the rows are inserted, and
// their locks taken, in the sorted order) RETURNING the ids it inserted, then reads the fingerprints
// of the others with one SELECT: a separate statement, so it sees what the batches it waited for
// committed (READ COMMITTED takes a new snapshot per statement).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database/backend.hpp"
#include "store/ingestion/ingestion_repository.hpp"

namespace kam::store::detail {

class EventClaims {
 public:
  EventClaims(soci::session& sql, Backend backend, int64_t received_at_ms);
  EventClaims(const EventClaims&) = delete;
  EventClaims& operator=(const EventClaims&) = delete;

  // Claims the ids of every item that carries an event. `items` must outlive this object.
  void claim_all(const std::vector<BatchItem>& items);

  // For item `index`: nothing when it may be stored now (this batch holds its id and nothing is
  // stored under it yet); otherwise its outcome, duplicate or conflict.
  std::optional<ItemResult> check(size_t index);

  // Item `index` was stored: later items with its id are duplicates or conflicts.
  void stored(size_t index);

  // Gives back the ids this batch claimed but stored nothing under.
  void release_unused();

 private:
  struct Claim {
    enum class State { held, stored, taken_before } state = State::held;
    int64_t fingerprint = 0;  // of the row in ingested_events
  };
  // First occurrence of each id, sorted by id: the order every batch takes its row locks in.
  using ClaimOrder = std::vector<std::pair<std::string_view, size_t>>;

  void claim_one_by_one(const ClaimOrder& order);  // SQLite
  void claim_in_bulk(const ClaimOrder& order);     // PostgreSQL

  soci::session& sql_;
  const Backend backend_;
  const std::vector<BatchItem>* items_ = nullptr;
  std::vector<int64_t> fingerprints_;  // per item
  std::vector<Claim*> claim_of_;       // per item; nullptr for early rejections
  std::unordered_map<std::string_view, Claim> claims_;

  // values bound to the SOCI statements (rare paths)
  std::string event_id_;
  int32_t kind_ = 0;
  int64_t fingerprint_ = 0, received_at_ms_ = 0;
  std::optional<soci::statement> update_, delete_;
};

}  // namespace kam::store::detail
