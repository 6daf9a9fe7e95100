// service.hpp - service workflows (kam/service.h) for people: an employee's
// service queue (with complaints merged in when the JSON has them), an
// account's requests, one request's timeline, and the service report (table and
// SVG chart of requests within their state deadlines). Deadlines are shown in
// the workflow calendar's zone (the JSON names it); business time as "3h 20m",
// never days.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace kamhost {

void render_service_queue(std::ostream& out, const nlohmann::json& queue);
void render_account_requests(std::ostream& out, const nlohmann::json& requests);
void render_service_request(std::ostream& out, const nlohmann::json& request);
void render_service_report(std::ostream& out, const nlohmann::json& kpis);
// A self-contained SVG bar chart of within_bp per group.
std::string service_svg(const nlohmann::json& kpis);

}  // namespace kamhost
