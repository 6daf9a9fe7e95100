// complaints_calendar_test.cpp - issue 10's acceptance line, through the real libkam.so on SQLite and
// PostgreSQL: with config/kam.example.yaml as shipped, whose china-office calendar carries China's
// 2026 holidays and make-up working days (State Council notice of 2025-11-04), the deadlines of
// complaints received before, during and after the Spring Festival and the National Day weeks and
// across make-up Saturdays are the ones a person computes by hand (the reasoning is beside each).
//
// The calendar, read from the example file: Monday to Friday 09:00-12:00 and 13:00-18:00 China time
// (8 business hours a day; the lunch hour is not worked); holidays 2/15-2/23 (Spring Festival),
// 9/25-9/27 (Mid-Autumn), 10/1-10/7 (National Day), ...; make-up working days with Monday's hours:
// Sat 2/14, Sat 2/28, Sun 9/20, Sat 10/10. Weekdays of 2026: 2/13 is a Friday, 10/1 a Thursday.
// A deadline that fills an interval exactly is that interval's end (docs/calendars.md).
// Targets: gold 4h first response / 24h resolution; standard (the default target) 16h / 80h.
#include <string>
#include <vector>

#include "complaints_fixture.hpp"

namespace kam::host_test::complaints {
namespace {

struct Case {
  const char* what;
  bool gold;
  int64_t received, first_response_due, resolution_due;
};

const Case kCases[] = {
    // Before the Spring Festival, across the make-up Saturday 2/14. Thu 2/12 10:00, standard.
    // First response 16h: Thu 10-12 (2), 13-18 (7), Fri 2/13 (15), Sat 2/14 09-10 (16): Sat 10:00.
    // Resolution 80h: Thu 7, Fri 15, Sat 23, festival 2/15-2/23, Tue 2/24 31, Wed 39, Thu 47, Fri 55,
    // Sat 2/28 (make-up) 63, Mon 3/2 71, Tue 3/3 79, Wed 3/4 09-10 (80): Wed 3/4 10:00.
    {"before the Spring Festival, across make-up Sat 2/14", false, cst(2, 12, 10), cst(2, 14, 10), cst(3, 4, 10)},
    // On the make-up Saturday itself, the last working day before the festival. Sat 2/14 16:00, gold.
    // First response 4h: Sat 16-18 (2), festival, Tue 2/24 09-11 (4): Tue 11:00.
    // Resolution 24h: Sat 2, Tue 10, Wed 18, Thu 2/26 09-12 (21), 13-16 (24): Thu 16:00.
    {"on make-up Sat 2/14, into the festival", true, cst(2, 14, 16), cst(2, 24, 11), cst(2, 26, 16)},
    // During the festival, Wed 2/18 15:00, standard: nothing runs until Tue 2/24 09:00.
    // First response 16h: Tue 8, Wed 2/25 16: fills Wed's last interval, Wed 18:00.
    // Resolution 80h: Tue 8, Wed 16, Thu 24, Fri 32, Sat 2/28 (make-up) 40, Mon 3/2 48, Tue 56,
    // Wed 64, Thu 72, Fri 3/6 80: Fri 3/6 18:00.
    {"during the Spring Festival", false, cst(2, 18, 15), cst(2, 25, 18), cst(3, 6, 18)},
    // On the festival's last day, Mon 2/23 10:00, gold. First response 4h: Tue 2/24 09-12 (3),
    // 13-14 (4): Tue 14:00. Resolution 24h: Tue 8, Wed 16, Thu 24: Thu 2/26 18:00.
    {"on the last day of the Spring Festival", true, cst(2, 23, 10), cst(2, 24, 14), cst(2, 26, 18)},
    // After the festival, Tue 2/24 09:30, standard. First response 16h: Tue 09:30-12 (2.5), 13-18
    // (7.5), Wed 15.5, Thu 2/26 09:00-09:30 (16): Thu 09:30. Resolution 80h: Tue 7.5, Wed 15.5,
    // Thu 23.5, Fri 31.5, Sat 2/28 (make-up) 39.5, Mon 3/2 47.5, Tue 55.5, Wed 63.5, Thu 71.5, Fri 3/6
    // 79.5, (Sat 3/7 and Sun 3/8 not worked), Mon 3/9 09:00-09:30 (80): Mon 3/9 09:30.
    {"after the Spring Festival", false, cst(2, 24, 9, 30), cst(2, 26, 9, 30), cst(3, 9, 9, 30)},
    // Across the make-up Saturday 2/28. Fri 2/27 16:00, gold. First response 4h: Fri 16-18 (2), Sat
    // 2/28 09-11 (4): Sat 11:00. Resolution 24h: Fri 2, Sat 10, (Sun 3/1 not worked) Mon 3/2 18,
    // Tue 3/3 09-12 (21), 13-16 (24): Tue 16:00.
    {"across make-up Sat 2/28", true, cst(2, 27, 16), cst(2, 28, 11), cst(3, 3, 16)},
    // Before the National Day week, across make-up Sun 9/20 and the Mid-Autumn Festival 9/25-9/27.
    // Fri 9/18 14:00, standard. First response 16h: Fri 14-18 (4), (Sat 9/19 not worked) Sun 9/20
    // (make-up) 12, Mon 9/21 09-12 (15), 13-14 (16): Mon 14:00. Resolution 80h: Fri 4, Sun 12, Mon 20,
    // Tue 28, Wed 36, Thu 9/24 44, Mid-Autumn Fri-Sun, Mon 9/28 52, Tue 60, Wed 9/30 68, National Day
    // 10/1-10/7, Thu 10/8 76, Fri 10/9 09-12 (79), 13-14 (80): Fri 10/9 14:00.
    {"before the National Day week, across make-up Sun 9/20", false, cst(9, 18, 14), cst(9, 21, 14),
     cst(10, 9, 14)},
    // The evening before the National Day week, Wed 9/30 17:00, gold. First response 4h: Wed 17-18 (1),
    // the week, Thu 10/8 09-12 (4): fills the interval, Thu 12:00. Resolution 24h: Wed 1, Thu 9,
    // Fri 10/9 17, Sat 10/10 (make-up) 09-12 (20), 13-17 (24): Sat 10/10 17:00.
    {"right before the National Day week", true, cst(9, 30, 17), cst(10, 8, 12), cst(10, 10, 17)},
    // During the National Day week, Sat 10/3 11:00, standard: nothing runs until Thu 10/8 09:00.
    // First response 16h: Thu 8, Fri 10/9 16: Fri 18:00. Resolution 80h: Thu 8, Fri 16, Sat 10/10
    // (make-up) 24, (Sun 10/11 not worked) Mon 10/12 32, Tue 40, Wed 48, Thu 56, Fri 10/16 64,
    // Mon 10/19 72, Tue 10/20 80: Tue 10/20 18:00.
    {"during the National Day week", false, cst(10, 3, 11), cst(10, 9, 18), cst(10, 20, 18)},
    // After the week, across make-up Sat 10/10. Fri 10/9 15:30, gold. First response 4h: Fri 15:30-18
    // (2.5), Sat 10/10 09:00-10:30 (4): Sat 10:30. Resolution 24h: Fri 2.5, Sat 10.5, Mon 10/12 18.5,
    // Tue 10/13 09-12 (21.5), 13:00-15:30 (24): Tue 15:30.
    {"after the National Day week, across make-up Sat 10/10", true, cst(10, 9, 15, 30), cst(10, 10, 10, 30),
     cst(10, 13, 15, 30)},
};

class ComplaintCalendarTest : public ComplaintsHostTest {};

TEST_P(ComplaintCalendarTest, DeadlinesAroundChinasHolidaysAreTheOnesComputedByHand) {
  at(cst(1, 10, 9));
  org();
  account("GOLD-1", /*gold=*/true);
  account("STD-1", /*gold=*/false);
  instance().evaluate_tiers(kAdmin);
  int n = 0;
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.what) + ", received " + cst_text(c.received));
    const std::string id = "CAL-" + std::to_string(++n);
    Step s;
    s.event_id = id + "-open";
    s.complaint_id = id;
    s.account_id = c.gold ? "GOLD-1" : "STD-1";
    s.at_ms = c.received;
    s.employee = "e-ann";
    s.department = "sales";
    at(c.received);
    send(s);
    const json timeline = json::parse(complaints().show(kAdmin, id));
    EXPECT_EQ(timeline.at("tier"), c.gold ? "gold" : "standard");
    EXPECT_EQ(timeline.at("calendar"), "china-office") << timeline.dump();
    EXPECT_EQ(timeline.at("time_zone"), "Asia/Shanghai");
    const json first = clock_of(id, "first_response"), resolution = clock_of(id, "resolution");
    EXPECT_EQ(first.at("target_ms"), (c.gold ? 4 : 16) * kHour);
    EXPECT_EQ(resolution.at("target_ms"), (c.gold ? 24 : 80) * kHour);
    EXPECT_EQ(first.at("deadline_ms"), c.first_response_due)
        << "first response due " << cst_text(first.at("deadline_ms").get<int64_t>()) << ", by hand "
        << cst_text(c.first_response_due);
    EXPECT_EQ(resolution.at("deadline_ms"), c.resolution_due)
        << "resolution due " << cst_text(resolution.at("deadline_ms").get<int64_t>()) << ", by hand "
        << cst_text(c.resolution_due);
    // The queue shows the same deadline with the business time left at the host's now (all of it).
    const json queue = json::parse(complaints().queue(kAdmin, "e-ann"));
    for (const json& item : queue.at("complaints")) {
      if (item.at("complaint_id") != id) continue;
      EXPECT_EQ(item.at("deadline_ms"), c.first_response_due);
      EXPECT_EQ(item.at("left_ms"), (c.gold ? 4 : 16) * kHour);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ComplaintCalendarTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace kam::host_test::complaints
