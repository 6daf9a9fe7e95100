// complaints.hpp - complaint tracking (首问负责制, kam/complaints.h) for people: an employee's queue,
// an account's complaints (also the card's "Complaints" section) and one complaint's timeline, from
// the plugin's JSON. Deadlines are shown in the complaint calendar's zone (the site's, which the JSON
// names), never the viewer's; business time (left, elapsed, paused) as "3h 20m", never days.
// Kept apart from the commands so that other front ends (the web UI) render the same data.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace kamhost {

// "low", "normal", "high", "critical" for 1..4 (the config's names), "-" for 0 (unspecified).
std::string priority_name(int64_t priority);

// The queue's JSON (complaints.h queue): a heading naming the employee, the time and the zone, then
// a table, most urgent first as the plugin sorted it: complaint, account, tier, priority, clock,
// deadline, business time left, first owner, assignee and marks (BREACH, warning, paused).
void render_complaint_queue(std::ostream& out, const nlohmann::json& queue);

// An account's complaints (complaints.h account_complaints): the open ones as in the queue, then the
// resolved and closed ones when the JSON has them.
void render_account_complaints(std::ostream& out, const nlohmann::json& complaints);

// The card's section (its `complaints` member: open_count, breached_open_count, open); nothing when
// the card has none (a plugin before 1.3).
void render_card_complaints(std::ostream& out, const nlohmann::json& complaints);

// One complaint's timeline (complaints.h complaint): state, people, both clocks (target, elapsed,
// paused, left, deadline, warnings, breach), the ledger and the escalations sent.
void render_complaint_timeline(std::ostream& out, const nlohmann::json& complaint);

}  // namespace kamhost
