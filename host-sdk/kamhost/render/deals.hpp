// deals.hpp - distributor rules for people (ABI 1.5, kam/distributors.h JSON): a registration's
// decision with every reason, lists of registrations, a quote's discount authority, the channel
// report as a table and as an SVG bar chart (approved / needs review / rejected per level and
// territory).
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace date {
class time_zone;
}

namespace kamhost {

void render_deal(std::ostream& out, const nlohmann::json& registration, const date::time_zone* zone);
void render_deals(std::ostream& out, const nlohmann::json& list, const date::time_zone* zone);
void render_quote(std::ostream& out, const nlohmann::json& quote);
void render_channel_report(std::ostream& out, const nlohmann::json& report);
std::string channel_svg(const nlohmann::json& report);

}  // namespace kamhost
