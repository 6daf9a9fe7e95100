// pareto.hpp - the Pareto report (the plugin's report_pareto JSON) for people: the ranked table with
// the "N of M accounts make P of revenue" line, and the curve as a self-contained SVG chart (at most
// about 1000 points however many accounts). Kept apart from the command for other front ends.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace kamhost {

// The table, the "(the top N of M accounts shown)" note, the N-of-M line and the total.
void render_pareto_table(std::ostream& out, const nlohmann::json& report);

// The chart: share of accounts against cumulative share of revenue, with the cut line.
std::string pareto_svg(const nlohmann::json& report);

}  // namespace kamhost
