// sla.hpp - the SLA report (the plugin's complaint_kpis JSON, kam/complaints.h) for people: a table
// per group (tier, first owner or department) with first-response compliance, median and p90 first
// response and resolution in business time, breaches and reopen rate, then the total; and a
// self-contained SVG chart of compliance per group (bars, the total as a line), in the style of the
// Pareto chart. Kept apart from the command for other front ends (the web UI).
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace kamhost {

void render_sla_table(std::ostream& out, const nlohmann::json& kpis);

std::string sla_svg(const nlohmann::json& kpis);

}  // namespace kamhost
