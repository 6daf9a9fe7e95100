// derived.hpp - what the complaint use cases share: the repository behind a Store, the calendars
// a set of ledgers names (the config's versions, else the stored ones), deriving records at the
// host's now, who may see what (kam/complaints.h), and the JSON of one item as the queue shows it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/complaints/complaints.hpp"
#include "core/complaints/record.hpp"
#include "store/complaints/calendar_versions.hpp"
#include "store/complaints/complaints_repository.hpp"

namespace kam::app::complaints {

store::ComplaintsRepository& repository_of(store::Store& store);

// The calendar versions the ledgers name: the setup's (the config in force), else stored ones.
core::complaints::Calendars calendars_for(store::ComplaintsRepository& repo, const store::ComplaintSetup& setup,
                                          const std::vector<store::StoredComplaint>& complaints);

struct Derived {
  store::StoredComplaint stored;
  core::complaints::ComplaintRecord record;
};
// Records at now_ms (or at the last entry when the host clock is behind it); the calendars used go
// to *calendars when given (for the zones).
std::vector<Derived> derive(store::ComplaintsRepository& repo, const store::ComplaintSetup& setup,
                            std::vector<store::StoredComplaint> complaints, int64_t now_ms,
                            core::complaints::Calendars* calendars = nullptr);

// Who is looking, and what the access rules let them see.
struct Viewer {
  std::string user_id;
  bool all = false, department = false;
  std::string own_department;  // the viewer's employee record's department ("" none)
};
Viewer viewer_of(store::ComplaintsRepository& repo, const ComplaintQueryContext& context);
bool sees(const Viewer& viewer, const Derived& complaint);

// "open" | "waiting" | "resolved" | "closed".
const char* phase_name(const core::complaints::ComplaintState& state);
// The calendar a complaint's clocks run on and its zone (the default zone without a target).
std::string calendar_of(const core::complaints::ComplaintState& state);
std::string time_zone_of(const core::complaints::ComplaintState& state, const core::complaints::Calendars& calendars,
                         const std::string& default_zone);

// kam/complaints.h's ITEM, for `employee_id` (owner / assignee_is_employee).
nlohmann::json item_json(const Derived& complaint, const std::string& employee_id, const std::string& time_zone);
// The account card's complaints member: {open_count, breached_open_count, open: the 5 most urgent
// ITEMs} (the card's own permission decides: it shows every open complaint of the account).
nlohmann::json account_card_complaints(store::Store& store, const config::Config& config,
                                       const std::string& account_id, int64_t now_ms);

// Items in the queue's order (most urgent first).
void sort_items(std::vector<const Derived*>& items, const std::string& employee_id);

}  // namespace kam::app::complaints
