#include "store/event_claims.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/events.hpp"

namespace kam::store::detail {

using soci::use;

EventClaims::EventClaims(soci::session& sql, int64_t received_at_ms)
    : sql_(sql), received_at_ms_(received_at_ms) {}

void EventClaims::claim_all(const std::vector<BatchItem>& items) {
  items_ = &items;
  fingerprints_.assign(items.size(), 0);
  claim_of_.assign(items.size(), nullptr);
  claims_.reserve(items.size());

  // First occurrence of each id, sorted by id: the order every batch takes its row locks in.
  std::vector<std::pair<std::string_view, size_t>> order;
  order.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].event) continue;
    // The column is a signed 64-bit integer; the bits are what matter.
    fingerprints_[i] = static_cast<int64_t>(core::payload_fingerprint(*items[i].event));
    auto [it, inserted] = claims_.try_emplace(items[i].event->event_id);
    claim_of_[i] = &it->second;
    if (inserted) order.emplace_back(it->first, i);
  }
  std::sort(order.begin(), order.end());

  insert_.emplace((sql_.prepare << "INSERT INTO ingested_events (event_id, kind, fingerprint,"
                                   " received_at_ms) VALUES (:event_id, :kind, :fingerprint,"
                                   " :received_at_ms) ON CONFLICT (event_id) DO NOTHING",
                   use(event_id_, "event_id"), use(kind_, "kind"), use(fingerprint_, "fingerprint"),
                   use(received_at_ms_, "received_at_ms")));
  for (const auto& [id, first] : order) {
    event_id_ = id;
    kind_ = static_cast<int32_t>(items[first].event->kind());
    fingerprint_ = fingerprints_[first];
    insert_->execute(true);
    Claim& claim = *claim_of_[first];
    if (insert_->get_affected_rows() == 1) {
      claim.state = Claim::State::held;
      claim.fingerprint = fingerprint_;
      continue;
    }
    if (!select_) {
      select_.emplace(
          (sql_.prepare << "SELECT fingerprint FROM ingested_events WHERE event_id = :event_id",
           soci::into(found_fingerprint_), use(event_id_, "event_id")));
    }
    if (!select_->execute(true)) {
      // Only a batch that has not committed yet gives claims back, and we waited for it; seeing
      // none here means another writer removed a committed id, which KAM never does.
      throw Error(Status::busy, "event '" + event_id_ +
                                    "' changed while this batch was claiming it; send the batch again");
    }
    claim.state = Claim::State::taken_before;
    claim.fingerprint = found_fingerprint_;
  }
}

std::optional<ItemResult> EventClaims::check(size_t index) {
  const Claim& claim = *claim_of_.at(index);
  if (claim.state == Claim::State::held) return std::nullopt;
  if (claim.fingerprint == fingerprints_[index]) return ItemResult{Outcome::duplicate, Status::ok, {}};
  return ItemResult{Outcome::rejected, Status::conflict,
                    "event '" + (*items_)[index].event->event_id +
                        "' was ingested before with a different payload"};
}

void EventClaims::stored(size_t index) {
  Claim& claim = *claim_of_.at(index);
  // The id was claimed with its first item's payload; when that item was rejected and a later one
  // with another payload was stored, the row must describe the stored one.
  if (claim.fingerprint != fingerprints_[index]) {
    if (!update_) {
      update_.emplace((sql_.prepare << "UPDATE ingested_events SET kind = :kind,"
                                       " fingerprint = :fingerprint WHERE event_id = :event_id",
                       use(kind_, "kind"), use(fingerprint_, "fingerprint"),
                       use(event_id_, "event_id")));
    }
    const auto& event = *(*items_)[index].event;
    event_id_ = event.event_id;
    kind_ = static_cast<int32_t>(event.kind());
    fingerprint_ = fingerprints_[index];
    update_->execute(true);
    claim.fingerprint = fingerprint_;
  }
  claim.state = Claim::State::stored;
}

void EventClaims::release_unused() {
  for (const auto& [id, claim] : claims_) {
    if (claim.state != Claim::State::held) continue;
    if (!delete_) {
      delete_.emplace((sql_.prepare << "DELETE FROM ingested_events WHERE event_id = :event_id",
                       use(event_id_, "event_id")));
    }
    event_id_ = id;
    delete_->execute(true);
  }
}

}  // namespace kam::store::detail
