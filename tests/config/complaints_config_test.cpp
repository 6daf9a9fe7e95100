// complaints_config_test.cpp - the complaints section: the shipped example read into the core's
// target and escalation types, the benefits cards filled from the targets (the one source of the
// response times), the documented precedence through the loaded targets, hand-computed deadlines and
// escalations for platinum complaints received before the Spring Festival, the other value forms,
// and several errors in one load. The single diagnostic of each broken file is in
// bad_config_test.cpp (tests/config/bad/complaints_*.yaml).
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "core/complaints/escalation.hpp"
#include "core/complaints/lifecycle.hpp"
#include "core/complaints/record.hpp"

namespace kam::config {
namespace {

namespace c = core::complaints;
namespace tm = core::time;

// UTC milliseconds of a wall-clock reading in Asia/Shanghai (UTC+8 all year), 2026.
int64_t cst(unsigned month, unsigned day, int hour, int minute = 0) {
  const int64_t minutes =
      int64_t{tm::LocalDate::from_ymd(2026, month, day).days_since_epoch} * 1440 + hour * 60 + minute - 8 * 60;
  return minutes * 60000;
}

TEST(ComplaintsConfig, ExampleSectionReadsIntoTheCoreTypes) {
  const Config cfg = load_config_file(KAM_EXAMPLE_CONFIG);
  const ComplaintsConfig& s = cfg.complaints;
  EXPECT_EQ(s.calendar, "china-office");
  ASSERT_EQ(s.targets.size(), 6u);
  const c::Target& critical = s.targets[1];
  EXPECT_EQ(critical.tier, "platinum");
  EXPECT_EQ(critical.priority, 4);
  EXPECT_EQ(critical.calendar, "china-office");
  EXPECT_EQ(critical.first_response_minutes, 30);
  EXPECT_EQ(critical.resolution_minutes, 8 * 60);
  EXPECT_EQ(critical.warning_bp, (std::vector<int32_t>{5000, 7500}));
  EXPECT_EQ(s.targets[0].warning_bp, std::vector<int32_t>{7500});  // the default
  const c::Target& fallback = s.targets[5];
  EXPECT_EQ(fallback.tier, "");
  EXPECT_EQ(fallback.priority, 0);
  EXPECT_EQ(fallback.resolution_minutes, 80 * 60);

  ASSERT_EQ(s.escalation.size(), 5u);
  const c::EscalationStep& warn = s.escalation[0];
  EXPECT_EQ(warn.name, "first_response 75%");
  EXPECT_EQ(warn.clock, c::ClockKind::first_response);
  EXPECT_EQ(warn.at_bp, 7500);
  EXPECT_EQ(warn.after_minutes, 0);
  ASSERT_EQ(warn.to.size(), 2u);
  EXPECT_EQ(warn.to[0].kind, c::RecipientKind::owner);
  EXPECT_EQ(warn.to[1].kind, c::RecipientKind::assignee);
  EXPECT_EQ(s.escalation[1].name, "first_response breach");
  EXPECT_EQ(s.escalation[1].to[0].kind, c::RecipientKind::owner_manager);
  const c::EscalationStep& director = s.escalation[2];
  EXPECT_EQ(director.name, "director");
  EXPECT_EQ(director.at_bp, 10000);
  EXPECT_EQ(director.after_minutes, 240);
  ASSERT_EQ(director.to.size(), 1u);
  EXPECT_EQ(director.to[0].kind, c::RecipientKind::role);
  EXPECT_EQ(director.to[0].role, "director");
  EXPECT_EQ(s.escalation[4].clock, c::ClockKind::resolution);
}

// One source of truth: the benefits card names the target a complaint of unspecified priority gets.
TEST(ComplaintsConfig, BenefitsCardsShowTheTargetOfUnspecifiedPriority) {
  const Config cfg = load_config_file(KAM_EXAMPLE_CONFIG);
  ASSERT_EQ(cfg.tiers.levels.size(), 4u);
  const std::pair<int64_t, int64_t> expected[] = {{2 * 60, 16 * 60}, {4 * 60, 24 * 60}, {8 * 60, 40 * 60}, {16 * 60, 80 * 60}};
  for (std::size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(cfg.tiers.levels[i].name);
    EXPECT_EQ(cfg.tiers.levels[i].benefits.first_response_target_minutes, expected[i].first);
    EXPECT_EQ(cfg.tiers.levels[i].benefits.resolution_target_minutes, expected[i].second);
  }
  EXPECT_EQ(cfg.tiers.levels[0].benefits.hotline, "+86 400 800 1000");  // the rest of the card is as written

  // A target with only one clock names only that one; a tier no target applies to names none.
  const Config partial = load_config_text(R"(kam: 1
calendars: {office: {time_zone: UTC, 24x7: true}}
tiers:
  levels:
    - {name: gold, rule: {all: [{flag: gold}]}}
    - {name: standard, default: true}
complaints:
  calendar: office
  targets: [{tier: gold, first_response: 90m}]
)",
                                          "k");
  EXPECT_EQ(partial.tiers.levels[0].benefits.first_response_target_minutes, 90);
  EXPECT_EQ(partial.tiers.levels[0].benefits.resolution_target_minutes, std::nullopt);
  EXPECT_EQ(partial.tiers.levels[1].benefits.first_response_target_minutes, std::nullopt);
}

TEST(ComplaintsConfig, PrecedenceThroughTheLoadedTargets) {
  const Config cfg = load_config_file(KAM_EXAMPLE_CONFIG);
  struct Case {
    const char* tier;
    int32_t priority;
    int64_t first_response;
  } cases[] = {
      {"platinum", 4, 30},       // tier and priority beat the tier alone
      {"platinum", 3, 2 * 60},   // the tier's own
      {"platinum", 0, 2 * 60},   // unspecified priority: the tier's own
      {"gold", 4, 60},
      {"silver", 4, 8 * 60},
      {"standard", 4, 16 * 60},  // the default
      {"standard", 0, 16 * 60},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(std::string(k.tier) + " " + std::to_string(k.priority));
    const auto t = c::match_target(cfg.complaints.targets, k.tier, k.priority);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->first_response_minutes, k.first_response);
  }
}

// The ledger a complaint gets when OPENED with the loaded config's targets.
c::Ledger opened(const Config& cfg, int64_t at_ms, int32_t priority) {
  c::Step step;
  step.complaint_id = "C-1";
  step.at_ms = at_ms;
  step.action = c::Action::opened;
  step.employee_id = "e-li";
  step.department = "service";
  step.priority = priority;
  step.account_id = "ACME";
  step.tier = "platinum";
  const c::StepOutcome out = c::apply_step(c::ComplaintState{}, step, c::SlaSetup{cfg.complaints.targets, {}});
  EXPECT_FALSE(out.rejected) << *out.rejected;
  return out.appended;
}

// China 2026 (docs/calendars.md): Mon-Fri 09:00-12:00, 13:00-18:00; Sat 2/14 is a make-up working
// day (Monday's hours); the Spring Festival holiday is Sun 2/15 .. Mon 2/23.
TEST(ComplaintsConfig, PlatinumComplaintBeforeTheSpringFestivalHandComputed) {
  const Config cfg = load_config_file(KAM_EXAMPLE_CONFIG);
  const c::Calendars calendars{{"china-office", *cfg.calendars.find("china-office")}};
  const int64_t received = cst(2, 13, 17);  // Fri 17:00

  // Unspecified priority: 2h first response, 16h resolution.
  const c::Ledger ledger = opened(cfg, received, 0);
  const c::ComplaintRecord r = c::derive_record("C-1", ledger, calendars, cst(2, 25, 9));
  // 17-18 (1h), Sat 09-10 (1h); the 75% warning after 90 minutes: Sat 09:30.
  EXPECT_EQ(r.first_response.deadline_ms, cst(2, 14, 10));
  ASSERT_EQ(r.first_response.warnings.size(), 1u);
  ASSERT_TRUE(r.first_response.warnings[0]);
  EXPECT_EQ(r.first_response.warnings[0]->at_ms, cst(2, 14, 9, 30));
  // 1h Fri + 8h Sat = 9h; nothing 2/15..2/23; Tue 2/24 09-12 (12h), 13-17 (16h).
  EXPECT_EQ(r.resolution.deadline_ms, cst(2, 24, 17));
  ASSERT_TRUE(r.resolution.breached);
  EXPECT_EQ(r.resolution.breached->at_ms, cst(2, 24, 17));

  // The example chain: the director 4 business hours after the first-response breach: Sat 10-12,
  // 13-15. Not due a millisecond before; due with the role at that instant.
  const c::ComplaintState state = c::replay(ledger);
  const std::vector<c::Clock> clocks{c::Clock(ledger, c::ClockKind::first_response, calendars),
                                     c::Clock(ledger, c::ClockKind::resolution, calendars)};
  const c::OrgFacts org{{"e-li", {"e-wang", "service"}}};
  const auto before = c::due_escalations("C-1", state, clocks, cfg.complaints.escalation, org, cst(2, 14, 15) - 1);
  ASSERT_EQ(before.size(), 2u);  // the warning (Sat 09:30) and the breach (Sat 10:00)
  EXPECT_EQ(before[0].due_at_ms, cst(2, 14, 9, 30));
  EXPECT_EQ(before[0].employees, (std::vector<std::string>{"e-li"}));  // owner and assignee: one person
  EXPECT_EQ(before[1].due_at_ms, cst(2, 14, 10));
  EXPECT_EQ(before[1].employees, std::vector<std::string>{"e-wang"});
  const auto at = c::due_escalations("C-1", state, clocks, cfg.complaints.escalation, org, cst(2, 14, 15));
  ASSERT_EQ(at.size(), 3u);
  EXPECT_EQ(at[2].key, "C-1/first_response/2/g1");
  EXPECT_EQ(at[2].kind, c::NotifyKind::breach);
  EXPECT_EQ(at[2].due_at_ms, cst(2, 14, 15));
  EXPECT_EQ(at[2].roles, std::vector<std::string>{"director"});

  // Critical: 30m first response (Fri 17:30); 8h resolution: Fri 1h, Sat 09-12, 13-17.
  const c::ComplaintRecord critical = c::derive_record("C-1", opened(cfg, received, 4), calendars, cst(2, 25, 9));
  EXPECT_EQ(critical.first_response.deadline_ms, cst(2, 13, 17, 30));
  EXPECT_EQ(critical.resolution.deadline_ms, cst(2, 14, 17));
}

TEST(ComplaintsConfig, EveryValueForm) {
  const Config cfg = load_config_text(R"(kam: 1
calendars:
  office: {time_zone: UTC, 24x7: true}
  berlin: {time_zone: Europe/Berlin, hours: {weekdays: ["09:00-17:00"]}}
complaints:
  targets:
    - {priority: 1, calendar: office, resolution: 90m, warnings: []}
    - {tier: standard, priority: low, calendar: berlin, first_response: 45m, resolution: 90m, warnings: ["50%", "87.5%"]}
  escalation:
    - {clock: resolution, at: "87.5%", to: [assignee_manager, {role: duty-manager}, assignee]}
    - {clock: resolution, at: "100%", after: 90m, to: [owner]}
)",
                                      "k");
  const ComplaintsConfig& s = cfg.complaints;
  EXPECT_EQ(s.calendar, "");  // every target names its own
  ASSERT_EQ(s.targets.size(), 2u);
  EXPECT_EQ(s.targets[0].priority, 1);
  EXPECT_EQ(s.targets[0].calendar, "office");
  EXPECT_EQ(s.targets[0].first_response_minutes, 0);  // no first-response clock
  EXPECT_TRUE(s.targets[0].warning_bp.empty());
  EXPECT_EQ(s.targets[1].tier, "standard");
  EXPECT_EQ(s.targets[1].priority, 1);
  EXPECT_EQ(s.targets[1].calendar, "berlin");
  EXPECT_EQ(s.targets[1].warning_bp, (std::vector<int32_t>{5000, 8750}));
  ASSERT_EQ(s.escalation.size(), 2u);
  EXPECT_EQ(s.escalation[0].name, "resolution 87.5%");
  ASSERT_EQ(s.escalation[0].to.size(), 3u);
  EXPECT_EQ(s.escalation[0].to[0].kind, c::RecipientKind::assignee_manager);
  EXPECT_EQ(s.escalation[0].to[1].role, "duty-manager");
  EXPECT_EQ(s.escalation[0].to[2].kind, c::RecipientKind::assignee);
  EXPECT_EQ(s.escalation[1].name, "resolution breach + 90m");  // 100% is the breach
  EXPECT_EQ(s.escalation[1].at_bp, 10000);
  EXPECT_EQ(s.escalation[1].after_minutes, 90);

  const Config none = load_config_text("kam: 1\n", "k");
  EXPECT_TRUE(none.complaints.targets.empty());
  EXPECT_TRUE(none.complaints.escalation.empty());
}

TEST(ComplaintsConfig, CheckEveryIsADurationOfAtLeastOneMinute) {
  EXPECT_EQ(load_config_text("kam: 1\n", "k").complaints.check_every_minutes, 1);  // the default
  EXPECT_EQ(load_config_text("kam: 1\ncomplaints: {check_every: 5m}\n", "k").complaints.check_every_minutes, 5);
  EXPECT_EQ(load_config_text("kam: 1\ncomplaints: {check_every: 2h}\n", "k").complaints.check_every_minutes, 120);
  try {
    load_config_text("kam: 1\ncomplaints: {check_every: 0m}\n", "k.yaml");
    FAIL() << "loaded";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "k.yaml:2:27: complaints.check_every: expected a duration like 30m, 4h, 2d or 1w "
                                     "(up to 3650d), got \"0m\"");
  }
  try {
    load_config_text("kam: 1\ncomplaints: {check_every: soon}\n", "k.yaml");
    FAIL() << "loaded";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "k.yaml:2:27: complaints.check_every: expected a duration like 30m, 4h, 2d or 1w "
                                     "(up to 3650d), got \"soon\"");
  }
}

// Every value error of the section at once. The core's checks of the target list (here: the unknown
// tier 'gold') run only when every target could be read: a tie or duplicate found in a partial list
// would only mislead.
TEST(ComplaintsConfig, EveryErrorOfOneLoadIsReported) {
  try {
    load_config_text(R"(kam: 1
calendars: {office: {time_zone: UTC, 24x7: true}}
complaints:
  calendar: office
  targets:
    - {tier: gold, first_response: 1h}
    - {priority: 5, first_response: 1h}
  escalation:
    - {clock: first_reponse, at: breach, to: [owner]}
    - {clock: resolution, at: "0%", to: [{role: ""}]}
)",
                     "k.yaml");
    FAIL() << "loaded";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "k.yaml:7:18: complaints.targets[1].priority: expected a priority: low, normal, high, critical (or "
              "its code 1..4), got 5\n"
              "k.yaml:9:15: complaints.escalation[0].clock: expected one of first_response, resolution, got "
              "\"first_reponse\"; did you mean 'first_response'?\n"
              "k.yaml:10:31: complaints.escalation[1].at: expected breach or a fraction of the target like "
              "\"12.5%\" in 0.01%..100%, got \"0%\"\n"
              "k.yaml:10:49: complaints.escalation[1].to[0].role: expected a role name, got \"\"");
  }
}

// A target naming a tier the tiers section refused gets no second error: the tier's own is enough.
TEST(ComplaintsConfig, ATierRefusedByItsSectionIsNotReportedAgain) {
  try {
    load_config_text(R"(kam: 1
calendars: {office: {time_zone: UTC, 24x7: true}}
tiers:
  levels:
    - {name: gold, rule: {all: [{metric: revenu, op: ">", value: 0}]}}
    - {name: standard, default: true}
complaints:
  calendar: office
  targets: [{tier: gold, first_response: 1h}]
)",
                     "k.yaml");
    FAIL() << "loaded";
  } catch (const ConfigError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u) << e.what();
    EXPECT_EQ(e.diagnostics()[0].line, 5);
  }
}

}  // namespace
}  // namespace kam::config
