// event_claims.cpp - the batch's event ids claimed at once, duplicates and conflicts told apart.
#include "store/ingestion/event_claims.hpp"

#include <algorithm>
#include <unordered_set>

#include "core/error.hpp"
#include "core/events.hpp"
#include "store/column_batch.hpp"
#include "store/pg_bulk.hpp"
#include "store/sqlite_statement.hpp"

namespace kam::store::detail {

using soci::use;

namespace {

[[noreturn]] void vanished(std::string_view event_id) {
  // Only a batch that has not committed yet gives claims back, and we waited for it; seeing none
  // here means another writer removed a committed id, which KAM never does.
  throw Error(Status::busy, "event '" + std::string(event_id) +
                                "' changed while this batch was claiming it; send the batch again");
}

}  // namespace

EventClaims::EventClaims(soci::session& sql, Backend backend, int64_t received_at_ms)
    : sql_(sql), backend_(backend), received_at_ms_(received_at_ms) {}

void EventClaims::claim_all(const std::vector<BatchItem>& items) {
  items_ = &items;
  fingerprints_.assign(items.size(), 0);
  claim_of_.assign(items.size(), nullptr);
  claims_.reserve(items.size());

  ClaimOrder order;
  order.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].event) continue;
    // The column is a signed 64-bit integer; the bits are what matter.
    fingerprints_[i] = static_cast<int64_t>(core::payload_fingerprint(*items[i].event));
    auto [it, inserted] = claims_.try_emplace(items[i].event->event_id);
    claim_of_[i] = &it->second;
    if (inserted) order.emplace_back(it->first, i);
  }
  if (order.empty()) return;
  std::sort(order.begin(), order.end());
  if (backend_ == Backend::sqlite) {
    claim_one_by_one(order);
  } else {
    claim_in_bulk(order);
  }
}

void EventClaims::claim_one_by_one(const ClaimOrder& order) {
  ColumnBatch rows({ColumnType::text, ColumnType::integer, ColumnType::bigint, ColumnType::bigint});
  rows.reserve(order.size());
  for (const auto& [id, first] : order)
    rows.add(id).add(static_cast<int64_t>((*items_)[first].event->kind())).add(fingerprints_[first]).add(received_at_ms_);
  std::optional<SqliteStatement> select;
  rows.run_each(sql_,
                "INSERT INTO ingested_events (event_id, kind, fingerprint, received_at_ms)"
                " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (event_id) DO NOTHING",
                [&](size_t row, int changed) {
                  const auto& [id, first] = order[row];
                  Claim& claim = *claim_of_[first];
                  if (changed == 1) {
                    claim.state = Claim::State::held;
                    claim.fingerprint = fingerprints_[first];
                    return;
                  }
                  if (!select) select.emplace(sql_, "SELECT fingerprint FROM ingested_events WHERE event_id = ?1");
                  select->bind(1, id);
                  if (!select->next()) vanished(id);
                  claim.state = Claim::State::taken_before;
                  claim.fingerprint = select->int64_at(0);
                  select->reset();
                });
}

void EventClaims::claim_in_bulk(const ClaimOrder& order) {
  ColumnBatch rows({ColumnType::text, ColumnType::integer, ColumnType::bigint});
  rows.reserve(order.size());
  for (const auto& [id, first] : order) {
    rows.add(id).add(static_cast<int64_t>((*items_)[first].event->kind())).add(fingerprints_[first]);
    Claim& claim = *claim_of_[first];
    claim.state = Claim::State::taken_before;  // until the INSERT says otherwise
    claim.fingerprint = fingerprints_[first];
  }
  const std::string received = std::to_string(received_at_ms_);
  // ORDER BY the position in the (sorted) arrays: the rows are inserted, and their locks taken, in
  // that order.
  const PgResult inserted = rows.run_once(
      sql_,
      "INSERT INTO ingested_events (event_id, kind, fingerprint, received_at_ms)"
      " SELECT c.event_id, c.kind, c.fingerprint, CAST($4 AS bigint)"
      " FROM " + rows.unnest() +
      " WITH ORDINALITY AS c (event_id, kind, fingerprint, position)"
      " ORDER BY c.position"
      " ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
      {&received});
  for (int row = 0; row < inserted.rows(); ++row) {
    auto it = claims_.find(inserted.text(row, 0));
    if (it == claims_.end()) throw soci::soci_error("internal error: claimed an unknown event id");
    it->second.state = Claim::State::held;
  }
  if (static_cast<size_t>(inserted.rows()) == order.size()) return;

  // The others were stored before (or by a batch this one waited for): read what they were stored
  // with, in a new statement that sees those commits.
  PgArray taken;
  for (const auto& [id, first] : order)
    if (claim_of_[first]->state == Claim::State::taken_before) taken.add(id);
  const PgResult found =
      pg_exec(sql_,
              "SELECT event_id, fingerprint FROM ingested_events"
              " WHERE event_id = ANY (CAST($1 AS text[]))",
              {&taken.literal()});
  size_t seen = 0;
  for (int row = 0; row < found.rows(); ++row) {
    auto it = claims_.find(found.text(row, 0));
    if (it == claims_.end() || it->second.state != Claim::State::taken_before) continue;
    it->second.fingerprint = found.int64(row, 1);
    ++seen;
  }
  if (seen != taken.size()) {
    std::unordered_set<std::string_view> present;
    for (int row = 0; row < found.rows(); ++row) present.insert(found.text(row, 0));
    for (const auto& [id, first] : order)
      if (claim_of_[first]->state == Claim::State::taken_before && !present.count(id)) vanished(id);
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
  if (backend_ == Backend::postgresql) {
    PgArray unused;
    for (const auto& [id, claim] : claims_)
      if (claim.state == Claim::State::held) unused.add(id);
    if (unused.empty()) return;
    pg_exec(sql_, "DELETE FROM ingested_events WHERE event_id = ANY (CAST($1 AS text[]))",
            {&unused.literal()});
    return;
  }
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
