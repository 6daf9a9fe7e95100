// visits.hpp - the visit plans for people (the plugin's JSON, kam/contacts.h and kam/visits.h): who
// is calling, the visits due, and the visit compliance report with a self-contained SVG bar chart.
// Kept apart from the commands for other front ends (the web UI).
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace date {
class time_zone;
}

namespace kamhost {

// `zone`: the business time zone the next visit's date is shown in.
void render_who(std::ostream& out, const nlohmann::json& who, const date::time_zone* zone);
void render_visits_due(std::ostream& out, const nlohmann::json& due);
void render_visit_kpis(std::ostream& out, const nlohmann::json& kpis);
std::string visit_kpis_svg(const nlohmann::json& kpis);

}  // namespace kamhost
