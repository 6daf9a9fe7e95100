// calendar_versions.cpp - calendar definitions as stored JSON, their version keys, and complaint
// tracking's view of a config; see calendar_versions.hpp.
#include "store/complaints/calendar_versions.hpp"

#include <mutex>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/fnv1a.hpp"

namespace kam::store {

namespace tm = core::time;
using nlohmann::json;

namespace {

json hours_json(const tm::DayHours& hours) {
  json out = json::array();
  for (const tm::WorkInterval& i : hours) out.push_back({i.start_minute, i.end_minute});
  return out;
}

tm::DayHours hours_of(const json& j) {
  tm::DayHours out;
  for (const json& i : j) out.push_back({i.at(0).get<int32_t>(), i.at(1).get<int32_t>()});
  return out;
}

}  // namespace

std::string definition_json(const tm::WorkDefinition& d) {
  json week = json::array();
  for (const tm::DayHours& day : d.week) week.push_back(hours_json(day));
  json holidays = json::array();
  for (const tm::Holiday& h : d.holidays)
    holidays.push_back({{"first", h.first.days_since_epoch}, {"last", h.last.days_since_epoch}, {"name", h.name}});
  json make_up = json::array();
  for (const tm::MakeUpDay& m : d.make_up_days) {
    json e = {{"date", m.date.days_since_epoch}, {"weekday", m.hours_of_weekday}};
    if (m.hours) e["hours"] = hours_json(*m.hours);
    make_up.push_back(std::move(e));
  }
  json special = json::array();
  for (const tm::SpecialDay& s : d.special_days)
    special.push_back({{"date", s.date.days_since_epoch}, {"hours", hours_json(s.hours)}});
  // Keys in a fixed order (nlohmann sorts object keys), so equal definitions give equal text.
  return json{{"name", d.name},         {"time_zone", d.time_zone},   {"week", week},
              {"holidays", holidays},   {"make_up_days", make_up},   {"special_days", special},
              {"first_year", d.first_year}, {"last_year", d.last_year}}
      .dump();
}

tm::WorkDefinition definition_from_json(const std::string& text) {
  try {
    const json j = json::parse(text);
    tm::WorkDefinition d;
    d.name = j.at("name").get<std::string>();
    d.time_zone = j.at("time_zone").get<std::string>();
    for (std::size_t i = 0; i < 7; ++i) d.week[i] = hours_of(j.at("week").at(i));
    for (const json& h : j.at("holidays"))
      d.holidays.push_back({{h.at("first").get<int32_t>()}, {h.at("last").get<int32_t>()}, h.at("name").get<std::string>()});
    for (const json& m : j.at("make_up_days")) {
      tm::MakeUpDay day;
      day.date = {m.at("date").get<int32_t>()};
      day.hours_of_weekday = m.at("weekday").get<int32_t>();
      if (m.contains("hours")) day.hours = hours_of(m.at("hours"));
      d.make_up_days.push_back(std::move(day));
    }
    for (const json& s : j.at("special_days")) d.special_days.push_back({{s.at("date").get<int32_t>()}, hours_of(s.at("hours"))});
    d.first_year = j.at("first_year").get<int32_t>();
    d.last_year = j.at("last_year").get<int32_t>();
    return d;
  } catch (const json::exception& e) {
    throw Error(Status::store, std::string("calendar_versions: a stored definition does not read back: ") + e.what());
  }
}

std::string calendar_version_key(const tm::WorkDefinition& d) { return d.name + "#" + core::fnv1a64_hex(definition_json(d)); }

ComplaintSetup complaint_setup(const config::Config& config) {
  ComplaintSetup s;
  s.sla.targets = config.complaints.targets;
  for (const auto& [name, calendar] : config.calendars.by_name) {
    const std::string key = calendar_version_key(calendar.definition());
    s.sla.calendar_keys[name] = key;
    s.calendars.emplace(key, calendar);
    s.definitions.emplace(key, calendar.definition());
  }
  s.chain = config.complaints.escalation;
  s.default_time_zone = config.business.time_zone;
  return s;
}

std::shared_ptr<const ComplaintSetup> shared_complaint_setup(const config::Config& config) {
  if (config.content_hash.empty()) return std::make_shared<const ComplaintSetup>(complaint_setup(config));
  static std::mutex mutex;
  static std::vector<std::pair<std::string, std::shared_ptr<const ComplaintSetup>>> cache;  // newest last
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& [hash, setup] : cache)
      if (hash == config.content_hash) return setup;
  }
  auto setup = std::make_shared<const ComplaintSetup>(complaint_setup(config));
  std::lock_guard<std::mutex> lock(mutex);
  cache.emplace_back(config.content_hash, setup);
  if (cache.size() > 8) cache.erase(cache.begin());  // a few reloads' worth; holders keep theirs
  return setup;
}

}  // namespace kam::store
