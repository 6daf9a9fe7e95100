// calendars.cpp - the calendars section: named working-time calendars read into
// core::time::WorkDefinition, checked by validate_work_definition and built once into WorkCalendar
// (docs/calendars.md). The core names a problem by its field path ("week.monday[1]",
// "make_up_days[0]"); this file records which YAML node each path came from, so every problem is
// reported at its node under the YAML path ("calendars.china-office.hours.weekdays[1]").
//
// Building a calendar precomputes its table for all its years: about 5 ms and 1.4 MB for the default
// 2000-2099 of a two-interval five-day week (a 24x7 calendar is one interval plus the day index),
// paid at every load, config_check and reload included. `years` narrows it.
#include "config/sections/sections.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "config/did_you_mean.hpp"
#include "config/values.hpp"
#include "core/error.hpp"

namespace kam::config::detail {

namespace tm = core::time;

namespace {

const std::vector<std::string_view> kCalendarKeys{"time_zone",    "hours",        "24x7", "holidays",
                                                  "working_days", "special_days", "years"};
const std::vector<std::string_view> kWeekdays{"monday", "tuesday",  "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};
constexpr const char* kHoursExample = "[\"09:00-12:00\", \"13:00-18:00\"]";

std::string indexed(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Where each field of one calendar's definition came from: core path -> YAML path (relative to the
// calendar) and the node to point at.
class Origins {
 public:
  struct Origin {
    std::string yaml_path;
    YAML::Mark mark;
  };

  // A later add for the same core path wins (a weekday's own hours replace `weekdays`).
  void add(const std::string& core_path, std::string yaml_path, YAML::Mark mark) {
    by_path_.insert_or_assign(core_path, Origin{std::move(yaml_path), mark});
  }

  // The origin of `core_path`, else of its longest recorded prefix ("make_up_days[2].hours" ->
  // "make_up_days[2]"); nullptr when there is none.
  const Origin* find(std::string path) const {
    while (!path.empty()) {
      if (const auto it = by_path_.find(path); it != by_path_.end()) return &it->second;
      const std::size_t cut = path.find_last_of(".[");
      path.resize(cut == std::string::npos ? 0 : cut);
    }
    return nullptr;
  }

  // `message` with the indexed core paths it mentions ("(holidays[1])", "at make_up_days[2]")
  // replaced by their YAML paths, the longest match first.
  std::string translate(std::string_view message) const {
    std::string out;
    for (std::size_t i = 0; i < message.size();) {
      const Origin* best = nullptr;
      std::size_t best_size = 0;
      if (i == 0 || !is_identifier_char(message[i - 1]))
        for (const auto& [path, origin] : by_path_) {
          const std::size_t n = path.size();
          if (path.find('[') == std::string::npos || n <= best_size || message.substr(i, n) != path) continue;
          if (i + n < message.size() && (is_identifier_char(message[i + n]) || message[i + n] == '.')) continue;
          best = &origin;
          best_size = n;
        }
      if (best) {
        out += best->yaml_path;
        i += best_size;
      } else {
        out += message[i++];
      }
    }
    return out;
  }

 private:
  std::map<std::string, Origin, std::less<>> by_path_;
};

// Reads one calendar's mapping into a definition, recording origins. `ok` turns false on any value
// that could not be read: the definition is then incomplete and is neither validated nor built (its
// gaps would only produce misleading follow-up errors).
class CalendarReader {
 public:
  CalendarReader(const MapReader& r, std::string path, tm::WorkDefinition& def, Origins& origins)
      : r_(r), path_(std::move(path)), def_(def), origins_(origins) {}

  bool ok() const { return ok_; }

  void read() {
    if (!require_keys(r_, path_, {"time_zone"})) ok_ = false;
    if (auto tz = get_time_zone(r_, "time_zone"))
      def_.time_zone = *tz;
    else if (r_.find("time_zone"))
      ok_ = false;
    read_week();
    read_holidays();
    read_working_days();
    read_special_days();
    read_years();
  }

 private:
  const MapReader& r_;
  std::string path_;  // "calendars.NAME"
  tm::WorkDefinition& def_;
  Origins& origins_;
  bool ok_ = true;

  void fail(const YAML::Mark& at, const std::string& message) {
    r_.sink().error(at, message);
    ok_ = false;
  }

  // A list of "HH:MM-HH:MM" at `e` of reader `r`, recorded as the origin of each of `core_paths`
  // (several for `weekdays`) under `yaml_path` (relative to the calendar).
  std::optional<tm::DayHours> hours_of(const MapReader& r, const Entry& e, const std::vector<std::string>& core_paths,
                                       const std::string& yaml_path) {
    const YAML::Node* list = sequence_of(r, e, std::string("a list of working hours like ") + kHoursExample);
    if (!list) {
      ok_ = false;
      return std::nullopt;
    }
    for (const std::string& core_path : core_paths) origins_.add(core_path, yaml_path, MapReader::value_mark(e));
    tm::DayHours hours;
    std::size_t j = 0;
    for (const YAML::Node& item : *list) {
      const std::size_t i = j++;
      std::optional<tm::WorkInterval> w;
      if (item.IsScalar()) w = tm::WorkInterval::parse(item.Scalar());
      if (!w) {
        fail(item.Mark(), indexed(r.path_of(e.key), i) +
                              ": expected working hours like \"09:00-12:00\" (HH:MM-HH:MM, 24:00 ends the day), got " +
                              describe(item));
        continue;
      }
      for (const std::string& core_path : core_paths) origins_.add(indexed(core_path, i), indexed(yaml_path, i), item.Mark());
      hours.push_back(*w);
    }
    return hours;
  }

  void read_week() {
    const auto around = get_bool(r_, "24x7");
    if (r_.find("24x7") && !around) ok_ = false;
    if (around && *around) {
      if (const Entry* hours = r_.find("hours"))
        fail(hours->key_node.Mark(), r_.path_of("hours") + ": a 24x7 calendar has no hours; remove one of the two");
      def_.week = tm::WorkDefinition::around_the_clock("", "").week;
      origins_.add("week", "24x7", MapReader::value_mark(*r_.find("24x7")));
      return;
    }
    std::vector<std::string_view> keys{"weekdays"};
    keys.insert(keys.end(), kWeekdays.begin(), kWeekdays.end());
    const auto hours = r_.get_map("hours", keys);
    if (!hours) {
      if (!r_.find("hours"))
        fail(r_.mark(), path_ + ": missing required key 'hours' (or '24x7: true')");
      else
        ok_ = false;
      return;
    }
    origins_.add("week", "hours", r_.find("hours")->key_node.Mark());
    // `weekdays` first: a weekday's own list replaces it for that day.
    if (const Entry* e = hours->find("weekdays")) {
      std::vector<std::string> days;
      for (std::size_t d = 0; d < 5; ++d) days.push_back("week." + std::string(kWeekdays[d]));
      if (auto h = hours_of(*hours, *e, days, "hours.weekdays"))
        for (std::size_t d = 0; d < 5; ++d) def_.week[d] = *h;
    }
    for (std::size_t d = 0; d < 7; ++d)
      if (const Entry* e = hours->find(kWeekdays[d])) {
        const std::string day(kWeekdays[d]);
        if (auto h = hours_of(*hours, *e, {"week." + day}, "hours." + day)) def_.week[d] = *h;
      }
  }

  // Each item of the list at `key` (core field `core_key`), with its index and its key ("holidays[2]").
  template <typename Fn>
  void for_each_item(std::string_view key, const std::string& core_key, const std::string& expected, Fn fn) {
    const Entry* e = r_.find(key);
    if (!e || e->value.IsNull()) return;
    const YAML::Node* list = sequence_of(r_, *e, expected);
    if (!list) {
      ok_ = false;
      return;
    }
    std::size_t index = 0;
    for (const YAML::Node& item : *list) {
      const std::size_t i = index++;
      origins_.add(indexed(core_key, i), indexed(std::string(key), i), item.Mark());
      fn(item, i, indexed(std::string(key), i));
    }
  }

  // A date given as a bare list item (`key` is "holidays[2]").
  std::optional<tm::LocalDate> item_date(const YAML::Node& item, const std::string& key, std::string_view what) {
    auto date = date_of(r_, Entry{key, item, item}, what);
    if (!date) ok_ = false;
    return date;
  }

  std::optional<tm::LocalDate> entry_date(const MapReader& r, std::string_view key, std::string_view what) {
    const Entry* e = r.find(key);
    if (!e) return std::nullopt;
    auto date = date_of(r, *e, what);
    if (!date) ok_ = false;
    return date;
  }

  void read_holidays() {
    for_each_item("holidays", "holidays", "a list of holidays like - 2026-01-01 or - {from: 2026-02-15, to: 2026-02-23}",
                  [&](const YAML::Node& item, std::size_t, const std::string& key) {
                    const std::string path = r_.path_of(key);
                    if (item.IsScalar()) {
                      if (auto d = item_date(item, key, "a holiday")) def_.holidays.push_back({*d, *d, ""});
                      return;
                    }
                    auto r = item_reader(r_.sink(), item, path, {"date", "from", "to", "name"},
                                         "{from: 2026-02-15, to: 2026-02-23, name: Spring Festival}");
                    if (!r) return void(ok_ = false);
                    if (r->find("date") ? (r->find("from") || r->find("to")) : !(r->find("from") && r->find("to")))
                      return fail(r->mark(), path + ": give either 'date' or both 'from' and 'to'");
                    const auto first = entry_date(*r, r->find("date") ? "date" : "from", "a holiday");
                    const auto last = r->find("date") ? first : entry_date(*r, "to", "the last day of the holiday");
                    std::string name;
                    if (auto n = r->get_string("name", "a holiday name")) name = *n;
                    if (first && last) def_.holidays.push_back({*first, *last, name});
                  });
  }

  void read_working_days() {
    for_each_item(
        "working_days", "make_up_days", "a list of make-up working days like - 2026-02-14 or - {date: 2026-02-14, as: friday}",
        [&](const YAML::Node& item, std::size_t i, const std::string& key) {
          const std::string path = r_.path_of(key);
          if (item.IsScalar()) {
            if (auto d = item_date(item, key, "a make-up working day")) def_.make_up_days.push_back({*d, {}, 1});
            return;
          }
          auto r = item_reader(r_.sink(), item, path, {"date", "hours", "as"},
                               "{date: 2026-02-14, as: friday} or {date: 2026-02-14, hours: [\"09:00-12:00\"]}");
          if (!r) return void(ok_ = false);
          if (!require_keys(*r, path, {"date"})) ok_ = false;
          if (r->find("hours") && r->find("as"))
            return fail(r->find("as")->key_node.Mark(), path + ": give either 'hours' or 'as', not both");
          tm::MakeUpDay day;
          const auto date = entry_date(*r, "date", "a make-up working day");
          if (const Entry* h = r->find("hours"))
            day.hours = hours_of(*r, *h, {indexed("make_up_days", i) + ".hours"}, key + ".hours");
          if (r->find("as")) {
            if (auto d = r->get_choice("as", kWeekdays))
              day.hours_of_weekday = static_cast<int32_t>(*d) + 1;
            else
              ok_ = false;
          }
          if (date) {
            day.date = *date;
            def_.make_up_days.push_back(std::move(day));
          }
        });
  }

  void read_special_days() {
    for_each_item("special_days", "special_days", "a list of special days like - {date: 2026-12-31, hours: [\"09:00-12:00\"]}",
                  [&](const YAML::Node& item, std::size_t, const std::string& key) {
          const std::string path = r_.path_of(key);
                    auto r = item_reader(r_.sink(), item, path, {"date", "hours"},
                                         "{date: 2026-12-31, hours: [\"09:00-12:00\"]} (hours: [] closes the date)");
                    if (!r) return void(ok_ = false);
                    if (!require_keys(*r, path, {"date", "hours"})) return void(ok_ = false);
                    const auto date = entry_date(*r, "date", "a special day");
                    auto hours = hours_of(*r, *r->find("hours"), {key + ".hours"}, key + ".hours");
                    if (date && hours) def_.special_days.push_back({*date, std::move(*hours)});
                  });
  }

  void read_years() {
    auto years = r_.get_map("years", std::vector<std::string_view>{"from", "to"});
    if (!years) {
      if (r_.find("years")) ok_ = false;
      return;
    }
    origins_.add("years", "years", r_.find("years")->key_node.Mark());
    const auto from = years->get_int("from", 1900, 2399), to = years->get_int("to", 1900, 2399);
    if ((years->find("from") && !from) || (years->find("to") && !to)) ok_ = false;
    if (from) def_.first_year = static_cast<int32_t>(*from);
    if (to) def_.last_year = static_cast<int32_t>(*to);
  }
};

// Names as for instance.name, so they read the same in YAML, logs and ABI arguments.
bool is_calendar_name(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!is_identifier_char(c) && c != '.' && c != '-') return false;
  return true;
}

const YAML::Node* calendars_node(const MapReader& top) {
  const Entry* e = top.find("calendars");
  return e && e->value.IsMap() ? &e->value : nullptr;
}

}  // namespace

void read_calendars(const MapReader& top, Config& config) {
  const auto section = top.get_map("calendars", std::nullopt);
  if (!section) return;
  for (const Entry& entry : section->entries()) {
    const std::string path = section->path_of(entry.key);
    if (!is_calendar_name(entry.key)) {
      top.sink().error(entry.key_node.Mark(), path + ": a calendar name is 1 to 64 characters from A-Z a-z 0-9 . _ -");
      continue;
    }
    if (!entry.value.IsMap()) {
      section->error_at_value(entry, "expected a calendar (time_zone, hours, holidays ...), got " + describe(entry.value));
      continue;
    }
    const MapReader r(top.sink(), entry.value, path, entry.key_node.Mark(), kCalendarKeys);
    tm::WorkDefinition def;
    def.name = entry.key;
    Origins origins;
    CalendarReader reader(r, path, def, origins);
    reader.read();
    if (!reader.ok()) continue;
    const std::vector<tm::DefinitionIssue> issues = tm::validate_work_definition(def);
    // With `weekdays`, one bad interval is the same problem on five days: report it once.
    std::set<std::tuple<int, int, std::string>> reported;
    for (const tm::DefinitionIssue& issue : issues) {
      const Origins::Origin* origin = origins.find(issue.path);
      const YAML::Mark at = origin ? origin->mark : entry.key_node.Mark();
      const std::string message =
          path + "." + (origin ? origin->yaml_path : issue.path) + ": " + origins.translate(issue.message);
      if (reported.emplace(at.line, at.column, message).second) top.sink().error(at, message);
    }
    if (!issues.empty()) continue;
    try {
      config.calendars.by_name.emplace(entry.key, tm::WorkCalendar(def));
    } catch (const Error& e) {  // validated above; kept so that a core refusal still names the place
      top.sink().error(entry.key_node.Mark(), path + ": " + e.what());
    }
  }
}

std::optional<tm::WorkCalendar> get_calendar(const MapReader& top, const MapReader& r, std::string_view key,
                                             const Config& config) {
  const auto name = r.get_string(key, "a calendar name");
  if (!name) return std::nullopt;
  if (const tm::WorkCalendar* calendar = config.calendars.find(*name)) return *calendar;
  std::vector<std::string> declared;
  if (const YAML::Node* calendars = calendars_node(top))
    for (const auto& pair : *calendars)
      if (pair.first.IsScalar()) declared.push_back(pair.first.Scalar());
  if (std::find(declared.begin(), declared.end(), *name) != declared.end()) return std::nullopt;
  const std::vector<std::string_view> names(declared.begin(), declared.end());
  std::string message = "unknown calendar " + detail::quoted(*name);
  if (names.empty())
    message += "; the calendars section defines none";
  else if (auto match = closest_match(*name, names))
    message += "; did you mean '" + *match + "'?";
  else
    message += "; calendars defined: " + join(names);
  r.error_at_value(*r.find(key), message);
  return std::nullopt;
}

}  // namespace kam::config::detail
