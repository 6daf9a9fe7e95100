// valid_config_test.cpp - configs that must load: the shipped example, defaults, path resolution,
// PostgreSQL URLs with a password from the environment.
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "config/config.hpp"
#include "temp_dir.hpp"

namespace kam::config {
namespace {

using Kind = DatabaseConfig::Kind;
using Perms = std::set<std::string>;

// What libpq makes of a connection string: the value of one keyword, or "<none>".
std::string libpq_value(const std::string& conninfo, const std::string& keyword) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "unknown error";
    PQfreemem(error);
    return "<parse error: " + message + ">";
  }
  std::string value = "<none>";
  for (PQconninfoOption* o = options; o->keyword; ++o)
    if (keyword == o->keyword && o->val) value = o->val;
  PQconninfoFree(options);
  return value;
}

TEST(ValidConfig, ExampleFileLoads) {
  const Config c = load_config_file(KAM_EXAMPLE_CONFIG);
  EXPECT_EQ(c.format_version, 1);
  EXPECT_EQ(c.instance_name, "acme-erp");
  EXPECT_EQ(c.data_dir, "/var/lib/kam");
  EXPECT_EQ(c.database.kind, Kind::sqlite);
  EXPECT_EQ(c.database.url, "sqlite:kam.db");
  EXPECT_EQ(c.database.sqlite_path, "/var/lib/kam/kam.db");
  EXPECT_EQ(c.database.pg_conninfo, "");
  EXPECT_EQ(c.database.synchronous, DatabaseConfig::Synchronous::full);
  EXPECT_EQ(c.database.busy_timeout_ms, 5000);
  EXPECT_EQ(c.database.pool_size, 4);
  EXPECT_EQ(c.database.lease_timeout_ms, 5000);
  EXPECT_EQ(c.business.time_zone, "Asia/Shanghai");
  EXPECT_EQ(c.business.reporting_currency, "CNY");
  EXPECT_EQ(c.logging.level, LoggingConfig::Level::info);
  EXPECT_EQ(c.access.role_permissions.size(), 15u);
  EXPECT_EQ(c.access.role_permissions.at("kam.admin"), Perms{"*"});
  EXPECT_EQ(c.access.role_permissions.at("erp.feed"), Perms{"ingest"});
  EXPECT_TRUE(c.access.allows({"u", {"sales.manager"}}, "notifications.ack"));
  EXPECT_FALSE(c.access.allows({"u", {"erp.feed"}}, "audit.read"));
  EXPECT_EQ(c.source_name, KAM_EXAMPLE_CONFIG);
  EXPECT_EQ(c.content_hash.size(), 16u);
  EXPECT_EQ(c.summary(),
            "config OK: instance 'acme-erp', sqlite /var/lib/kam/kam.db (synchronous=full), 15 roles, "
            "tz Asia/Shanghai, currency CNY");
}

TEST(ValidConfig, DefaultsForEverythingButTheVersion) {
  const Config c = load_config_text("kam: 1\n", "kam.yaml");
  const Config d;  // the declared defaults
  EXPECT_EQ(c.instance_name, "kam");
  EXPECT_EQ(c.data_dir, ".");
  EXPECT_EQ(c.database.kind, Kind::sqlite);
  EXPECT_EQ(c.database.url, "sqlite:kam.db");
  EXPECT_EQ(c.database.sqlite_path, "kam.db");
  EXPECT_EQ(c.database.synchronous, d.database.synchronous);
  EXPECT_EQ(c.database.busy_timeout_ms, d.database.busy_timeout_ms);
  EXPECT_EQ(c.database.pool_size, d.database.pool_size);
  EXPECT_EQ(c.database.lease_timeout_ms, d.database.lease_timeout_ms);
  EXPECT_EQ(c.business.time_zone, "UTC");
  EXPECT_EQ(c.business.reporting_currency, "EUR");
  EXPECT_EQ(c.logging.level, LoggingConfig::Level::info);
  ASSERT_EQ(c.access.role_permissions.size(), 1u);
  EXPECT_EQ(c.access.role_permissions.at("kam.admin"), Perms{"*"});
  EXPECT_EQ(c.source_name, "kam.yaml");
  EXPECT_EQ(c.summary(), "config OK: instance 'kam', sqlite kam.db (synchronous=full), 1 role, tz UTC, currency EUR");
}

TEST(ValidConfig, EmptySectionsMeanDefaults) {
  const Config c = load_config_text("kam: 1\ninstance:\ndatabase:\n  pool:\nbusiness:\naccess:\nlogging:\n", "k");
  EXPECT_EQ(c.instance_name, "kam");
  EXPECT_EQ(c.database.pool_size, 4);
  EXPECT_EQ(c.access.role_permissions.at("kam.admin"), Perms{"*"});
}

TEST(ValidConfig, ExplicitlyEmptyRolesGrantNothing) {
  const Config c = load_config_text("kam: 1\naccess:\n  roles: {}\n", "k");
  EXPECT_TRUE(c.access.role_permissions.empty());
}

TEST(ValidConfig, ContentHashIsFnv1a64OfTheText) {
  // Reference values of FNV-1a 64 ("kam: 1\n" computed independently).
  EXPECT_EQ(load_config_text("kam: 1\n", "k").content_hash, "f297cecf83c37495");
  EXPECT_NE(load_config_text("kam: 1\n", "k").content_hash, load_config_text("kam: 1\n\n", "k").content_hash);
}

TEST(ValidConfig, RelativePathsResolveAgainstTheConfigFileDirectory) {
  test::TempDir dir;
  const std::string path = dir.write("etc/kam.yaml", "kam: 1\ninstance:\n  data_dir: ../data/\ndatabase:\n  url: sqlite:db/kam.db\n");
  const Config c = load_config_file(path);
  EXPECT_EQ(c.data_dir, (dir.path() / "data").string());
  EXPECT_EQ(c.database.sqlite_path, (dir.path() / "data/db/kam.db").string());
}

TEST(ValidConfig, DefaultDataDirIsTheConfigFileDirectory) {
  test::TempDir dir;
  const Config c = load_config_file(dir.write("kam.yaml", "kam: 1\n"));
  EXPECT_EQ(c.data_dir, dir.path().string());
  EXPECT_EQ(c.database.sqlite_path, (dir.path() / "kam.db").string());
}

TEST(ValidConfig, AbsoluteSqlitePathIgnoresDataDir) {
  const Config a = load_config_text("kam: 1\ninstance:\n  data_dir: /srv/kam\ndatabase:\n  url: sqlite:///tmp/x.db\n", "k");
  EXPECT_EQ(a.database.sqlite_path, "/tmp/x.db");
  const Config b = load_config_text("kam: 1\ninstance:\n  data_dir: /srv/kam\ndatabase:\n  url: sqlite:/tmp/y.db\n", "k");
  EXPECT_EQ(b.database.sqlite_path, "/tmp/y.db");
}

TEST(ValidConfig, TextRelativePathsStayRelativeToTheWorkingDirectory) {
  const Config c = load_config_text("kam: 1\ninstance:\n  data_dir: var/kam/\n", "k");
  EXPECT_EQ(c.data_dir, "var/kam");
  EXPECT_EQ(c.database.sqlite_path, "var/kam/kam.db");
}

TEST(ValidConfig, PostgresqlWithoutPassword) {
  const Config c = load_config_text(
      "kam: 1\ndatabase:\n  url: postgres://kam@db.example.com:5432/kam\n  busy_timeout_ms: 0\n"
      "  pool: {size: 64, lease_timeout_ms: 600000}\n",
      "k");
  EXPECT_EQ(c.database.kind, Kind::postgresql);
  EXPECT_EQ(c.database.pg_conninfo, "postgres://kam@db.example.com:5432/kam");
  EXPECT_EQ(c.database.sqlite_path, "");
  EXPECT_EQ(c.database.busy_timeout_ms, 0);
  EXPECT_EQ(c.database.pool_size, 64);
  EXPECT_EQ(c.database.lease_timeout_ms, 600000);
  EXPECT_EQ(c.summary(),
            "config OK: instance 'kam', postgresql postgres://kam@db.example.com:5432/kam (pool 64), 1 role, "
            "tz UTC, currency EUR");
}

TEST(ValidConfig, PasswordFromEnvironmentIsAddedForLibpq) {
  const std::string password = "p@ss w/rd&x=1%?";
  ASSERT_EQ(::setenv("KAM_CONFIG_TEST_PASSWORD", password.c_str(), 1), 0);
  const Config c = load_config_text(
      "kam: 1\ndatabase:\n  url: postgresql://kam@db.example.com:5432/kam?sslmode=require\n"
      "  password_env: KAM_CONFIG_TEST_PASSWORD\n",
      "k");
  const Config bare = load_config_text(
      "kam: 1\ndatabase:\n  url: postgresql://kam@localhost/kam\n  password_env: KAM_CONFIG_TEST_PASSWORD\n", "k");
  ::unsetenv("KAM_CONFIG_TEST_PASSWORD");

  EXPECT_EQ(c.database.url, "postgresql://kam@db.example.com:5432/kam?sslmode=require");  // no password
  EXPECT_EQ(c.database.pg_conninfo,
            "postgresql://kam@db.example.com:5432/kam?sslmode=require&password=p%40ss%20w%2Frd%26x%3D1%25%3F");
  EXPECT_EQ(libpq_value(c.database.pg_conninfo, "password"), password);
  EXPECT_EQ(libpq_value(c.database.pg_conninfo, "sslmode"), "require");
  EXPECT_EQ(libpq_value(c.database.pg_conninfo, "host"), "db.example.com");
  EXPECT_EQ(libpq_value(c.database.pg_conninfo, "user"), "kam");

  EXPECT_EQ(bare.database.pg_conninfo, "postgresql://kam@localhost/kam?password=p%40ss%20w%2Frd%26x%3D1%25%3F");
  EXPECT_EQ(libpq_value(bare.database.pg_conninfo, "password"), password);
  EXPECT_EQ(libpq_value(bare.database.pg_conninfo, "dbname"), "kam");
}

TEST(ValidConfig, AllChoicesAndPermissions) {
  const Config c = load_config_text(
      "kam: 1\ndatabase:\n  synchronous: normal\nlogging:\n  level: debug\n"
      "business:\n  time_zone: America/Argentina/Buenos_Aires\n  reporting_currency: JPY\n"
      "access:\n  roles:\n    everything: [config.reload, ingest, notifications.read, notifications.ack, audit.read]\n"
      "    nothing: []\n    'Sales Manager': ['*']\n",
      "k");
  EXPECT_EQ(c.database.synchronous, DatabaseConfig::Synchronous::normal);
  EXPECT_EQ(c.logging.level, LoggingConfig::Level::debug);
  EXPECT_EQ(c.business.time_zone, "America/Argentina/Buenos_Aires");
  EXPECT_EQ(c.business.reporting_currency, "JPY");
  EXPECT_EQ(c.access.role_permissions.at("everything").size(), 5u);
  EXPECT_TRUE(c.access.role_permissions.at("nothing").empty());
  EXPECT_TRUE(c.access.allows({"u", {"Sales Manager"}}, "audit.read"));
}

}  // namespace
}  // namespace kam::config
