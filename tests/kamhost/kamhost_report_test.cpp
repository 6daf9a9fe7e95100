// kamhost account show and report pareto (ABI 1.1) on the tier fixture (kamhost_tiers_fixture.hpp):
// the card in words, the Pareto table, the "N of M" line and the SVG chart.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <regex>
#include <vector>

#include "kamhost_svg_support.hpp"
#include "kamhost_tiers_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using namespace kamhost_test;
using nlohmann::json;

// The value of attribute `name` of the first <tag ...> in svg, or "" when there is none. A plain
// search: std::regex recurses per character and overflows the stack on a big chart's points.
std::string attribute(const std::string& svg, const std::string& tag, const std::string& name) {
  const std::size_t start = svg.find("<" + tag + " ");
  if (start == std::string::npos) return "";
  const std::size_t end = svg.find('>', start);
  const std::size_t at = svg.find(" " + name + "=\"", start);
  if (at == std::string::npos || at > end) return "";
  const std::size_t value = at + name.size() + 3;
  return svg.substr(value, svg.find('"', value) - value);
}

// account show
// ---------------------------------------------------------------------------------------------------

TEST_F(KamhostTiersTest, AccountShowPrintsTheCard) {
  ASSERT_EQ(with_config({"tiers", "evaluate"}).exit, 0);
  const json a1 = card("A1");
  EXPECT_EQ(a1.at("account_id"), "A1");
  EXPECT_EQ(a1.at("metrics").at("revenue"), 50'000'000);
  const std::string explanation = a1.at("explanation").get<std::string>();
  EXPECT_TRUE(contains(explanation, "Platinum")) << explanation;
  EXPECT_TRUE(contains(explanation, "500,000.00")) << explanation;
  EXPECT_TRUE(contains(explanation, "400,000.00")) << explanation;

  Result r = with_config({"account", "show", "A1"});
  EXPECT_EQ(r.exit, 0) << r;
  EXPECT_EQ(r.out.rfind("Alpha Industrial (A1)\n", 0), 0u) << r;
  const std::string since = utc_date(a1.at("tier").at("since_ms").get<int64_t>());
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  tier +Platinum since " + since + " \\(key account\\)\n"))) << r;
  for (const char* piece : {"\nBenefits\n", "  a dedicated account manager\n", "  hotline +86 400 800 1000\n",
                            "  first response within 1 business hour, resolution within 24 business hours\n", "  discount authority up to 12.5%\n",
                            "  a visit every 30 days\n", "  engineer pool: senior\n", "\nKey metrics (trailing 365 days, CNY)\n"})
    EXPECT_TRUE(contains(r.out, piece)) << piece << "\n" << r;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  revenue +CNY 500,000\\.00"))) << r;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  margin +CNY 100,000\\.00"))) << r;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  orders +2\n"))) << r;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  last order +10 days ago\n"))) << r;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  revenue share +50%\n"))) << r;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  Pareto +rank 1"))) << r;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  lifetime value +CNY [0-9,]+\\.[0-9]{2}\n"))) << r;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  churn risk +"))) << r;
  // The explanations verbatim, each line indented.
  EXPECT_TRUE(contains(r.out, "\nWhy this tier\n  " + explanation.substr(0, explanation.find('\n')))) << r;
  const std::string churn_explanation = a1.value("churn_explanation", "");
  if (!churn_explanation.empty()) {
    EXPECT_TRUE(contains(r.out, "\nWhy this churn risk\n  " + churn_explanation.substr(0, churn_explanation.find('\n')))) << r;
  }
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\nHistory \\(newest first\\)\n  SINCE +TIER +REASON"))) << r;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  " + since + " +platinum +"))) << r;

  // The default tier has no benefits to list; an account manager (tiers.read) may read the card.
  Result a4 = with_config({"account", "show", "A4", "--user", "u.am", "--role", "account_manager"});
  EXPECT_EQ(a4.exit, 0) << a4;
  EXPECT_TRUE(std::regex_search(a4.out, std::regex("\n  tier +Standard since "))) << a4;
  EXPECT_FALSE(contains(a4.out, "(key account)")) << a4;
  EXPECT_TRUE(contains(a4.out, "\nBenefits\n  none beyond the standard service\n")) << a4;
  EXPECT_TRUE(std::regex_search(a4.out, std::regex("\n  revenue +CNY 50,000\\.00"))) << a4;

  // A history: A3 moves up from silver to gold.
  import_lines("more.jsonl", order_line("SO-6", "A3", 10'000'000, 1));
  ASSERT_EQ(with_config({"tiers", "evaluate"}).exit, 0);
  Result a3 = with_config({"account", "show", "A3"});
  EXPECT_TRUE(std::regex_search(a3.out, std::regex("\n  tier +Gold since "))) << a3;
  EXPECT_TRUE(std::regex_search(a3.out, std::regex("\n  [0-9-]{10} +silver -> gold +"))) << a3;
  EXPECT_TRUE(contains(a3.out, "  first response within 4 business hours, resolution within 48 business hours\n")) << a3;
  EXPECT_TRUE(contains(a3.out, "  discount authority up to 10%\n")) << a3;
  EXPECT_TRUE(contains(a3.out, "  a visit every 90 days\n")) << a3;
}

TEST_F(KamhostTiersTest, OverrideSetAndClear) {
  ASSERT_EQ(with_config({"tiers", "evaluate"}).exit, 0);
  Result set = with_config({"tiers", "override", "set", "A4", "gold", "--reason", "strategic pilot", "--until", "+30d",
                            "--user", "u.boss"});
  EXPECT_EQ(set.exit, 0) << set;
  EXPECT_TRUE(std::regex_search(set.out, std::regex("^override set: account A4 is gold until [0-9-]{10} [0-9:]{5} \\([0-9]+\\)\n$")))
      << set;
  const json a4 = card("A4");
  EXPECT_EQ(a4.at("tier").at("name"), "gold");
  EXPECT_EQ(a4.at("tier").at("overridden"), true);
  ASSERT_TRUE(a4.at("override").is_object()) << a4.dump(2);
  const int64_t until = a4.at("override").at("expires_at_ms").get<int64_t>();
  EXPECT_NEAR(static_cast<double>(until - now_ms()), 30.0 * 86'400'000, 600'000.0);
  Result shown = with_config({"account", "show", "A4"});
  EXPECT_TRUE(std::regex_search(shown.out, std::regex("\n  tier +Gold since "))) << shown;
  EXPECT_TRUE(contains(shown.out, "overridden to gold by u.boss until " + utc_date(until) + " (reason: strategic pilot)"))
      << shown;
  EXPECT_TRUE(std::regex_search(shown.out, std::regex("\n  rules give +standard\n"))) << shown;

  // The override replaces one in force; a date means the start of that local day.
  Result date = with_config({"tiers", "override", "set", "A4", "silver", "--reason", "step down", "--until", "2099-01-31"});
  EXPECT_EQ(date.exit, 0) << date;
  EXPECT_TRUE(contains(date.out, "until 2099-01-31 00:00 (4073500800000)")) << date;
  EXPECT_EQ(card("A4").at("override").at("expires_at_ms"), 4073500800000);

  Result clear = with_config({"tiers", "override", "clear", "A4", "--reason", "pilot ended"});
  EXPECT_EQ(clear.exit, 0) << clear;
  EXPECT_EQ(clear.out, "override cleared: account A4 follows its rules again\n") << clear;
  Result after = with_config({"account", "show", "A4"});
  EXPECT_TRUE(std::regex_search(after.out, std::regex("\n  tier +Standard since "))) << after;
  EXPECT_FALSE(contains(after.out, "overridden")) << after;
  EXPECT_FALSE(card("A4").at("tier").at("overridden").get<bool>());

  // Nothing to clear now; an unknown tier; a time in the past is for the plugin to refuse.
  Result none = with_config({"tiers", "override", "clear", "A4", "--reason", "again"});
  EXPECT_EQ(none.exit, 1) << none;
  EXPECT_TRUE(contains(none.err, "KAM_ERR_NOT_FOUND")) << none;
  Result bad_tier = with_config({"tiers", "override", "set", "A4", "diamond", "--reason", "x", "--until", "+1d"});
  EXPECT_EQ(bad_tier.exit, 1) << bad_tier;
  EXPECT_TRUE(contains(bad_tier.err, "KAM_ERR_NOT_FOUND")) << bad_tier;
  EXPECT_TRUE(contains(bad_tier.err, "diamond")) << bad_tier;
  Result past = with_config({"tiers", "override", "set", "A4", "gold", "--reason", "x", "--until", "2001-01-01"});
  EXPECT_EQ(past.exit, 1) << past;

  // Both changes are in the audit trail with their reasons.
  const std::string audit = with_config({"audit", "--json", "--limit", "50"}).out;
  EXPECT_TRUE(contains(audit, "strategic pilot")) << audit;
  EXPECT_TRUE(contains(audit, "pilot ended")) << audit;
}

// ---------------------------------------------------------------------------------------------------
// report pareto
// ---------------------------------------------------------------------------------------------------

TEST_F(KamhostTiersTest, ParetoTableLineAndSvg) {
  Result r = with_config({"report", "pareto", "--svg", "pareto.svg"});
  EXPECT_EQ(r.exit, 0) << r;
  const auto rows = lines_of(r.out);
  ASSERT_GE(rows.size(), 6u) << r;
  EXPECT_TRUE(std::regex_match(rows[0], std::regex("RANK +ACCOUNT +NAME +REVENUE \\(CNY\\) +SHARE +CUMULATIVE +TOP"))) << rows[0];
  EXPECT_TRUE(std::regex_match(rows[1], std::regex(" *1 +A1 +Alpha Industrial +500,000\\.00 +50\\.00% +50\\.00% +\\*"))) << rows[1];
  EXPECT_TRUE(std::regex_match(rows[2], std::regex(" *2 +A2 +Beta & Sons +300,000\\.00 +30\\.00% +80\\.00% +\\*"))) << rows[2];
  EXPECT_TRUE(std::regex_match(rows[3], std::regex(" *3 +A3 +Gamma Trading +150,000\\.00 +15\\.00% +95\\.00%"))) << rows[3];
  EXPECT_TRUE(std::regex_match(rows[4], std::regex(" *4 +A4 +Delta Shop +50,000\\.00 +5\\.00% +100\\.00%"))) << rows[4];
  EXPECT_EQ(rows[5], "2 of 4 accounts make 80.00% of revenue") << r;
  EXPECT_TRUE(contains(r.out, "\ntotal revenue CNY 1,000,000.00 over the trailing 365 days\n")) << r;
  EXPECT_TRUE(contains(r.out, "\nchart: pareto.svg\n")) << r;

  const std::string svg = read_file(dir_.path() / "pareto.svg");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u) << svg.substr(0, 200);
  EXPECT_EQ(xml_problem(svg), "") << svg;
  EXPECT_TRUE(contains(svg, "<polyline")) << svg;
  EXPECT_TRUE(contains(svg, "2 of 4 accounts make 80.00% of revenue")) << svg;
  EXPECT_TRUE(contains(svg, "Cumulative share of revenue")) << svg;
  // (0,0) and four points: the plot is 680 wide from x=80 and 380 high down to y=450.
  const std::string points = attribute(svg, "polyline", "points");
  ASSERT_FALSE(points.empty()) << svg;
  EXPECT_EQ(points, "80.00,450.00 250.00,260.00 420.00,146.00 590.00,89.00 760.00,70.00");

  // --top: fewer rows, the same line; --json: the plugin's report.
  Result top = with_config({"report", "pareto", "--top", "2"});
  EXPECT_EQ(top.exit, 0) << top;
  const auto top_rows = lines_of(top.out);
  ASSERT_GE(top_rows.size(), 5u) << top;
  EXPECT_TRUE(std::regex_match(top_rows[2], std::regex(" *2 +A2 .*"))) << top;
  EXPECT_EQ(top_rows[3], "(the top 2 of 4 accounts shown)") << top;
  EXPECT_EQ(top_rows[4], "2 of 4 accounts make 80.00% of revenue") << top;
  Result raw = with_config({"report", "pareto", "--json", "--top", "1"});
  EXPECT_EQ(raw.exit, 0) << raw;
  const json report = json::parse(raw.out);
  EXPECT_EQ(report.at("accounts"), 4);
  EXPECT_EQ(report.at("accounts_in_top"), 2);
  EXPECT_EQ(report.at("total_revenue"), 100'000'000);
  EXPECT_EQ(report.at("top_percent_bp"), 8000);
  EXPECT_EQ(report.at("entries").size(), 1u);
  EXPECT_EQ(report.at("curve_bp"), json::parse("[5000, 8000, 9500, 10000]"));
}

TEST_F(KamhostTiersTest, ParetoSvgOfABigPortfolioIsDownsampled) {
  std::string feed;
  for (int a = 0; a < 2500; ++a) {
    const std::string id = "B" + std::to_string(a);
    feed += account_line(id, "Account <" + std::to_string(a) + ">");
    feed += order_line("SO-B" + std::to_string(a), id, 100'000 + int64_t{a} * 1000, 3);
  }
  import_lines("big.jsonl", feed);
  Result r = with_config({"report", "pareto", "--svg", "big.svg", "--top", "3"});
  EXPECT_EQ(r.exit, 0) << r;
  EXPECT_TRUE(contains(r.out, " of 2504 accounts make 80.00% of revenue\n")) << r;
  const std::string svg = read_file(dir_.path() / "big.svg");
  EXPECT_EQ(xml_problem(svg), "") << svg.substr(0, 2000);
  const std::string points = attribute(svg, "polyline", "points");
  ASSERT_FALSE(points.empty()) << svg.substr(0, 2000);
  const auto count = static_cast<std::size_t>(std::count(points.begin(), points.end(), ' ') + 1);
  EXPECT_GE(count, 1000u);
  EXPECT_LE(count, 1002u);
  EXPECT_EQ(points.substr(points.rfind(' ') + 1), "760.00,70.00") << "the curve ends at 100 %, 100 %";
}

// ---------------------------------------------------------------------------------------------------
}  // namespace
