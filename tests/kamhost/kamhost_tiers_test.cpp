// kamhost tiers evaluate / override / tick, permissions and usage errors run as an admin would: the
// built kamhost with the built plugin on SQLite (the fixture: kamhost_tiers_fixture.hpp).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <regex>
#include <vector>

#include "kamhost_tiers_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using namespace kamhost_test;
using nlohmann::json;

// ---------------------------------------------------------------------------------------------------
// tiers evaluate
// ---------------------------------------------------------------------------------------------------

TEST_F(KamhostTiersTest, EvaluateSummaryDryRunAndChanges) {
  // A dry run counts the first classification of every account but stores nothing.
  Result dry = with_config({"tiers", "evaluate", "--dry-run"});
  EXPECT_EQ(dry.exit, 0) << dry;
  EXPECT_EQ(dry.out.rfind(kFirstEvaluation, 0), 0u) << dry;
  EXPECT_TRUE(std::regex_search(dry.out, std::regex(R"(\([0-9]+ ms\) \[dry run: nothing stored, nothing notified\]\n$)")))
      << dry;
  EXPECT_EQ(dry.err, "") << "no progress bar when stderr is not a terminal";
  EXPECT_TRUE(card("A1").at("evaluated_at_ms").is_null()) << "a dry run stores nothing";

  Result first = with_config({"tiers", "evaluate"});
  EXPECT_EQ(first.exit, 0) << first;
  EXPECT_EQ(first.out.rfind(kFirstEvaluation, 0), 0u) << first;
  EXPECT_TRUE(std::regex_search(first.out, std::regex(R"(0 skipped \([0-9]+ ms\)\n$)"))) << first;
  EXPECT_EQ(card("A1").at("tier").at("name"), "platinum");
  EXPECT_EQ(card("A2").at("tier").at("name"), "gold");
  EXPECT_EQ(card("A3").at("tier").at("name"), "silver");
  EXPECT_EQ(card("A4").at("tier").at("name"), "standard");

  // Nothing changed: nothing to report.
  Result again = with_config({"tiers", "evaluate"});
  EXPECT_EQ(again.exit, 0) << again;
  EXPECT_EQ(again.out.rfind("evaluated 4 accounts: 0 initial, 0 upgraded, 0 downgraded, 0 pending downgrades, "
                            "0 churn alerts, 0 notifications, 0 skipped (", 0),
            0u)
      << again;

  // A3 grows to 250,000.00 (gold: an upgrade, notified); A2 falls to 150,000.00 by a credit note
  // (silver by the rules, but 90 days must pass: a pending downgrade).
  import_lines("more.jsonl", order_line("SO-6", "A3", 10'000'000, 1) + order_line("CN-1", "A2", 15'000'000, 1, "credit_note"));
  Result changes = with_config({"tiers", "evaluate"});
  EXPECT_EQ(changes.exit, 0) << changes;
  EXPECT_EQ(changes.out.rfind("evaluated 4 accounts: 0 initial, 1 upgraded, 0 downgraded, 1 pending downgrades, "
                              "0 churn alerts, 1 notifications, 0 skipped (", 0),
            0u)
      << changes;
  EXPECT_EQ(card("A3").at("tier").at("name"), "gold");
  const json a2 = card("A2");
  EXPECT_EQ(a2.at("tier").at("name"), "gold");
  ASSERT_TRUE(a2.at("pending_downgrade").is_object()) << a2.dump(2);
  EXPECT_EQ(a2.at("pending_downgrade").at("to"), "silver");

  // The upgrade is a pending notification.
  const json notes = json::parse(with_config({"notifications", "--json"}).out);
  ASSERT_EQ(notes.size(), 1u) << notes.dump(2);
  EXPECT_EQ(notes[0].at("kind_name"), "tier_changed");
  EXPECT_EQ(notes[0].at("account_id"), "A3");

  // One account.
  Result one = with_config({"tiers", "evaluate", "--account", "A4"});
  EXPECT_EQ(one.exit, 0) << one;
  EXPECT_EQ(one.out.rfind("evaluated 1 account: 0 initial, 0 upgraded, 0 downgraded, 0 pending downgrades, ", 0), 0u)
      << one;
}

TEST_F(KamhostTiersTest, ProgressBarOnlyOnATerminal) {
  if (!fs::exists("/usr/bin/script")) GTEST_SKIP() << "script(1) is not installed";
  const std::string command = "'" + kKamhost + "' --plugin '" + kPlugin + "' tiers evaluate --config '" + config_ + "'";
  const std::string out = dir_.file("tty.out");
  const int status = std::system(("cd '" + dir_.path().string() + "' && TZ=UTC script -qec \"" + command +
                                  "\" /dev/null > '" + out + "' 2>&1")
                                     .c_str());
  Result tty;
  tty.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  tty.out = read_file(out);
  EXPECT_EQ(tty.exit, 0) << tty;
  EXPECT_TRUE(std::regex_search(tty.out, std::regex("\r\\[#{30}\\] 100%  4 accounts  [0-9,]+ acc/s"))) << tty;
  EXPECT_TRUE(contains(tty.out, kFirstEvaluation)) << tty;
}

// ---------------------------------------------------------------------------------------------------
// tick
// ---------------------------------------------------------------------------------------------------

TEST_F(KamhostTiersTest, TickRunsTheEvaluationWhenDue) {
  Result first = with_config({"tick"});
  EXPECT_EQ(first.exit, 0) << first;
  EXPECT_EQ(first.out.rfind(std::string("tick: tier evaluation ran: ") + kFirstEvaluation, 0), 0u) << first;
  EXPECT_NE(first.out.find("\ntick: service deadline check ran: 0 requests with a step due, 0 notifications, "
                           "0 auto-transitions\n"), std::string::npos) << first;
  EXPECT_NE(first.out.find("\ntick: visit plan check ran: "), std::string::npos) << first;
  Result second = with_config({"tick"});
  EXPECT_EQ(second.exit, 0) << second;
  EXPECT_EQ(second.out, "tick: tier evaluation not due\ntick: SLA check not due\ntick: service deadline check not due\n"
                        "tick: visit plan check not due\n")
      << "evaluate_every is 1h, complaints.check_every 1m\n" << second;
  Result denied = with_config({"tick", "--user", "u.am", "--role", "account_manager"});
  EXPECT_EQ(denied.exit, 1) << denied;
  EXPECT_TRUE(contains(denied.err, "KAM_ERR_PERMISSION")) << denied;
  EXPECT_TRUE(contains(denied.err, "tiers.evaluate")) << denied;
}

// ---------------------------------------------------------------------------------------------------
// failures: permissions, unknown accounts, usage
// ---------------------------------------------------------------------------------------------------

TEST_F(KamhostTiersTest, PermissionDenied) {
  struct Case {
    std::vector<std::string> args;
    const char* permission;
  };
  const Case cases[] = {
      {{"tiers", "evaluate", "--user", "u.audit", "--role", "auditor"}, "tiers.evaluate"},
      {{"tiers", "evaluate", "--user", "u.am", "--role", "account_manager"}, "tiers.evaluate"},
      {{"account", "show", "A1", "--user", "u.audit", "--role", "auditor"}, "tiers.read"},
      {{"report", "pareto", "--user", "u.feed", "--role", "erp.feed"}, "tiers.read"},
      {{"tiers", "override", "set", "A1", "gold", "--reason", "r", "--until", "+1d", "--role", "account_manager"},
       "tiers.override"},
      {{"tiers", "override", "clear", "A1", "--reason", "r", "--role", "auditor"}, "tiers.override"},
  };
  for (const auto& c : cases) {
    Result r = with_config(c.args);
    EXPECT_EQ(r.exit, 1) << r;
    EXPECT_EQ(r.out, "") << r;
    EXPECT_TRUE(contains(r.err, "KAM_ERR_PERMISSION")) << r;
    EXPECT_TRUE(contains(r.err, c.permission)) << c.permission << "\n" << r;
  }
}

TEST_F(KamhostTiersTest, UnknownAccountIsNamed) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"account", "show", "NO-SUCH-1"},
           {"tiers", "evaluate", "--account", "NO-SUCH-1"},
           {"tiers", "override", "set", "NO-SUCH-1", "gold", "--reason", "r", "--until", "+1d"},
           {"tiers", "override", "clear", "NO-SUCH-1", "--reason", "r"}}) {
    Result r = with_config(args);
    EXPECT_EQ(r.exit, 1) << r;
    EXPECT_TRUE(contains(r.err, "KAM_ERR_NOT_FOUND")) << r;
    EXPECT_TRUE(contains(r.err, "NO-SUCH-1")) << r;
  }
}

// CLI11 takes a word after a command as that command's argument, even when a command has its name.
TEST_F(KamhostTiersTest, AnAccountNamedLikeACommandIsAnArgument) {
  import_lines("tick.jsonl", account_line("tick", "Tick Trading"));
  Result r = with_config({"account", "show", "tick", "--json"});
  ASSERT_EQ(r.exit, 0) << r;
  EXPECT_EQ(json::parse(r.out).at("account_id"), "tick") << r;
  Result help = run({"help", "tiers"});
  EXPECT_EQ(help.exit, 0) << help;
  EXPECT_TRUE(contains(help.out, "kamhost tiers list --config CFG [--tier T] [--csv] [--limit N]")) << help;
}

TEST_F(KamhostTiersTest, UsageErrors) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {{"tiers"}, "needs a subcommand"},
      {{"tiers", "rank", "--config", config_}, "unknown subcommand 'tiers rank'"},
      {{"tiers", "evaluate"}, "needs --config"},
      {{"tiers", "evaluate", "--config", config_, "--bogus"}, "unknown option '--bogus'"},
      {{"tiers", "override", "--config", config_}, "'set ID TIER' or 'clear ID'"},
      {{"tiers", "override", "set", "A1", "--reason", "r", "--until", "+1d", "--config", config_}, "needs ID and TIER"},
      {{"tiers", "override", "set", "A1", "gold", "--until", "+1d", "--config", config_}, "needs --reason"},
      {{"tiers", "override", "set", "A1", "gold", "--reason", "r", "--config", config_}, "needs --until"},
      {{"tiers", "override", "set", "A1", "gold", "--reason", "r", "--until", "soon", "--config", config_}, "not 'soon'"},
      {{"tiers", "override", "set", "A1", "gold", "--reason", "r", "--until", "2026-02-30", "--config", config_}, "--until needs"},
      {{"tiers", "override", "clear", "A1", "--config", config_}, "needs --reason"},
      {{"tiers", "override", "clear", "A1", "--reason", "r", "--until", "+1d", "--config", config_}, "unknown option '--until'"},
      {{"tick"}, "needs --config"},
      {{"account", "show", "--config", config_}, "exactly one account ID"},
      {{"account", "list", "--config", config_}, "unknown subcommand 'account list'"},
      {{"report", "--config", config_}, "unknown report '--config'"},
      {{"report", "abc", "--config", config_}, "unknown report 'abc'"},
      {{"report", "pareto", "--config", config_, "--top", "0"}, "--top needs a whole number"},
      {{"report", "sla", "--config", config_, "--by", "region"}, "--by must be tier, owner or department, not 'region'"},
      {{"report", "sla", "--config", config_, "--from", "March"}, "--from needs a date YYYY-MM-DD"},
      {{"complaints", "--config", config_}, "unknown subcommand 'complaints --config': use queue, show or account"},
      {{"complaints", "list", "--config", config_}, "unknown subcommand 'complaints list'"},
      {{"complaints", "queue", "--config", config_}, "complaints queue needs exactly one employee USER"},
      {{"complaints", "show", "--config", config_}, "complaints show needs exactly one complaint ID"},
      {{"complaints", "queue", "u.li", "--config", config_, "--limit", "1001"}, "--limit needs a whole number from 1 to 1,000"},
      {{"complaints", "show", "CP-1", "--closed", "--config", config_}, "unknown option '--closed'"},
  };
  for (const auto& c : cases) {
    Result r = run(c.args);
    EXPECT_EQ(r.exit, 2) << r;
    EXPECT_TRUE(contains(r.err, c.message)) << c.message << "\n" << r;
  }
  Result help = run({"--help"});
  for (const char* piece : {"\n  tiers evaluate|override", "\n  tick --config CFG", "\n  account show ID", "\n  report pareto|sla",
                            "\n  complaints queue USER|show ID|account ID"})
    EXPECT_TRUE(contains(help.out, piece)) << piece << "\n" << help;
  for (const char* command : {"tiers", "tick", "account", "report", "complaints"}) {
    Result h = run({"help", command});
    EXPECT_EQ(h.exit, 0) << h;
    EXPECT_TRUE(contains(h.out, "--role ROLE")) << h;
  }
}

}  // namespace
