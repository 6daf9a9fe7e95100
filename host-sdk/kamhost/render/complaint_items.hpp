// complaint_items.hpp - pieces the complaint renderers share (render/complaints.cpp, timeline.cpp):
// a JSON member or null, the zone a complaint's times are shown in, and the queue ITEM as a table
// row (kam/complaints.h: the same ITEM in the queue, an account's complaints and the card).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace date {
class time_zone;
}

namespace kamhost::complaint_render {

const nlohmann::json& member(const nlohmann::json& object, const char* key);

// The zone named by object's time_zone, else fallback's; UTC when neither names one.
const date::time_zone* zone_of(const nlohmann::json& object, const nlohmann::json& fallback = nullptr);

// "2026-03-02 13:12" in zone, or `none` when the member is null or missing.
std::string local_time(const nlohmann::json& object, const char* key, const date::time_zone* zone,
                       const std::string& none = "-");

// "first response" / "resolution" for the JSON's clock names.
std::string clock_words(const std::string& clock);

// The queue table's header, and one ITEM as its row; `zone_name` is the heading's zone: an item on a
// calendar of another zone gets its zone after the deadline.
std::vector<std::string> item_header(const std::string& zone_name);
std::vector<std::string> item_row(const nlohmann::json& item, const std::string& zone_name);
std::vector<bool> item_right_aligned();

}  // namespace kamhost::complaint_render
