// complaint_rows.cpp - the complaint tables on an open session; see complaint_rows.hpp.
#include "store/complaints/complaint_rows.hpp"

#include <soci/soci.h>

#include <mutex>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

#include "store/complaints/calendar_versions.hpp"
#include "store/cursor.hpp"

namespace kam::store::detail {

namespace cc = core::complaints;

const char* const kLedgerColumns =
    "seq, at_ms, kind, who, to_employee, to_department, account_id, tier, priority, counts, target_calendar,"
    " target_calendar_key, first_response_ms, resolution_ms, warning_bp, calendar, calendar_key, event_id";

namespace {

std::vector<int32_t> warnings_of(std::string_view text) {
  std::vector<int32_t> out;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& v : j) out.push_back(v.get<int32_t>());
  return out;
}

}  // namespace

StoredEntry ledger_entry_at(const Cursor& c, int first) {
  StoredEntry s;
  s.seq = static_cast<int32_t>(c.int64_at(first));
  cc::LedgerEntry& e = s.entry;
  e.at_ms = c.int64_at(first + 1);
  e.kind = static_cast<cc::EntryKind>(c.int64_at(first + 2));
  e.who = c.text_at(first + 3);
  e.to = c.text_at(first + 4);
  e.to_department = c.text_at(first + 5);
  e.account_id = c.text_at(first + 6);
  e.tier = c.text_at(first + 7);
  e.priority = static_cast<int32_t>(c.int64_at(first + 8));
  e.counts = c.int64_at(first + 9) != 0;
  e.target.calendar = c.text_at(first + 10);
  e.target.calendar_key = c.text_at(first + 11);
  e.target.first_response_ms = c.int64_at(first + 12);
  e.target.resolution_ms = c.int64_at(first + 13);
  e.target.warning_bp = warnings_of(c.text_at(first + 14));
  e.calendar = c.text_at(first + 15);
  e.calendar_key = c.text_at(first + 16);
  s.event_id = c.text_at(first + 17);
  return s;
}

std::vector<StoredEntry> read_ledger(soci::session& sql, Backend backend, const std::string& complaint_id) {
  std::vector<StoredEntry> out;
  Cursor c(sql, backend,
           std::string("SELECT ") + kLedgerColumns + " FROM complaint_ledger WHERE complaint_id = $1 ORDER BY seq",
           {complaint_id});
  while (c.next()) out.push_back(ledger_entry_at(c, 0));
  return out;
}

void read_ledgers(soci::session& sql, Backend backend, const std::string& query, const std::vector<std::string>& params,
                  const std::function<void(std::string, std::vector<StoredEntry>&&)>& fn) {
  std::vector<CursorParam> bound(params.begin(), params.end());
  Cursor c(sql, backend, query, std::move(bound));
  std::string current;
  std::vector<StoredEntry> entries;
  while (c.next()) {
    const std::string_view id = c.text_at(0);
    if (!entries.empty() && id != current) {
      fn(std::move(current), std::move(entries));
      entries.clear();
    }
    if (entries.empty()) current = std::string(id);
    entries.push_back(ledger_entry_at(c, 1));
  }
  if (!entries.empty()) fn(std::move(current), std::move(entries));
}

bool insert_entries(soci::session& sql, Backend backend, const std::string& complaint_id, int32_t after_seq,
                    const std::vector<cc::LedgerEntry>& entries, const std::string& event_id,
                    const std::string& details_json) {
  if (entries.empty()) return true;
  RepeatedWrite insert(sql, backend,
                       std::string("INSERT INTO complaint_ledger (complaint_id, ") + kLedgerColumns +
                           ", details_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
                           " $16, $17, $18, $19, $20) ON CONFLICT (complaint_id, seq) DO NOTHING");
  int32_t seq = after_seq;
  for (const cc::LedgerEntry& e : entries) {
    const nlohmann::json warnings = e.target.warning_bp;
    const bool first = seq == after_seq;
    const int64_t inserted =
        insert.run({complaint_id, int64_t{++seq}, e.at_ms, static_cast<int64_t>(e.kind), e.who, e.to, e.to_department,
                    e.account_id, e.tier, int64_t{e.priority}, int64_t{e.counts ? 1 : 0}, e.target.calendar,
                    e.target.calendar_key, e.target.first_response_ms, e.target.resolution_ms, warnings.dump(),
                    e.calendar, e.calendar_key, event_id, first ? details_json : std::string()});
    if (inserted == 0) {
      if (first) return false;
      throw Error(Status::store, "complaint_ledger: seq " + std::to_string(seq) + " of complaint '" + complaint_id +
                                     "' was written by another writer while this one appended");
    }
  }
  return true;
}

core::complaints::Calendars stored_calendars(soci::session& sql, Backend backend, const std::set<std::string>& keys) {
  static std::mutex mutex;
  static cc::Calendars cache;  // version key -> calendar: a version never changes
  cc::Calendars out;
  for (const std::string& key : keys) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (const auto found = cache.find(key); found != cache.end()) {
        out.emplace(key, found->second);
        continue;
      }
    }
    std::optional<std::string> json;
    {
      Cursor c(sql, backend, "SELECT definition_json FROM calendar_versions WHERE version_key = $1", {key});
      if (c.next()) json = std::string(c.text_at(0));
    }
    if (!json) throw Error(Status::config, "calendar version '" + key + "' named by a complaint ledger is not stored");
    const core::time::WorkCalendar calendar(definition_from_json(*json));  // outside the lock: it takes a while
    std::lock_guard<std::mutex> lock(mutex);
    out.emplace(key, cache.emplace(key, calendar).first->second);
  }
  return out;
}

void write_current(soci::session& sql, Backend backend, const std::string& complaint_id, const cc::ComplaintState& s,
                   int32_t last_seq, std::optional<int64_t> next_due_ms) {
  RepeatedWrite upsert(
      sql, backend,
      "INSERT INTO complaint_current (complaint_id, account_id, phase, waiting, first_owner, owner_department,"
      " assignee, department, tier, priority, calendar, received_at_ms, last_seq, last_at_ms, next_due_ms)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
      " ON CONFLICT (complaint_id) DO UPDATE SET phase = excluded.phase, waiting = excluded.waiting,"
      " assignee = excluded.assignee, department = excluded.department, priority = excluded.priority,"
      " calendar = excluded.calendar, last_seq = excluded.last_seq, last_at_ms = excluded.last_at_ms,"
      " next_due_ms = excluded.next_due_ms");
  WriteParam due;
  if (next_due_ms) due = *next_due_ms;
  upsert.run({complaint_id, s.account_id, static_cast<int64_t>(s.phase), int64_t{s.waiting_on_customer ? 1 : 0},
              s.first_owner, s.owner_department, s.assignee, s.department, s.tier, int64_t{s.priority},
              s.target ? s.target->calendar : std::string(), s.received_at_ms, int64_t{last_seq}, s.last_at_ms, due});
}

void ensure_calendar_version(soci::session& sql, Backend backend, const std::string& key,
                             const core::time::WorkDefinition& definition, int64_t now_ms) {
  RepeatedWrite insert(sql, backend,
                       "INSERT INTO calendar_versions (version_key, name, definition_json, registered_at_ms)"
                       " VALUES ($1, $2, $3, $4) ON CONFLICT (version_key) DO NOTHING");
  insert.run({key, definition.name, definition_json(definition), now_ms});
}

}  // namespace kam::store::detail
