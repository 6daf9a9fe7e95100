// kamhost help, usage errors, failures, the progress bar, audit and notifications run as an admin
// would: the built kamhost with the built plugin, on SQLite (fixture: kamhost_commands_fixture.hpp).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include "kamhost_commands_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using namespace kamhost_test;
using nlohmann::json;

// ---------------------------------------------------------------------------------------------------
// help and usage
// ---------------------------------------------------------------------------------------------------

TEST_F(KamhostTest, HelpListsTheCommands) {
  Result r = run({"--help"});
  EXPECT_EQ(r.exit, 0) << r;
  for (const char* piece : {"\n  import FILE --config CFG", "\n  audit --config CFG", "\n  notifications --config CFG",
                            "--user ID --role ROLE", "3 import"})
    EXPECT_TRUE(contains(r.out, piece)) << piece << "\n" << r;
  Result h = run({"help", "import"});
  EXPECT_EQ(h.exit, 0) << h;
  for (const char* piece : {"--batch N", "--rejects PATH", "--source NAME", "--format F", "--atomic", "--user ID",
                            "--role ROLE"})
    EXPECT_TRUE(contains(h.out, piece)) << piece << "\n" << h;
  EXPECT_TRUE(contains(run({"help", "audit"}).out, "--entity-type"));
  EXPECT_TRUE(contains(run({"help", "notifications"}).out, "--ack-all"));
}

TEST_F(KamhostTest, UsageErrors) {
  const std::string feed = dir_.write("feed.jsonl", "");
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {{"import", feed}, "needs --config"},
      {{"import", "--config", config_}, "exactly one FILE"},
      {{"import", feed, feed, "--config", config_}, "exactly one FILE"},
      {{"import", feed, "--config", config_, "--batch", "0"}, "--batch needs a whole number"},
      {{"import", feed, "--config", config_, "--batch", "1000001"}, "--batch needs a whole number"},
      {{"import", feed, "--config", config_, "--batch", "ten"}, "--batch needs a whole number"},
      {{"import", feed, "--config", config_, "--format", "xml"}, "--format must be"},
      {{"import", dir_.write("feed.txt", ""), "--config", config_}, "give --format"},
      {{"import", feed, "--config", config_, "--bogus"}, "unknown option '--bogus'"},
      {{"import", feed, "--config", config_, "--rejects", feed}, "must not be the imported file"},
      {{"audit"}, "needs --config"},
      {{"audit", "--config", config_, "--limit", "0"}, "--limit needs"},
      {{"notifications", "--config", config_, "--ack"}, "--ack needs"},
      {{"notifications", "--config", config_, "--ack", "x1"}, "notification ids"},
      {{"notifications", "--config", config_, "--ack", "1", "--ack-all"}, "not both"},
  };
  for (const auto& c : cases) {
    Result r = run(c.args);
    EXPECT_EQ(r.exit, 2) << r;
    EXPECT_TRUE(contains(r.err, c.message)) << c.message << "\n" << r;
  }
}

TEST_F(KamhostTest, Failures) {
  Result missing = import(dir_.file("missing.jsonl"));
  EXPECT_EQ(missing.exit, 1) << missing;
  EXPECT_TRUE(contains(missing.err, "cannot open")) << missing;
  EXPECT_FALSE(fs::exists(dir_.file("kam.db"))) << "no database for a file that cannot be read";

  const std::string bad = dir_.write("bad.yaml", "kam: 1\nbogus: 1\n");
  Result config = run({"import", dir_.write("f.jsonl", ""), "--config", bad});
  EXPECT_EQ(config.exit, 1) << config;
  EXPECT_TRUE(contains(config.err, "KAM_ERR_CONFIG")) << config;

  // The actor's roles do not allow ingest: nothing imported, exit 1, the permission named.
  const std::string feed = dir_.write(
      "acc.jsonl", R"({"kind":"account_upserted","event_id":"a1","occurred_at":"2026-01-01","account_id":"1","name":"n"})" "\n");
  Result denied = import(feed, {"--user", "u.audit", "--role", "auditor"});
  EXPECT_EQ(denied.exit, 1) << denied;
  EXPECT_TRUE(contains(denied.err, "KAM_ERR_PERMISSION")) << denied;
  EXPECT_EQ(denied.out, "") << denied;
  Result feed_role = import(feed, {"--user", "erp", "--role", "erp.feed"});
  EXPECT_EQ(feed_role.exit, 0) << feed_role;

  Result audit_denied = run({"audit", "--config", config_, "--role", "erp.feed"});
  EXPECT_EQ(audit_denied.exit, 1) << audit_denied;
  EXPECT_TRUE(contains(audit_denied.err, "KAM_ERR_PERMISSION")) << audit_denied;
  Result notes_denied = run({"notifications", "--config", config_, "--role", "auditor"});
  EXPECT_EQ(notes_denied.exit, 1) << notes_denied;
  EXPECT_TRUE(contains(notes_denied.err, "KAM_ERR_PERMISSION")) << notes_denied;
}

// ---------------------------------------------------------------------------------------------------
// Progress bar, audit, notifications
// ---------------------------------------------------------------------------------------------------

TEST_F(KamhostTest, ProgressBarOnlyOnATerminal) {
  std::string feed;
  for (int a = 0; a < 3000; ++a)
    feed += R"({"kind":"account_upserted","event_id":"acc-)" + std::to_string(a) +
            R"(","occurred_at":"2026-01-01","account_id":")" + std::to_string(a) + R"(","name":"n"})" "\n";
  dir_.write("feed.jsonl", feed);
  Result plain = import("feed.jsonl", {"--batch", "500"});
  EXPECT_EQ(plain.exit, 0) << plain;
  EXPECT_EQ(plain.err, "") << "stderr is a file here: no progress bar";
  EXPECT_FALSE(contains(plain.out, "ev/s"));

  // Under a pseudo-terminal (script(1)) the bar is drawn on stderr; the summary stays as it is.
  if (!fs::exists("/usr/bin/script")) GTEST_SKIP() << "script(1) is not installed";
  const std::string command = "'" + kKamhost + "' --plugin '" + kPlugin + "' import feed.jsonl --config '" + config_ +
                              "' --batch 500";
  // script -q -e -c COMMAND /dev/null runs COMMAND with a terminal as its stdin, stdout and stderr.
  const std::string out = dir_.file("tty.out");
  const int status = std::system(("cd '" + dir_.path().string() + "' && script -qec \"" + command +
                                  "\" /dev/null > '" + out + "' 2>&1")
                                     .c_str());
  Result tty;
  tty.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  tty.out = read_file(out);
  EXPECT_EQ(tty.exit, 0) << tty;
  EXPECT_TRUE(std::regex_search(tty.out, std::regex("\r\\[#+-*\\] +[0-9]+%  [0-9,]+ events  [0-9,]+ ev/s"))) << tty;
  EXPECT_TRUE(contains(tty.out, "100%  3,000 events")) << tty;
  EXPECT_TRUE(contains(tty.out, "imported feed.jsonl: 0 accepted, 3000 duplicates, 0 rejected (batches of 500)")) << tty;
}

TEST_F(KamhostTest, AuditFiltersAndLimit) {
  dir_.write("a.jsonl", std::string(kAccount1) + "\n");
  dir_.write("b.jsonl", std::string(kOrder1) + "\n");
  ASSERT_EQ(import("a.jsonl", {"--user", "u.one"}).exit, 0);
  ASSERT_EQ(import("b.jsonl", {"--user", "u.two", "--source", "nightly"}).exit, 0);

  EXPECT_EQ(audit_json().size(), 2u);
  EXPECT_EQ(audit_json({"--limit", "1"}).size(), 1u);
  const json by_user = audit_json({"--user", "u.one"});
  ASSERT_EQ(by_user.size(), 1u);
  EXPECT_EQ(by_user[0]["entity_id"], "a.jsonl");
  const json by_source = audit_json({"--entity-type", "batch", "--entity-id", "nightly"});
  ASSERT_EQ(by_source.size(), 1u);
  EXPECT_EQ(by_source[0]["user_id"], "u.two");
  EXPECT_EQ(by_source[0]["after"]["accepted"], 1);
  EXPECT_TRUE(audit_json({"--user", "nobody"}).empty());

  // An auditor may read it (the actor is --actor, as --user filters).
  Result auditor = run({"audit", "--config", config_, "--actor", "u.audit", "--role", "auditor", "--limit", "1"});
  EXPECT_EQ(auditor.exit, 0) << auditor;
  EXPECT_EQ(lines_of(auditor.out).size(), 2u) << auditor;
  EXPECT_TRUE(contains(auditor.out, "u.two  ingest.batch  batch nightly")) << auditor;
  Result none = run({"audit", "--config", config_, "--user", "nobody"});
  EXPECT_EQ(none.out, "no audit entries\n") << none;
}

TEST_F(KamhostTest, Notifications) {
  Result empty = run({"notifications", "--config", config_});  // also creates the database
  EXPECT_EQ(empty.exit, 0) << empty;
  EXPECT_EQ(empty.out, "no pending notifications\n");
  EXPECT_EQ(run({"notifications", "--config", config_, "--json"}).out, "[]\n");

  // Nothing in this release raises notifications through the ABI yet: put three in the outbox.
  sql("INSERT INTO notifications (kind, kind_name, account_id, created_at_ms, payload_json) VALUES "
      "(1, 'tier_changed', '1001', 1772357400000, '{\"from\":\"silver\",\"to\":\"gold\"}'),"
      "(3, 'sla_breach', '', 1772357460000, '{\"complaint_id\":\"CP-77\"}'),"
      "(5, 'visit_due', '1002', 1772357520000, '{}')");
  Result list = run({"notifications", "--config", config_, "--user", "u.li", "--role", "account_manager"});
  EXPECT_EQ(list.exit, 0) << list;
  const auto rows = lines_of(list.out);
  ASSERT_EQ(rows.size(), 5u) << list;
  EXPECT_TRUE(std::regex_search(rows[0], std::regex("^ID +CREATED \\(UTC\\) +KIND +ACCOUNT +PAYLOAD$"))) << rows[0];
  EXPECT_TRUE(std::regex_search(rows[1], std::regex("^1 +2026-03-01T09:30:00Z +tier_changed +1001 +\\{\"from\":\"silver\",\"to\":\"gold\"\\}$")))
      << rows[1];
  EXPECT_TRUE(std::regex_search(rows[2], std::regex("^2 +2026-03-01T09:31:00Z +sla_breach +\\{\"complaint_id\"")))
      << rows[2];
  EXPECT_EQ(rows[4], "3 pending");

  Result ack = run({"notifications", "--config", config_, "--ack", "1", "3", "--user", "u.li", "--role", "account_manager"});
  EXPECT_EQ(ack.exit, 0) << ack;
  EXPECT_TRUE(contains(ack.out, "acknowledged 2 notification ids")) << ack;
  const json left = json::parse(run({"notifications", "--config", config_, "--json"}).out);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0]["id"], 2);
  EXPECT_EQ(left[0]["kind_name"], "sla_breach");

  // The acknowledgement is audited under the actor.
  const json audit = audit_json({"--entity-type", "notification"});
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit[0]["user_id"], "u.li");

  Result all = run({"notifications", "--config", config_, "--ack-all", "--json"});
  EXPECT_EQ(all.exit, 0) << all;
  EXPECT_EQ(json::parse(all.out), json::parse(R"({"acknowledged":[2]})"));
  EXPECT_EQ(run({"notifications", "--config", config_}).out, "no pending notifications\n");
  Result all_again = run({"notifications", "--config", config_, "--ack-all"});
  EXPECT_EQ(all_again.out, "acknowledged 0 notifications\n") << all_again;
}

}  // namespace
