// kamhost in a business time zone other than the machine's (Asia/Shanghai on a TZ=UTC machine), its
// --now clock, where its config comes from, and escaping of stored data in what it prints.
#include <sqlite3.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "kamhost_test_support.hpp"
#include "kamhost_tiers_support.hpp"

namespace {

using namespace kamhost_test;
using nlohmann::json;

constexpr int64_t kDay = 86'400'000;

class KamhostZoneTest : public testing::Test {
 protected:
  void SetUp() override {
    config_ = dir_.write("kam.yaml", tier_config(dir_.path(), "Asia/Shanghai"));
    // A1 500,000.00 in two orders (40 and 10 days ago), A2 300,000.00, A3 150,000.00, A4 50,000.00.
    dir_.write("feed.jsonl", account_line("A1", "Alpha Industrial") + account_line("A2", "Beta & Sons") +
                                 account_line("A3", "Gamma Trading") + account_line("A4", "Delta Shop") +
                                 order_line("SO-1", "A1", 30'000'000, 40) + order_line("SO-2", "A1", 20'000'000, 10) +
                                 order_line("SO-3", "A2", 30'000'000, 20) + order_line("SO-4", "A3", 15'000'000, 30) +
                                 order_line("SO-5", "A4", 5'000'000, 5));
    Result r = with_config({"import", "feed.jsonl"});
    ASSERT_EQ(r.exit, 0) << r;
    ASSERT_EQ(with_config({"tiers", "evaluate"}).exit, 0);
  }

  // kamhost on a machine whose own zone is UTC.
  Result run(const std::vector<std::string>& args, std::vector<std::string> env = {}) {
    env.push_back("TZ=UTC");
    return kamhost(dir_.path(), args, env);
  }
  Result with_config(std::vector<std::string> args) {
    args.push_back("--config");
    args.push_back(config_);
    return run(args);
  }
  void sql(const std::string& statement) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.file("kam.db").c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  TempDir dir_;
  std::string config_;
};

// The text after `before` up to the next `until` in s ("" when absent).
std::string between(const std::string& s, const std::string& before, const std::string& until) {
  const std::size_t at = s.find(before);
  if (at == std::string::npos) return "";
  const std::size_t start = at + before.size();
  return s.substr(start, s.find(until, start) - start);
}

TEST_F(KamhostZoneTest, OverrideUntilADateEndsAtMidnightInTheBusinessZone) {
  Result set = with_config({"tiers", "override", "set", "A4", "gold", "--reason", "pilot", "--until", "2027-01-20"});
  ASSERT_EQ(set.exit, 0) << set;
  // 2027-01-20 00:00 in Shanghai is 2027-01-19T16:00:00Z, not midnight UTC.
  EXPECT_TRUE(contains(set.out, "until 2027-01-20 00:00 (1800374400000)")) << set;
  Result card = with_config({"account", "show", "A4"});
  EXPECT_TRUE(contains(card.out, " until 2027-01-20 (reason: pilot)")) << card;
}

TEST_F(KamhostZoneTest, NowDrivesThePluginClockAndTheCardAgreesWithTheExplanation) {
  // 340 days on, A1's older order has left the 365-day window: 200,000.00 gives gold, and the
  // downgrade from platinum is pending for 90 days.
  const std::string later = utc_date(now_ms() + 340 * kDay) + "T12:00";
  Result evaluated = with_config({"--now", later, "tiers", "evaluate"});
  ASSERT_EQ(evaluated.exit, 0) << evaluated;
  EXPECT_FALSE(contains(evaluated.out, " 0 pending downgrades")) << evaluated;

  Result raw = with_config({"--now", later, "account", "show", "A1", "--json"});
  ASSERT_EQ(raw.exit, 0) << raw;
  const json card = json::parse(raw.out);
  EXPECT_EQ(card.at("business_time_zone"), "Asia/Shanghai");
  EXPECT_EQ(card.at("metrics").at("reporting_currency_digits"), 2);
  ASSERT_TRUE(card.at("pending_downgrade").is_object()) << card.dump(2);
  const int64_t due = card.at("pending_downgrade").at("due_ms").get<int64_t>();
  const std::string explained = between(card.at("explanation").get<std::string>(), "days below the tier, on ", ",");
  ASSERT_EQ(explained.size(), 10u) << card.at("explanation");

  Result text = with_config({"--now", later, "account", "show", "A1"});
  ASSERT_EQ(text.exit, 0) << text;
  EXPECT_EQ(between(text.out, "downgrade pending: to gold on ", "\n"), explained) << text;
  EXPECT_EQ(explained, utc_date(due + 8 * 3'600'000)) << "the due day is a Shanghai day";
  EXPECT_TRUE(contains(text.out, "\n  revenue                 CNY 200,000.00")) << text;

  // Without --now the plugin sees the system clock: both orders count again.
  Result today = with_config({"account", "show", "A1", "--json"});
  EXPECT_EQ(json::parse(today.out).at("metrics").at("revenue"), 50'000'000) << today;
}

TEST_F(KamhostZoneTest, NowIsInTheBusinessZoneUnlessItHasAnOffset) {
  struct Case {
    std::string now;
    int64_t expires;
  };
  const Case cases[] = {
      {"2030-01-01T00:00:00Z", 1893456000000 + kDay},             // UTC
      {"2030-01-01T08:00:00+08:00", 1893456000000 + kDay},        // the same instant
      {"2030-01-01", 1893456000000 - 8 * 3'600'000 + kDay},       // Shanghai midnight
      {"2030-01-01T08:00", 1893456000000 + kDay},                 // 08:00 in Shanghai
  };
  for (const auto& c : cases) {
    Result set = with_config(
        {"--now", c.now, "tiers", "override", "set", "A4", "gold", "--reason", "r", "--until", "+1d"});
    ASSERT_EQ(set.exit, 0) << c.now << "\n" << set;
    EXPECT_TRUE(contains(set.out, "(" + std::to_string(c.expires) + ")")) << c.now << "\n" << set;
  }
  Result bad = with_config({"--now", "next monday", "tiers", "evaluate"});
  EXPECT_EQ(bad.exit, 2) << bad;
  EXPECT_TRUE(contains(bad.err, "--now needs a date YYYY-MM-DD")) << bad;
  EXPECT_TRUE(contains(bad.err, "not 'next monday'")) << bad;
}

TEST_F(KamhostZoneTest, ConfigFromOptionElseEnvironmentElseEtc) {
  Result from_env = run({"report", "pareto"}, {"KAM_CONFIG=" + config_});
  EXPECT_EQ(from_env.exit, 0) << from_env;
  EXPECT_TRUE(contains(from_env.out, "2 of 4 accounts make 80.00% of revenue")) << from_env;
  Result option_wins = run({"report", "pareto", "--config", config_}, {"KAM_CONFIG=/nonexistent/kam.yaml"});
  EXPECT_EQ(option_wins.exit, 0) << option_wins;
  Result env_missing = run({"report", "pareto"}, {"KAM_CONFIG=" + dir_.file("missing.yaml")});
  EXPECT_EQ(env_missing.exit, 1) << env_missing;
  EXPECT_TRUE(contains(env_missing.err, "missing.yaml")) << env_missing;
  if (std::filesystem::exists("/etc/kam/kam.yaml")) GTEST_SKIP() << "this machine has /etc/kam/kam.yaml";
  Result none = run({"report", "pareto"});
  EXPECT_EQ(none.exit, 2) << none;
  EXPECT_TRUE(contains(none.err, "report pareto needs --config FILE (or the KAM_CONFIG environment variable; "
                                 "/etc/kam/kam.yaml does not exist)"))
      << none;
}

TEST_F(KamhostZoneTest, StoredControlCharactersAreEscapedInEveryOutput) {
  // Data stored before the plugin refused control characters: a name that would forge a table row
  // and clear the screen, a user id that would forge an audit row.
  sql("UPDATE accounts SET name = 'Beta' || char(10) || '9  A9  Forged  1.00' || char(27) || '[2J' "
      "WHERE account_id = 'A2'");
  sql("UPDATE audit SET user_id = 'kamhost' || char(13, 10) || '999  2026-01-01T00:00:00Z  boss' || char(27) || "
      "'[1A'");
  const std::string escaped_name = "Beta\\n9  A9  Forged  1.00\\x1b[2J";
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"report", "pareto"}, {"account", "show", "A2"}, {"audit"}}) {
    Result r = with_config(args);
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << args[0] << "\n" << r;
    EXPECT_EQ(r.out.find('\r'), std::string::npos) << args[0] << "\n" << r;
    for (const std::string& line : lines_of(r.out)) {
      EXPECT_NE(line.rfind("9  A9", 0), 0u) << "forged row: " << line;
      EXPECT_NE(line.rfind("999", 0), 0u) << "forged row: " << line;
    }
    if (args[0] == "audit") {
      EXPECT_TRUE(contains(r.out, "kamhost\\r\\n999  2026-01-01T00:00:00Z  boss\\x1b[1A")) << r;
    } else {
      EXPECT_TRUE(contains(r.out, escaped_name)) << r;
    }
  }
}

// The card and the report state the reporting currency's minor digits and the business zone, and
// kamhost prints with them: BHD has 3 digits (kamhost used to assume 2 for all but JPY and KRW).
TEST(KamhostDigitsTest, MoneyHasTheDigitsThePluginStates) {
  TempDir dir;
  const std::string config = dir.write("kam.yaml", tier_config(dir.path(), "Asia/Bahrain", "BHD"));
  dir.write("feed.jsonl", account_line("A1", "Alpha") + order_line("SO-1", "A1", 1'234'567, 3, "order", "BHD"));
  ASSERT_EQ(kamhost(dir.path(), {"import", "feed.jsonl", "--config", config}).exit, 0);
  Result raw = kamhost(dir.path(), {"report", "pareto", "--json", "--config", config});
  ASSERT_EQ(raw.exit, 0) << raw;
  const json report = json::parse(raw.out);
  EXPECT_EQ(report.at("reporting_currency_digits"), 3);
  EXPECT_EQ(report.at("business_time_zone"), "Asia/Bahrain");
  Result table = kamhost(dir.path(), {"report", "pareto", "--config", config});
  EXPECT_TRUE(contains(table.out, "total revenue BHD 1,234.567 over")) << table;
  EXPECT_TRUE(contains(table.out, " 1,234.567 ")) << table;
  Result card = kamhost(dir.path(), {"account", "show", "A1", "--config", config});
  EXPECT_TRUE(contains(card.out, "\n  revenue                 BHD 1,234.567 (prior window BHD 0.000)\n")) << card;
}

}  // namespace
