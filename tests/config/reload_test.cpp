// reload_test.cpp - config::reload_refusal: which changes a running instance refuses (database
// keys, business.time_zone: a restart; a file that grants config.reload to nobody: a lock-out), and
// that each refusal names the key that changed.
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config/reload.hpp"

namespace kam::config {
namespace {

Config load(const std::string& database, const std::string& rest = "") {
  return load_config_text("kam: 1\ndatabase:\n" + database + rest, "next.yaml");
}

const std::string kSqlite = "  url: sqlite:///var/lib/kam/kam.db\n";

TEST(ReloadRefusal, SameDatabaseAndZoneIsAccepted) {
  const Config a = load(kSqlite);
  EXPECT_EQ(reload_refusal(a, load(kSqlite + "  busy_timeout_ms: 100\n", "logging:\n  level: debug\n")), std::nullopt);
}

TEST(ReloadRefusal, OnlySynchronousChangedNamesThatKey) {
  const auto r = reload_refusal(load(kSqlite), load(kSqlite + "  synchronous: normal\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, ReloadRefusal::Kind::needs_restart);
  EXPECT_EQ(r->message,
            "config_reload: the new config changes database.synchronous (full to normal), and the store stays open "
            "on the old database settings; the old config keeps serving: restart the instance to apply it");
}

TEST(ReloadRefusal, EachDatabaseKeyIsNamed) {
  auto message = [](const Config& a, const Config& b) {
    const auto r = reload_refusal(a, b);
    EXPECT_TRUE(r && r->kind == ReloadRefusal::Kind::needs_restart);
    return r ? r->message : std::string();
  };
  EXPECT_NE(message(load(kSqlite), load("  url: sqlite:///srv/other.db\n"))
                .find("changes database.url (sqlite /var/lib/kam/kam.db to sqlite /srv/other.db), and"),
            std::string::npos);
  const std::string pg = "  url: postgresql://kam@db/kam\n";
  EXPECT_NE(message(load(pg), load(pg + "  pool:\n    size: 8\n")).find("changes database.pool.size (4 to 8), and"),
            std::string::npos);
  const std::string both = message(load(kSqlite), load("  url: sqlite:///srv/other.db\n  synchronous: normal\n"));
  EXPECT_NE(both.find("database.url (sqlite /var/lib/kam/kam.db to sqlite /srv/other.db), database.synchronous "
                      "(full to normal), and"),
            std::string::npos)
      << both;
}

TEST(ReloadRefusal, ChangedPasswordIsNamedButNeverShown) {
  Config a = load("  url: postgresql://kam@db/kam\n");
  Config b = a;
  b.database.pg_conninfo = a.database.pg_conninfo + "?password=Secret";
  const auto r = reload_refusal(a, b);
  ASSERT_TRUE(r);
  EXPECT_NE(r->message.find("database.password_env"), std::string::npos) << r->message;
  EXPECT_EQ(r->message.find("Secret"), std::string::npos) << r->message;
}

TEST(ReloadRefusal, TimeZoneChangeNeedsARestart) {
  const auto r = reload_refusal(load(kSqlite), load(kSqlite, "business:\n  time_zone: Asia/Shanghai\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, ReloadRefusal::Kind::needs_restart);
  EXPECT_NE(r->message.find("changes business.time_zone (UTC to Asia/Shanghai)"), std::string::npos) << r->message;
}

TEST(ReloadRefusal, FileThatGrantsReloadToNobodyLocksOut) {
  const Config a = load(kSqlite);  // default access: kam.admin may do everything
  const auto r = reload_refusal(a, load(kSqlite, "access:\n  roles:\n    erp.feed: [ingest]\n    kam.viewer: [audit.read]\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, ReloadRefusal::Kind::locks_out);
  EXPECT_EQ(r->message,
            "config_reload: next.yaml: access.roles grants config.reload to no role (neither 'config.reload' nor "
            "\"*\"), so nobody could reload the config again; keep it in at least one role; the old config keeps "
            "serving");
  // One role keeping it, by name or by "*", is enough (even if the reloading actor loses it).
  EXPECT_EQ(reload_refusal(a, load(kSqlite, "access:\n  roles:\n    ops: [config.reload]\n")), std::nullopt);
  EXPECT_EQ(reload_refusal(a, load(kSqlite, "access:\n  roles:\n    root: [\"*\"]\n")), std::nullopt);
}

}  // namespace
}  // namespace kam::config
