// recompute.cpp - after a config reload: each calendar whose definition changed gets its new version
// registered, and each open complaint whose clocks run on it a calendar_changed ledger entry at the
// reload's instant, so its deadlines follow the new schedule from then on while the business time
// before it (and a breach that already happened) stays measured on the old one. Resolved and
// closed complaints get theirs at their next step (the ingestion writer appends it), since their
// clocks do not run meanwhile.
#include <algorithm>

#include "app/complaints/derived.hpp"
#include "core/complaints/due.hpp"
#include "core/complaints/lifecycle.hpp"
#include "core/error.hpp"

namespace kam::app {

namespace cc = core::complaints;

namespace {

constexpr std::size_t kChunk = 500;

}  // namespace

uint64_t recompute_open_deadlines(store::Store& store, const config::Config& old_config,
                                  const config::Config& new_config, int64_t now_ms, const LogFn& log) {
  store::ComplaintsRepository& repo = complaints::repository_of(store);
  const auto shared_before = store::shared_complaint_setup(old_config);
  const auto shared_after = store::shared_complaint_setup(new_config);
  const store::ComplaintSetup& before = *shared_before;
  const store::ComplaintSetup& after = *shared_after;
  uint64_t touched = 0;
  for (const auto& [name, key] : after.sla.calendar_keys) {
    const auto old_key = before.sla.calendar_keys.find(name);
    if (old_key != before.sla.calendar_keys.end() && old_key->second == key) continue;
    repo.register_calendar(key, after.definitions.at(key), now_ms);
    store::ComplaintScan scan;
    scan.calendar = name;
    scan.phases = store::ComplaintScan::Phases::open;
    std::vector<store::StoredComplaint> open;
    repo.scan(scan, [&](store::StoredComplaint&& c) { open.push_back(std::move(c)); });
    for (std::size_t from = 0; from < open.size(); from += kChunk) {
      const std::vector<store::StoredComplaint> chunk(open.begin() + static_cast<std::ptrdiff_t>(from),
                                                     open.begin() + static_cast<std::ptrdiff_t>(std::min(open.size(), from + kChunk)));
      cc::Calendars calendars = complaints::calendars_for(repo, after, chunk);
      calendars.emplace(key, after.calendars.at(key));
      std::vector<store::LedgerAppend> appends;
      for (const store::StoredComplaint& c : chunk) {
        cc::Ledger ledger = c.ledger();
        const cc::ComplaintState state = cc::replay(ledger);
        // Never before the last entry: the ledger stays in time order.
        const int64_t at = std::max(now_ms, state.last_at_ms);
        const std::optional<cc::LedgerEntry> change = cc::calendar_change(state, at, name, key);
        if (!change) continue;
        ledger.push_back(*change);
        store::LedgerAppend a;
        a.complaint_id = c.complaint_id;
        a.expected_last_seq = c.last_seq();
        a.entries.push_back(*change);
        try {
          a.next_due_ms = cc::next_due_ms(cc::clocks_of(ledger, calendars), after.chain, at, INT64_MIN);
        } catch (const Error& e) {
          if (log) log(core::LogLevel::error, "calendar reload: complaint '" + c.complaint_id + "': " + e.what());
        }
        appends.push_back(std::move(a));
      }
      touched += repo.append(appends, now_ms);
    }
    if (log)
      log(core::LogLevel::info, "calendar '" + name + "' changed (now " + key + "): " + std::to_string(touched) +
                                    " open complaints follow it from now on");
  }
  return touched;
}

}  // namespace kam::app
