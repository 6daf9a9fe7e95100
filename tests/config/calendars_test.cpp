// calendars_test.cpp - the calendars section: the shipped example's calendars giving deadlines
// computed by hand (China 2026 across the Spring Festival, National Day and make-up Saturdays; Berlin
// with a short Christmas Eve; 24x7), every form of the section read into the definition, all errors
// collected, and get_calendar, the check later sections use for a calendar reference. The single
// diagnostics of broken files are in bad_config_test.cpp (tests/config/bad/calendar_*.yaml).
#include <string>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "config/config.hpp"
#include "config/sections/sections.hpp"
#include "config/yaml_reader.hpp"

namespace kam::config {
namespace {

namespace tm = core::time;

// UTC milliseconds of a local wall-clock reading at a fixed UTC offset (in hours).
int64_t local(int year, unsigned month, unsigned day, int hour, int minute, int offset_hours) {
  const int64_t minutes = int64_t{tm::LocalDate::from_ymd(year, month, day).days_since_epoch} * 1440 + hour * 60 +
                          minute - offset_hours * 60;
  return minutes * 60000;
}
// Asia/Shanghai is UTC+8 all year.
int64_t cst(unsigned month, unsigned day, int hour, int minute = 0) { return local(2026, month, day, hour, minute, 8); }

TEST(CalendarsConfig, ExampleChinaOfficeGivesTheHandComputedDeadlines) {
  const Config c = load_config_file(KAM_EXAMPLE_CONFIG);
  const tm::WorkCalendar* china = c.calendars.find("china-office");
  ASSERT_NE(china, nullptr);
  EXPECT_EQ(china->definition().time_zone, "Asia/Shanghai");
  constexpr int64_t kResponse = 4 * 60, kResolve = 24 * 60;  // 4 business hours; 3 days of 8 hours
  struct Case {
    const char* what;
    int64_t received, minutes, due;
  } cases[] = {
      // Fri 2/13 16:00: 16-18 (2h); Sat 2/14 is a make-up day: 09-11 (4h).
      {"before Spring Festival, into the make-up Saturday", cst(2, 13, 16), kResponse, cst(2, 14, 11)},
      // Fri 2h, Sat 2/14 8h (10h); 2/15-2/23 holiday; Tue 2/24 8h (18h); Wed 2/25 09-12, 13-16 (24h).
      {"before Spring Festival: resolution", cst(2, 13, 16), kResolve, cst(2, 25, 16)},
      // Wed 2/18 10:00 is a holiday: Tue 2/24 09-12 (3h), 13-14 (4h).
      {"during Spring Festival", cst(2, 18, 10), kResponse, cst(2, 24, 14)},
      // Sat 2/14 17:00 (make-up day): 17-18 (1h); holidays; Tue 2/24 09-12 (4h), the morning's end.
      {"from the make-up Saturday over the holiday", cst(2, 14, 17), kResponse, cst(2, 24, 12)},
      // Fri 2/27 17:30: 0.5h; Sat 2/28 make-up: 09-12 (3.5h), 13-13:30 (4h).
      {"across the 2/28 make-up Saturday", cst(2, 27, 17, 30), kResponse, cst(2, 28, 13, 30)},
      // Sat 3/7 is an ordinary Saturday: Mon 3/9 09-12 (3h), 13-14 (4h).
      {"an ordinary Saturday is not worked", cst(3, 7, 10), kResponse, cst(3, 9, 14)},
      // Wed 9/30 15:00: 15-18 (3h); 10/1-10/7 holiday; Thu 10/8 09-10 (4h).
      {"before National Day", cst(9, 30, 15), kResponse, cst(10, 8, 10)},
      // Fri 10/9 17:00: 1h; Sat 10/10 make-up: 09-12 (4h).
      {"after National Day, into the make-up Saturday", cst(10, 9, 17), kResponse, cst(10, 10, 12)},
  };
  for (const Case& k : cases) {
    EXPECT_EQ(china->add_minutes(k.received, k.minutes), k.due) << k.what;
    EXPECT_EQ(china->business_ms_between(k.received, k.due), k.minutes * 60000) << k.what;
  }
  EXPECT_FALSE(china->is_working(cst(2, 18, 10)));
  EXPECT_TRUE(china->is_working(cst(2, 14, 10)));   // make-up Saturday
  EXPECT_FALSE(china->is_working(cst(2, 24, 12, 30)));  // lunch
}

TEST(CalendarsConfig, ExampleBerlinAnd24x7) {
  const Config c = load_config_file(KAM_EXAMPLE_CONFIG);
  ASSERT_EQ(c.calendars.by_name.size(), 3u);
  const tm::WorkCalendar* berlin = c.calendars.find("berlin-office");
  const tm::WorkCalendar* always = c.calendars.find("support-24x7");
  ASSERT_NE(berlin, nullptr);
  ASSERT_NE(always, nullptr);
  EXPECT_EQ(c.calendars.find("Berlin-office"), nullptr);
  // Wed 12/23 17:00 CET: 17:00-17:30 (0.5h); Thu 12/24 is special, 08:30-12:00 (4h).
  EXPECT_EQ(berlin->add_minutes(local(2026, 12, 23, 17, 0, 1), 4 * 60), local(2026, 12, 24, 12, 0, 1));
  // Fri 3/6 13:00 CET: Friday's own hours end at 14:00 (1h); Mon 3/9 08:30-09:30 (2h).
  EXPECT_EQ(berlin->add_minutes(local(2026, 3, 6, 13, 0, 1), 2 * 60), local(2026, 3, 9, 9, 30, 1));
  // 24x7: business time is real time, over the weekend.
  EXPECT_EQ(always->add_minutes(local(2026, 2, 14, 12, 0, 0), 24 * 60), local(2026, 2, 15, 12, 0, 0));
}

TEST(CalendarsConfig, CopiesOfTheConfigShareTheBuiltCalendars) {
  const Config a = load_config_file(KAM_EXAMPLE_CONFIG);
  const Config b = a;  // NOLINT(performance-unnecessary-copy-initialization): the copy is the point
  EXPECT_EQ(&a.calendars.find("china-office")->definition(), &b.calendars.find("china-office")->definition());
}

TEST(CalendarsConfig, EveryFormReadsIntoTheDefinition) {
  const Config c = load_config_text(
      "kam: 1\n"
      "calendars:\n"
      "  plant:\n"
      "    time_zone: America/New_York\n"
      "    hours:\n"
      "      weekdays: [\"13:00-17:00\", \"08:00-12:00\"]\n"
      "      friday: [\"08:00-12:00\"]\n"
      "      sunday: []\n"
      "    holidays:\n"
      "      - 2026-07-03\n"
      "      - {date: 2026-11-26, name: Thanksgiving}\n"
      "      - {from: 2026-12-24, to: 2026-12-26}\n"
      "    working_days:\n"
      "      - 2026-11-28\n"
      "      - {date: 2026-12-05, as: friday}\n"
      "      - {date: 2026-12-12, hours: [\"09:00-11:00\"]}\n"
      "    special_days:\n"
      "      - {date: 2026-12-31, hours: [\"08:00-10:00\"]}\n"
      "      - {date: 2026-12-30, hours: []}\n"
      "    years: {from: 2025, to: 2027}\n"
      "  hotline:\n"
      "    time_zone: Europe/Berlin\n"
      "    24x7: true\n",
      "kam.yaml");
  ASSERT_EQ(c.calendars.by_name.size(), 2u);
  const tm::WorkDefinition& d = c.calendars.find("plant")->definition();
  const tm::DayHours two{{780, 1020}, {480, 720}}, morning{{480, 720}};
  EXPECT_EQ(d.name, "plant");
  EXPECT_EQ(d.time_zone, "America/New_York");
  for (std::size_t day = 0; day < 4; ++day) EXPECT_EQ(d.week[day], two) << day;
  EXPECT_EQ(d.week[4], morning);  // friday replaces weekdays
  EXPECT_TRUE(d.week[5].empty());
  EXPECT_TRUE(d.week[6].empty());
  ASSERT_EQ(d.holidays.size(), 3u);
  EXPECT_EQ(d.holidays[0].first, tm::LocalDate::from_ymd(2026, 7, 3));
  EXPECT_EQ(d.holidays[0].last, tm::LocalDate::from_ymd(2026, 7, 3));
  EXPECT_EQ(d.holidays[1].name, "Thanksgiving");
  EXPECT_EQ(d.holidays[2].first, tm::LocalDate::from_ymd(2026, 12, 24));
  EXPECT_EQ(d.holidays[2].last, tm::LocalDate::from_ymd(2026, 12, 26));
  ASSERT_EQ(d.make_up_days.size(), 3u);
  EXPECT_EQ(d.make_up_days[0].date, tm::LocalDate::from_ymd(2026, 11, 28));
  EXPECT_EQ(d.make_up_days[0].hours_of_weekday, 1);
  EXPECT_FALSE(d.make_up_days[0].hours);
  EXPECT_EQ(d.make_up_days[1].hours_of_weekday, 5);
  EXPECT_EQ(d.make_up_days[2].hours, (tm::DayHours{{540, 660}}));
  ASSERT_EQ(d.special_days.size(), 2u);
  EXPECT_EQ(d.special_days[0].hours, (tm::DayHours{{480, 600}}));
  EXPECT_TRUE(d.special_days[1].hours.empty());
  EXPECT_EQ(d.first_year, 2025);
  EXPECT_EQ(d.last_year, 2027);
  // The make-up Saturday 12/5 works Friday's morning only: 4 hours from 08:00 end at 12:00.
  const tm::WorkCalendar& plant = *c.calendars.find("plant");
  EXPECT_EQ(plant.add_minutes(local(2026, 12, 5, 8, 0, -5), 4 * 60), local(2026, 12, 5, 12, 0, -5));
  const tm::WorkDefinition& h = c.calendars.find("hotline")->definition();
  EXPECT_EQ(h.week, tm::WorkDefinition::around_the_clock("hotline", "Europe/Berlin").week);
  // No calendars section: none.
  EXPECT_TRUE(load_config_text("kam: 1\n", "kam.yaml").calendars.by_name.empty());
}

TEST(CalendarsConfig, ReportsEveryErrorOfEveryCalendarInFileOrder) {
  try {
    load_config_text(
        "kam: 1\n"
        "calendars:\n"
        "  a:\n"
        "    time_zone: Europe/Berlin\n"
        "    hours: {weekdays: [\"09:00-12:00\", \"11:00-13:00\"], saturday: [\"7:00-9:00\"]}\n"
        "  b:\n"
        "    time_zone: Asia/Shanghai\n"
        "    hours: {monday: [\"09:00-18:00\"]}\n"
        "    holidays: [{from: 2026-05-05, to: 2026-05-01}]\n"
        "    working_days: [2026-01-05]\n"
        "    years: {from: 1800}\n",
        "kam.yaml");
    FAIL() << "loaded invalid calendars";
  } catch (const ConfigError& e) {
    // Calendar a: an interval that does not parse; its overlap is judged once the file reads.
    // Calendar b: reads, so every problem of its definition is reported.
    EXPECT_EQ(std::string(e.what()),
              "kam.yaml:5:66: calendars.a.hours.saturday[0]: expected working hours like \"09:00-12:00\" "
              "(HH:MM-HH:MM, 24:00 ends the day), got \"7:00-9:00\"\n"
              "kam.yaml:11:19: calendars.b.years.from: expected an integer in 1900..2399, got 1800");
  }
  try {
    load_config_text(
        "kam: 1\n"
        "calendars:\n"
        "  b:\n"
        "    time_zone: Asia/Shanghai\n"
        "    hours: {monday: [\"09:00-18:00\"]}\n"
        "    holidays: [{from: 2026-05-05, to: 2026-05-01}]\n"
        "    working_days: [2026-01-05]\n"
        "    years: {from: 2030, to: 2020}\n",
        "kam.yaml");
    FAIL() << "loaded invalid calendars";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "kam.yaml:6:16: calendars.b.holidays[0]: ends 2026-05-01, before it starts 2026-05-05\n"
              "kam.yaml:7:20: calendars.b.working_days[0]: 2026-01-05 is a monday, already a working day (a "
              "make-up day is a date whose weekday is not worked)\n"
              "kam.yaml:8:5: calendars.b.years: first_year 2030 .. last_year 2020 must be in order and at most "
              "200 years");
  }
}

// get_calendar as a later section (here a made-up `sla` mapping) calls it.
struct Reference {
  std::optional<tm::WorkCalendar> calendar;
  std::vector<std::string> errors;
};

Reference refer(const std::string& yaml) {
  const YAML::Node root = YAML::Load(yaml);
  detail::DiagnosticSink sink("kam.yaml");
  const detail::MapReader top(sink, root, "", root.Mark(), std::nullopt);
  Config config;
  detail::read_calendars(top, config);
  const detail::MapReader sla(sink, root["sla"], "sla", root.Mark(), std::nullopt);
  Reference out;
  out.calendar = detail::get_calendar(top, sla, "calendar", config);
  for (const Diagnostic& d : sink.take_sorted()) out.errors.push_back(d.to_string());
  return out;
}

const char* kTwoCalendars =
    "calendars:\n"
    "  china-office: {time_zone: Asia/Shanghai, hours: {weekdays: [\"09:00-18:00\"]}}\n"
    "  berlin-office: {time_zone: Europe/Berlin, hours: {weekdays: [\"08:00-25:00\"]}}\n";

TEST(CalendarReference, KnownNameGivesTheLoadedCalendar) {
  const Reference r = refer(std::string("calendars:\n  china-office: {time_zone: Asia/Shanghai, 24x7: true}\n") +
                            "sla: {calendar: china-office}\n");
  ASSERT_TRUE(r.calendar);
  EXPECT_EQ(r.calendar->definition().name, "china-office");
  EXPECT_TRUE(r.errors.empty());
}

TEST(CalendarReference, UnknownNameIsReportedAtTheValueWithASuggestion) {
  Reference r = refer(std::string(kTwoCalendars) + "sla: {calendar: china-ofice}\n");
  EXPECT_FALSE(r.calendar);
  ASSERT_EQ(r.errors.size(), 2u);  // berlin-office's 25:00 first, then the reference
  EXPECT_EQ(r.errors[1], "kam.yaml:4:17: sla.calendar: unknown calendar \"china-ofice\"; did you mean 'china-office'?");
  r = refer(std::string(kTwoCalendars) + "sla: {calendar: tokyo}\n");
  EXPECT_EQ(r.errors.back(),
            "kam.yaml:4:17: sla.calendar: unknown calendar \"tokyo\"; calendars defined: china-office, berlin-office");
  r = refer("sla: {calendar: tokyo}\n");
  EXPECT_EQ(r.errors, std::vector<std::string>{
                          "kam.yaml:1:17: sla.calendar: unknown calendar \"tokyo\"; the calendars section defines none"});
}

TEST(CalendarReference, RefusedCalendarIsNotReportedTwice) {
  // berlin-office exists in the file but was refused for its 25:00: only that error is reported.
  const Reference r = refer(std::string(kTwoCalendars) + "sla: {calendar: berlin-office}\n");
  EXPECT_FALSE(r.calendar);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0],
            "kam.yaml:3:64: calendars.berlin-office.hours.weekdays[0]: expected working hours like \"09:00-12:00\" "
            "(HH:MM-HH:MM, 24:00 ends the day), got \"08:00-25:00\"");
  EXPECT_FALSE(refer("sla: {}\n").calendar);  // absent: nothing, no error
  EXPECT_TRUE(refer("sla: {}\n").errors.empty());
}

}  // namespace
}  // namespace kam::config
