// complaint_writer.cpp - ComplaintWriter: one complaint step through the complaint core into the
// ledger and the cache row; see complaint_writer.hpp.
#include "store/ingestion/complaint_writer.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "core/complaints/due.hpp"
#include "core/complaints/lifecycle.hpp"
#include "core/complaints/step.hpp"
#include "store/complaints/calendar_versions.hpp"
#include "store/complaints/complaint_rows.hpp"
#include "store/cursor.hpp"
#include "store/ingestion/writer_support.hpp"

namespace kam::store::detail {

namespace cc = core::complaints;

std::string ComplaintWriter::current_tier(const std::string& account_id) {
  Cursor c(ctx_.sql, ctx_.backend, "SELECT effective_tier FROM tier_state WHERE account_id = $1", {account_id});
  return c.next() ? std::string(c.text_at(0)) : std::string();
}

ItemResult ComplaintWriter::write(const core::ComplaintEvent& event) {
  // Without a config (store tests, tools): complaints are tracked without SLA targets.
  static const ComplaintSetup kNoTargets;
  const ComplaintSetup& setup = ctx_.complaints ? *ctx_.complaints : kNoTargets;
  // Steps of one complaint from several hosts at once are taken one at a time (SQLite: the one writer).
  if (ctx_.backend == Backend::postgresql) {
    Cursor lock(ctx_.sql, ctx_.backend, "SELECT last_seq FROM complaint_current WHERE complaint_id = $1 FOR UPDATE",
                {event.complaint_id});
    lock.next();
  }
  const std::vector<StoredEntry> stored = read_ledger(ctx_.sql, ctx_.backend, event.complaint_id);
  const bool opened = event.action == static_cast<int32_t>(core::ComplaintAction::opened);
  if (stored.empty() && !opened) {
    Cursor v3(ctx_.sql, ctx_.backend, "SELECT opened_event_id FROM complaints WHERE complaint_id = $1",
              {event.complaint_id});
    if (v3.next())
      return rejected_item(Status::conflict,
                           "complaint '" + event.complaint_id + "' was opened (event '" + std::string(v3.text_at(0)) +
                               "') before complaint tracking had clock ledgers (schema 4): it is kept in the table "
                               "complaints as it was; open it again under a new complaint id to track its SLA");
    return unknown_item("complaint", event.complaint_id, "OPENED event");
  }
  cc::Ledger ledger;
  for (const StoredEntry& e : stored) ledger.push_back(e.entry);
  cc::ComplaintState state = cc::replay(ledger);
  const cc::Step step = cc::step_of(event, ctx_.at_ms, opened ? current_tier(event.account_id) : std::string());

  // A calendar that changed since this complaint's last entry (a reload; resolved and closed
  // complaints are not touched then): its new version from this step on.
  std::vector<cc::LedgerEntry> appended;
  if (state.target && step.at_ms >= state.last_at_ms) {
    const auto key = setup.sla.calendar_keys.find(state.target->calendar);
    if (key != setup.sla.calendar_keys.end())
      if (auto change = cc::calendar_change(state, step.at_ms, key->first, key->second)) {
        cc::fold(state, *change);
        appended.push_back(*change);
      }
  }
  const cc::StepOutcome outcome = cc::apply_step(state, step, setup.sla);
  if (outcome.rejected) return rejected_item(Status::conflict, "complaint '" + event.complaint_id + "': " + *outcome.rejected);
  appended.insert(appended.end(), outcome.appended.begin(), outcome.appended.end());

  // Every calendar version the new entries name is stored before they are.
  for (const cc::LedgerEntry& e : appended) {
    const std::string& key = e.kind == cc::EntryKind::target_set ? e.target.calendar_key : e.calendar_key;
    if (key.empty() || registered_.count(key)) continue;
    if (const auto def = setup.definitions.find(key); def != setup.definitions.end())
      ensure_calendar_version(ctx_.sql, ctx_.backend, key, def->second, ctx_.received_at_ms);
    registered_.insert(key);
  }
  const nlohmann::json details{{"channel", event.channel}, {"category", event.category}, {"text", event.text}};
  const int32_t after = stored.empty() ? 0 : stored.back().seq;
  if (!insert_entries(ctx_.sql, ctx_.backend, event.complaint_id, after, appended, ctx_.event_id, details.dump()))
    return rejected_item(Status::conflict, "complaint '" + event.complaint_id +
                                               "' was opened by another event at the same time; send this one again");
  ledger.insert(ledger.end(), appended.begin(), appended.end());
  state = cc::replay(ledger);

  // The next instant the SLA check must look at it (levels already past included: no tick has seen
  // this ledger yet).
  std::set<std::string> keys;
  for (const cc::LedgerEntry& e : ledger) {
    if (e.kind == cc::EntryKind::target_set && !e.target.calendar_key.empty()) keys.insert(e.target.calendar_key);
    if (e.kind == cc::EntryKind::calendar_changed) keys.insert(e.calendar_key);
  }
  cc::Calendars calendars;
  std::set<std::string> missing;
  for (const std::string& k : keys)
    if (const auto found = setup.calendars.find(k); found != setup.calendars.end())
      calendars.emplace(k, found->second);
    else
      missing.insert(k);
  if (!missing.empty()) calendars.merge(stored_calendars(ctx_.sql, ctx_.backend, missing));
  std::optional<int64_t> next_due;
  if (state.target)
    next_due = cc::next_due_ms(cc::clocks_of(ledger, calendars), setup.chain, state.last_at_ms, INT64_MIN);
  write_current(ctx_.sql, ctx_.backend, event.complaint_id, state, after + static_cast<int32_t>(appended.size()),
                next_due);
  return accepted_item();
}

}  // namespace kam::store::detail
