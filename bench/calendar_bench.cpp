// calendar_bench - how fast business-minute arithmetic is on a realistic working-time calendar,
// beside its floor: one plain local-time conversion (date/tz's time_zone::to_local) of the same
// instants, which any calendar arithmetic in local wall-clock time needs at least once.
//   calendar: Europe/Berlin (DST), Monday to Friday 08:00-12:00 and 13:00-17:30, Germany's 2026
//   holidays (Berlin) with Christmas to New Year closed, a short Christmas Eve, make-up Saturdays;
//   instants: random milliseconds in 2026, amounts random from 1 minute to 5 business days.
// Prints calls per second and ns per call of each, and the ratio to the floor; figures only.
//   kam_calendar_bench [--calls N]
#include <date/tz.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "core/time/work_calendar.hpp"
#include "core/time/zone.hpp"

namespace t = kam::core::time;
using Clock = std::chrono::steady_clock;

namespace {

t::WorkDefinition berlin_2026() {
  t::WorkDefinition def;
  def.name = "berlin-office";
  def.time_zone = "Europe/Berlin";
  for (int d = 0; d < 5; ++d) def.week[static_cast<std::size_t>(d)] = {{8 * 60, 12 * 60}, {13 * 60, 17 * 60 + 30}};
  auto day = [](unsigned m, unsigned d) { return t::LocalDate::from_ymd(2026, m, d); };
  const unsigned holidays[][2] = {{1, 1}, {3, 8}, {4, 3}, {4, 6}, {5, 1}, {5, 14}, {5, 25}, {10, 3}};
  for (const auto& h : holidays) def.holidays.push_back({day(h[0], h[1]), day(h[0], h[1]), "Feiertag"});
  def.holidays.push_back({day(12, 25), t::LocalDate::from_ymd(2027, 1, 1), "Betriebsferien"});
  def.special_days.push_back({day(12, 24), {{8 * 60, 12 * 60}}});
  for (unsigned d : {10u, 17u}) def.make_up_days.push_back({day(1, d), std::nullopt, 1});
  def.make_up_days.push_back({day(12, 19), std::vector<t::WorkInterval>{{9 * 60, 13 * 60}}, 1});
  return def;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void print(const char* what, std::size_t calls, double seconds, double floor_seconds) {
  std::printf("  %-50s %12.0f calls/s  %7.1f ns/call", what, calls / seconds, seconds * 1e9 / calls);
  if (floor_seconds > 0) std::printf("  %5.2fx the floor", seconds / floor_seconds);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t calls = 2'000'000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--calls") == 0 && i + 1 < argc) {
      calls = std::strtoull(argv[++i], nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: %s [--calls N]\n", argv[0]);
      return 2;
    }
  }
  const t::WorkDefinition def = berlin_2026();
  auto start = Clock::now();
  const t::WorkCalendar calendar(def);
  const double build_seconds = seconds_since(start);

  std::mt19937_64 rng(42);
  const int64_t year_start = 1767222000000;  // 2026-01-01 00:00 CET
  std::vector<int64_t> instants(calls), minutes(calls);
  for (std::size_t i = 0; i < calls; ++i) {
    instants[i] = year_start + static_cast<int64_t>(rng() % (350ull * 86400000));
    minutes[i] = 1 + static_cast<int64_t>(rng() % (5 * 510));
  }

  // The floor: the local wall-clock time of each instant.
  const date::time_zone* zone = t::locate_zone(def.time_zone);
  int64_t sink = 0;
  start = Clock::now();
  for (std::size_t i = 0; i < calls; ++i)
    sink += zone->to_local(date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{instants[i]}})
                .time_since_epoch()
                .count();
  const double floor_seconds = seconds_since(start);

  start = Clock::now();
  for (std::size_t i = 0; i < calls; ++i) sink += calendar.add_minutes(instants[i], minutes[i]);
  const double add_seconds = seconds_since(start);

  start = Clock::now();
  for (std::size_t i = 0; i < calls; ++i) sink += calendar.business_ms_between(instants[i], instants[(i + 1) % calls]);
  const double between_seconds = seconds_since(start);

  start = Clock::now();
  for (std::size_t i = 0; i < calls; ++i) sink += calendar.is_working(instants[i]);
  const double working_seconds = seconds_since(start);

  std::printf("calendar_bench: %s (Europe/Berlin, 2 intervals a day, %zu holidays, %zu make-up days, 1 special day), "
              "%zu random instants in 2026\n",
              def.name.c_str(), def.holidays.size(), def.make_up_days.size(), calls);
  std::printf("  table for %d..%d built in %.1f ms\n", def.first_year, def.last_year, build_seconds * 1e3);
  print("floor: date/tz to_local of the instant", calls, floor_seconds, 0);
  print("add_minutes (1 min .. 5 business days)", calls, add_seconds, floor_seconds);
  print("business_ms_between (instants up to a year apart)", calls, between_seconds, floor_seconds);
  print("is_working", calls, working_seconds, floor_seconds);
  std::printf("  (checksum %lld: the results are used, so no loop is optimised away)\n", static_cast<long long>(sink));
  return 0;
}
