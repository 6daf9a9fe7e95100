// complaint_items.cpp - shared pieces of the complaint renderers (see complaint_items.hpp).
#include "render/complaint_items.hpp"

#include "render/complaints.hpp"
#include "render/format.hpp"
#include "time_text.hpp"

namespace kamhost::complaint_render {

using nlohmann::json;

const json& member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

const date::time_zone* zone_of(const json& object, const json& fallback) {
  std::string name = text_of(object, "time_zone");
  if (name.empty()) name = text_of(fallback, "time_zone");
  return find_zone(name.empty() ? "UTC" : name);
}

std::string local_time(const json& object, const char* key, const date::time_zone* zone, const std::string& none) {
  const auto at = integer_at(object, key);
  return at ? zone_time(*at, zone) : none;
}

std::string clock_words(const std::string& clock) {
  if (clock == "first_response") return "first response";
  return clock;
}

std::vector<std::string> item_header(const std::string& zone_name) {
  return {"COMPLAINT", "ACCOUNT", "TIER", "PRIORITY", "CLOCK", "DEADLINE (" + zone_name + ")", "LEFT (business)",
          "FIRST OWNER", "ASSIGNEE", "STATUS"};
}

std::vector<bool> item_right_aligned() { return {false, false, false, false, false, false, true}; }

std::vector<std::string> item_row(const json& item, const std::string& zone_name) {
  const bool has_target = bool_of(item, "has_target");
  const bool paused = bool_of(item, "paused");
  const date::time_zone* zone = zone_of(item);
  std::string deadline = has_target ? local_time(item, "deadline_ms", zone, paused ? "(paused)" : "-") : "no target";
  const std::string item_zone = text_of(item, "time_zone");
  if (integer_at(item, "deadline_ms") && !item_zone.empty() && item_zone != zone_name) deadline += " " + item_zone;
  std::string left = "-";
  if (const auto l = integer_at(item, "left_ms")) left = *l < 0 ? format_business(-*l) + " over" : format_business(*l);
  std::string account = text_of(item, "account_id");
  const std::string name = text_of(item, "account_name");
  if (!name.empty()) account += " " + shorten(name, 28);
  std::vector<std::string> marks;
  if (bool_of(item, "breached")) marks.push_back("BREACH");
  else if (bool_of(item, "warning")) marks.push_back("warning");
  if (paused || text_of(item, "phase") == "waiting") marks.push_back("waiting on customer");
  std::string status;
  for (const auto& m : marks) status += (status.empty() ? "" : ", ") + m;
  const std::string tier = text_of(item, "tier");
  return {text_of(item, "complaint_id"),
          account,
          tier.empty() ? "-" : tier,
          priority_name(integer_of(item, "priority")),
          has_target ? clock_words(text_of(item, "clock")) : "-",
          deadline,
          left,
          text_of(item, "first_owner"),
          text_of(item, "assignee"),
          status};
}

}  // namespace kamhost::complaint_render
