// kamhost's renderers of complaint tracking without a plugin (render/complaints.hpp, render/sla.hpp,
// render/format.hpp): JSON written by hand from kam/complaints.h's shapes, rendered for people.
// Instants are Asia/Shanghai local times (UTC+8): 2026-03-02 09:12 is 1772413920000.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>
#include <string>

#include "kamhost_svg_support.hpp"
#include "render/card.hpp"
#include "render/complaints.hpp"
#include "render/format.hpp"
#include "render/sla.hpp"

namespace {

using nlohmann::json;
using namespace kamhost;

constexpr int64_t kReceived = 1772413920000;  // 2026-03-02 09:12 in Shanghai
constexpr int64_t kMinute = 60'000, kHour = 60 * kMinute;

bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

template <class Render>
std::string rendered(Render render, const json& j) {
  std::ostringstream out;
  render(out, j);
  return out.str();
}

json item(const std::string& id, json members) {
  json i = {{"complaint_id", id}, {"account_id", "A1"}, {"account_name", "Alpha Industrial"}, {"tier", "gold"},
            {"priority", 3}, {"phase", "open"}, {"first_owner", "u.li"}, {"assignee", "q.tang"},
            {"department", "quality"}, {"received_at_ms", kReceived}, {"owner", true},
            {"assignee_is_employee", false}, {"clock", "first_response"}, {"has_target", true}, {"paused", false},
            {"deadline_ms", kReceived + 4 * kHour}, {"left_ms", 3 * kHour + 20 * kMinute}, {"warning", false},
            {"breached", false}, {"calendar", "china-office"}, {"time_zone", "Asia/Shanghai"}};
  for (auto it = members.begin(); it != members.end(); ++it) i[it.key()] = it.value();
  return i;
}

TEST(RenderFormat, BusinessTimeIsHoursAndMinutesNeverDays) {
  EXPECT_EQ(format_business(12'000'000), "3h 20m");
  EXPECT_EQ(format_business(2'700'000), "45m");
  EXPECT_EQ(format_business(7'200'000), "2h");
  EXPECT_EQ(format_business(0), "0m");
  EXPECT_EQ(format_business(59'999), "0m") << "rounded toward zero";
  EXPECT_EQ(format_business(-3'900'000), "-1h 5m");
  EXPECT_EQ(format_business(48 * kHour), "48h") << "two calendar days are not '2d' of business time";
  EXPECT_EQ(format_business(1234 * kHour + kMinute), "1,234h 1m");
  EXPECT_EQ(business_minutes_phrase(60), "1 business hour");
  EXPECT_EQ(business_minutes_phrase(1440), "24 business hours");
  EXPECT_EQ(business_minutes_phrase(30), "30 business minutes");
  EXPECT_EQ(business_minutes_phrase(1), "1 business minute");
  EXPECT_EQ(business_minutes_phrase(90), "1h 30m of business time");
  EXPECT_EQ(priority_name(1), "low");
  EXPECT_EQ(priority_name(4), "critical");
  EXPECT_EQ(priority_name(0), "-");
}

TEST(RenderComplaints, QueueMostUrgentFirstInTheCalendarsZone) {
  const json queue = {
      {"employee_id", "u.li"}, {"now_ms", kReceived + 5 * kHour + 5 * kMinute}, {"time_zone", "Asia/Shanghai"},
      {"truncated", true},
      {"complaints",
       json::array({item("CP-9", {{"breached", true}, {"warning", true}, {"left_ms", -(65 * kMinute)}}),
                    item("CP-2", {{"warning", true}, {"clock", "resolution"}, {"priority", 4}, {"left_ms", 30 * kMinute},
                                  {"deadline_ms", kReceived + 27 * kHour}}),
                    item("CP-3", {{"paused", true}, {"phase", "waiting"}, {"deadline_ms", nullptr}}),
                    item("CP-4", {{"time_zone", "Europe/Berlin"}, {"calendar", "berlin-office"}, {"tier", ""}}),
                    item("CP-5", {{"has_target", false}, {"deadline_ms", nullptr}, {"left_ms", nullptr}})})}};
  const std::string out = rendered(render_complaint_queue, queue);
  EXPECT_EQ(out.rfind("Queue of u.li at 2026-03-02 14:17 (Asia/Shanghai): 5 open complaints shown, more are open (--limit N)\n"
                      "1 breached, 1 warning\n\n",
                      0),
            0u)
      << out;
  const std::vector<std::string> lines = [&] {
    std::vector<std::string> v;
    std::istringstream in(out);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
  }();
  ASSERT_GE(lines.size(), 9u) << out;
  EXPECT_TRUE(std::regex_match(lines[3], std::regex("COMPLAINT +ACCOUNT +TIER +PRIORITY +CLOCK +DEADLINE \\(Asia/Shanghai\\) "
                                                    "+LEFT \\(business\\) +FIRST OWNER +ASSIGNEE +STATUS")))
      << lines[3];
  EXPECT_TRUE(std::regex_match(lines[4], std::regex("CP-9 +A1 Alpha Industrial +gold +high +first response +2026-03-02 13:12 "
                                                    "+1h 5m over +u.li +q.tang +BREACH")))
      << lines[4];
  EXPECT_TRUE(std::regex_match(lines[5], std::regex("CP-2 .* critical +resolution +2026-03-03 12:12 +30m +u.li +q.tang +warning")))
      << lines[5];
  EXPECT_TRUE(std::regex_match(lines[6], std::regex("CP-3 .* \\(paused\\) +3h 20m +u.li +q.tang +waiting on customer")))
      << lines[6];
  // Another calendar's zone is named after its deadline; no tier is "-".
  EXPECT_TRUE(std::regex_match(lines[7], std::regex("CP-4 +A1 Alpha Industrial +- +high +first response +2026-03-02 06:12 "
                                                    "Europe/Berlin +3h 20m .*")))
      << lines[7];
  EXPECT_TRUE(std::regex_match(lines[8], std::regex("CP-5 .* high +- +no target +- +u.li +q.tang")))
      << lines[8];
  EXPECT_TRUE(has(out, "LEFT is business time")) << out;

  const json empty = {{"employee_id", "u.x"}, {"now_ms", kReceived}, {"time_zone", "Asia/Shanghai"},
                      {"complaints", json::array()}, {"truncated", false}};
  EXPECT_EQ(rendered(render_complaint_queue, empty), "Queue of u.x at 2026-03-02 09:12 (Asia/Shanghai): 0 open complaints\n");
}

TEST(RenderComplaints, AccountComplaintsAndTheCardSection) {
  const json account = {{"account_id", "A1"}, {"now_ms", kReceived + kHour}, {"open_count", 2},
                        {"breached_open_count", 1},
                        {"open", json::array({item("CP-9", {{"breached", true}, {"left_ms", -kMinute}}), item("CP-2", {})})},
                        {"closed", json::array({item("CP-1", {{"phase", "closed"}, {"breached", true}})})}};
  const std::string out = rendered(render_account_complaints, account);
  EXPECT_TRUE(has(out, "Complaints of account A1 at 2026-03-02 10:12 (Asia/Shanghai): 2 open, 1 of them breached\n")) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\nCP-9 .* 1m over +u.li +q.tang +BREACH\n"))) << out;
  EXPECT_TRUE(has(out, "\nResolved and closed (newest first): 1\n")) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\nCP-1 +2026-03-02 09:12 +closed +high +u.li +q.tang +BREACH\n"))) << out;

  // The card: its complaints member (1.3), targets in business hours, never days.
  json card = {{"account_id", "A1"}, {"name", "Alpha Industrial"}, {"business_time_zone", "Asia/Shanghai"},
               {"tier", {{"name", "gold"}, {"label", "Gold"}}},
               {"benefits", {{"first_response_target_minutes", 60}, {"resolution_target_minutes", 1440}}},
               {"metrics", {{"reporting_currency", "CNY"}, {"reporting_currency_digits", 2}}},
               {"complaints", {{"open_count", 3}, {"breached_open_count", 1}, {"open", account["open"]}}}};
  const std::string shown = rendered(render_card, card);
  EXPECT_TRUE(has(shown, "  first response within 1 business hour, resolution within 24 business hours\n")) << shown;
  EXPECT_FALSE(has(shown, "1d")) << shown;
  EXPECT_TRUE(has(shown, "\nComplaints\n  3 open, 1 of them breached (the 2 most urgent below)\n  COMPLAINT ")) << shown;
  EXPECT_TRUE(std::regex_search(shown, std::regex("\n  CP-9 .*BREACH\n  CP-2 "))) << shown;
  card["complaints"] = {{"open_count", 0}, {"breached_open_count", 0}, {"open", json::array()}};
  EXPECT_TRUE(has(rendered(render_card, card), "\nComplaints\n  none open\n"));
  card.erase("complaints");
  EXPECT_FALSE(has(rendered(render_card, card), "Complaints")) << "a 1.2 card has no complaints member";
}

TEST(RenderComplaints, TimelineClocksLedgerAndEscalations) {
  const int64_t fr_deadline = kReceived + 4 * kHour;  // 13:12, the lunch hour is 12-13 in the fixture's eyes only
  const json c = {
      {"complaint_id", "CP-9"}, {"account_id", "A1"}, {"account_name", "Alpha Industrial"}, {"tier", "gold"},
      {"priority", 3}, {"phase", "waiting"}, {"first_owner", "u.li"}, {"assignee", "q.tang"},
      {"department", "quality"}, {"received_at_ms", kReceived}, {"now_ms", kReceived + 30 * kHour},
      {"calendar", "china-office"}, {"time_zone", "Asia/Shanghai"},
      {"clocks",
       json::array({{{"clock", "first_response"}, {"target_ms", 4 * kHour}, {"generation", 1}, {"active", false},
                     {"paused", false}, {"stopped_at_ms", fr_deadline + 65 * kMinute}, {"elapsed_ms", 5 * kHour + 5 * kMinute},
                     {"paused_ms", 0}, {"left_ms", -(65 * kMinute)}, {"deadline_ms", fr_deadline},
                     {"breached_at_ms", fr_deadline}, {"breach_by_ms", 65 * kMinute},
                     {"warnings", json::array({{{"bp", 7500}, {"reached_at_ms", kReceived + 3 * kHour}}})}},
                    {{"clock", "resolution"}, {"target_ms", 24 * kHour}, {"generation", 2}, {"active", true},
                     {"paused", true}, {"stopped_at_ms", nullptr}, {"elapsed_ms", 6 * kHour}, {"paused_ms", 2 * kHour + 30 * kMinute},
                     {"left_ms", 18 * kHour}, {"deadline_ms", nullptr}, {"breached_at_ms", nullptr}, {"breach_by_ms", 0},
                     {"warnings", json::array({{{"bp", 7500}, {"reached_at_ms", nullptr}}})}}})},
      {"ledger",
       json::array({{{"seq", 1}, {"at_ms", kReceived}, {"kind", "received"}, {"who", "u.li"}, {"to_employee", ""},
                     {"to_department", ""}, {"priority", 3}, {"counts", false}, {"calendar", ""}, {"event_id", "e1"}},
                    {{"seq", 2}, {"at_ms", kReceived + kMinute}, {"kind", "responded"}, {"who", "u.li"}, {"to_employee", ""},
                     {"to_department", ""}, {"priority", 0}, {"counts", false}, {"calendar", ""}, {"event_id", "e2"}},
                    {{"seq", 3}, {"at_ms", kReceived + kHour}, {"kind", "handed_off"}, {"who", "u.li"},
                     {"to_employee", "q.tang"}, {"to_department", "quality"}, {"priority", 0}, {"counts", false},
                     {"calendar", ""}, {"event_id", "e3"}}})},
      {"escalations",
       json::array({{{"key", "CP-9/first_response/1/g1"}, {"kind", "breach"}, {"clock", "first_response"}, {"step", 1},
                     {"generation", 1}, {"due_at_ms", fr_deadline}, {"created_at_ms", fr_deadline + 2 * kMinute},
                     {"employees", json::array({"u.sun"})}, {"roles", json::array({"director"})},
                     {"unresolved", json::array()}}})}};
  const std::string out = rendered(render_complaint_timeline, c);
  EXPECT_EQ(out.rfind("Complaint CP-9 of Alpha Industrial (A1)\n", 0), 0u) << out;
  for (const char* piece :
       {"  state           open, waiting on the customer (the clocks are paused)\n",
        "  first owner     u.li (accountable until it is closed)\n", "  assignee        q.tang, department quality\n",
        "  received        2026-03-02 09:12\n", "  calendar        china-office (times below are Asia/Shanghai)\n",
        "\nClocks (business time)\n",
        "  warnings of first response: 75% reached 2026-03-02 12:12\n",
        "  warnings of resolution: 75% not yet\n",
        "\nLedger (append-only; every deadline above is derived from it)\n",
        "\nEscalations sent\n"})
    EXPECT_TRUE(has(out, piece)) << piece << "\n" << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\n  first response +4h +5h 5m +0m +1h 5m over +2026-03-02 13:12 +1 +"
                                                "BREACHED at 2026-03-02 13:12, over by 1h 5m; stopped at 2026-03-02 14:17\n")))
      << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\n  resolution +24h +6h +2h 30m +18h +\\(paused\\) +2 +paused \\(waiting on the customer\\)\n")))
      << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\n +1 +2026-03-02 09:12 +received +u.li +priority high, event e1\n"))) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\n +2 +2026-03-02 09:13 +responded +u.li +not a first response"))) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\n +3 +2026-03-02 10:12 +handed_off +u.li +to q.tang \\(quality\\), event e3\n"))) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\n  breach +first response +2026-03-02 13:12 +2026-03-02 13:14 +u.sun, role director "
                                                "+CP-9/first_response/1/g1\n")))
      << out;
}

json kpi_row(const std::string& group, int complaints, json compliance, int on_time, int decided, json fr_median, int breaches) {
  return {{"group", group}, {"complaints", complaints}, {"first_response_decided", decided},
          {"first_response_on_time", on_time}, {"compliance_bp", compliance}, {"first_response_median_ms", fr_median},
          {"first_response_p90_ms", fr_median.is_null() ? json(nullptr) : json(2 * kHour)},
          {"resolution_median_ms", 12'000'000}, {"resolution_p90_ms", 30 * kHour}, {"breaches", breaches},
          {"resolved", 4}, {"reopened", 1}, {"reopen_rate_bp", 2500}};
}

TEST(RenderSla, TableAndChart) {
  const json kpis = {{"group_by", "tier"}, {"from_ms", 1767196800000}, {"to_ms", 1796054400000},  // 2026-01-01 .. 2026-12-01 +08
                     {"time_zone", "Asia/Shanghai"},
                     {"rows", json::array({kpi_row("gold", 6, 7500, 3, 4, 40 * kMinute, 2),
                                           kpi_row("platinum", 3, 10000, 3, 3, 20 * kMinute, 0),
                                           kpi_row("", 1, nullptr, 0, 0, nullptr, 0)})},
                     {"total", kpi_row("", 10, 8571, 6, 7, 30 * kMinute, 2)}};
  std::ostringstream table;
  render_sla_table(table, kpis);
  const std::string out = table.str();
  EXPECT_EQ(out.rfind("SLA by tier: complaints received 2026-01-01 to 2026-12-01 (Asia/Shanghai, the end excluded)\n\n", 0), 0u)
      << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\nTIER +COMPLAINTS +FIRST RESPONSE ON TIME +FR MEDIAN +FR P90 +RES MEDIAN "
                                                "+RES P90 +BREACHES +REOPENED\n")))
      << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\ngold +6 +75\\.00% \\(3/4\\) +40m +2h +3h 20m +30h +2 +25\\.00% \\(1/4\\)\n"))) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\nplatinum +3 +100\\.00% \\(3/3\\) +20m "))) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\n\\(no tier\\) +1 +- +- +- +3h 20m "))) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\ntotal +10 +85\\.71% \\(6/7\\) +30m +2h "))) << out;
  EXPECT_TRUE(has(out, "business time")) << out;

  const std::string svg = sla_svg(kpis);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(kamhost_test::xml_problem(svg), "") << svg;
  std::size_t bars = 0;
  for (std::size_t at = svg.find("class=\"bar\""); at != std::string::npos; at = svg.find("class=\"bar\"", at + 1)) ++bars;
  EXPECT_EQ(bars, 2u) << "a bar per group with a decided first response";
  EXPECT_TRUE(has(svg, "First-response compliance by tier")) << svg;
  EXPECT_TRUE(has(svg, ">75%</text>")) << svg;
  EXPECT_TRUE(has(svg, ">none decided</text>")) << svg;
  EXPECT_TRUE(has(svg, ">(no tier)</text>")) << svg;
  EXPECT_TRUE(has(svg, "overall 85.71%")) << svg;
  // 75 % of the 340-high plot that ends at y = 410: the bar starts at 410 - 255 = 155.
  EXPECT_TRUE(has(svg, "y=\"155.00\" width=\"60.00\" height=\"255.00\" fill=\"#e0a100\"")) << svg;

  // Names are escaped in the chart; one row for all when not grouped.
  const json owners = {{"group_by", "owner"}, {"from_ms", 0}, {"to_ms", 86'400'000}, {"time_zone", "UTC"},
                       {"rows", json::array({kpi_row("u.<li>&", 1, 10000, 1, 1, kMinute, 0)})},
                       {"total", kpi_row("", 1, 10000, 1, 1, kMinute, 0)}};
  const std::string owner_svg = sla_svg(owners);
  EXPECT_EQ(kamhost_test::xml_problem(owner_svg), "") << owner_svg;
  EXPECT_TRUE(has(owner_svg, "u.&lt;li&gt;&amp;")) << owner_svg;
  std::ostringstream all;
  render_sla_table(all, {{"group_by", "all"}, {"from_ms", 0}, {"to_ms", 86'400'000}, {"time_zone", "UTC"},
                         {"rows", json::array({kpi_row("", 1, 10000, 1, 1, kMinute, 0)})}, {"total", kpi_row("", 1, 10000, 1, 1, kMinute, 0)}});
  EXPECT_TRUE(has(all.str(), "SLA: complaints received 1970-01-01 to 1970-01-02 (UTC, the end excluded)\n")) << all.str();
  EXPECT_FALSE(has(all.str(), "\ntotal ")) << "one row for all is the total";
}

}  // namespace
