// complaint_rows.hpp - the complaint tables on an open session, shared by the ingestion writer (in
// the batch's transaction) and ComplaintsRepository: reading ledgers, appending entries, rewriting
// the derived cache row, registering calendar versions. Internal to the store (SOCI).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/complaints/lifecycle.hpp"
#include "core/time/work_definition.hpp"
#include "store/complaints/complaints_repository.hpp"
#include "store/cursor.hpp"
#include "store/database/backend.hpp"

namespace soci {
class session;
}

namespace kam::store::detail {

// The ledger columns, in the order read_ledger's queries select them (prefix `l.` added by callers).
extern const char* const kLedgerColumns;

// The entry in a row whose columns from `first` on are kLedgerColumns.
StoredEntry ledger_entry_at(const Cursor& row, int first);

// One complaint's ledger (empty: never opened).
std::vector<StoredEntry> read_ledger(soci::session& sql, Backend backend, const std::string& complaint_id);

// Reads ledger rows selected by `query` (its columns: complaint_id, then kLedgerColumns), grouped
// into complaints in the order the query returns them (it must order by complaint, then seq).
void read_ledgers(soci::session& sql, Backend backend, const std::string& query, const std::vector<std::string>& params,
                  const std::function<void(std::string complaint_id, std::vector<StoredEntry>&&)>& fn);

// Appends `entries` as seq after_seq + 1, ...; details_json (the event's channel, category and
// text) goes on the first. False, writing nothing, when seq after_seq + 1 exists already (another
// writer appended first: INSERT .. ON CONFLICT DO NOTHING, so a PostgreSQL batch is not aborted).
bool insert_entries(soci::session& sql, Backend backend, const std::string& complaint_id, int32_t after_seq,
                    const std::vector<core::complaints::LedgerEntry>& entries, const std::string& event_id,
                    const std::string& details_json = "");

// The calendar versions `keys` from calendar_versions, built once per process and kept (a version
// never changes). Throws Status::config naming a key that is not stored.
core::complaints::Calendars stored_calendars(soci::session& sql, Backend backend, const std::set<std::string>& keys);

// Rewrites the complaint's cache row from its state after the ledger's last entry.
void write_current(soci::session& sql, Backend backend, const std::string& complaint_id,
                   const core::complaints::ComplaintState& state, int32_t last_seq, std::optional<int64_t> next_due_ms);

// Stores a calendar version unless it is there.
void ensure_calendar_version(soci::session& sql, Backend backend, const std::string& key,
                             const core::time::WorkDefinition& definition, int64_t now_ms);

}  // namespace kam::store::detail
