// database_url_test.cpp - database.url as libpq and the store read it: every spelling of a password
// is refused with the normal file:line:column error and never echoed; SQLite URLs the store would
// refuse (in-memory, file: URIs, relative paths leaving data_dir) are refused by the config too;
// and the one redaction function masks every spelling in text.
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config/database_url.hpp"
#include "config/redact.hpp"

namespace kam::config {
namespace {

const std::string kNoPassword =
    "database.url: must not contain a password; name an environment variable holding it in "
    "database.password_env, or use a PGPASSFILE";

// The single diagnostic of a config whose only problem is database.url (on line 3, column 8).
std::string url_error(const std::string& url) {
  try {
    load_config_text("kam: 1\ndatabase:\n  url: \"" + url + "\"\n", "kam.yaml");
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.diagnostics().size(), 1u) << e.what();
    return e.what();
  }
  return "loaded";
}

TEST(DatabaseUrlPassword, EverySpellingLibpqReadsIsRefused) {
  for (const std::string url : {
           "postgresql://kam:Secret@db/kam",
           "postgresql://kam@db/kam?password=Secret",
           "postgresql://kam@db/kam?pass%77ord=Secret",   // libpq decodes parameter names
           "postgresql://kam@db/kam?%70assword=Secret",
           "postgresql://kam@db/kam?%70%61%73%73%77%6f%72%64=Secret",
           "postgresql://u?x:Secret@db/kam",               // libpq: user "u?x", password "Secret"
           "postgres://kam@db/kam?sslmode=require&password=Secret",
           "postgresql://kam@db/kam?password=",            // empty is still a password parameter
       }) {
    const std::string error = url_error(url);
    EXPECT_EQ(error, "kam.yaml:3:8: " + kNoPassword) << url;
    EXPECT_EQ(error.find("Secret"), std::string::npos) << error;
  }
}

TEST(DatabaseUrlPassword, UrlsLibpqCannotReadAreRefusedWithoutEchoingThem) {
  const std::string error = url_error("postgresql://kam@db/kam?bogus=Secret");
  EXPECT_NE(error.find("libpq cannot read this URL: invalid URI query parameter)"), std::string::npos) << error;
  EXPECT_EQ(error.find("Secret"), std::string::npos) << error;
  EXPECT_EQ(url_error("postgresql://kam@db/kam?sslmode=%zzSecret").find("Secret"), std::string::npos);
}

TEST(DatabaseUrlPassword, UrlsWithoutPasswordStillLoad) {
  const Config c = load_config_text(
      "kam: 1\ndatabase:\n  url: \"postgresql://kam@db:5432/kam?sslmode=require&application_name=erp\"\n", "k");
  EXPECT_EQ(c.database.url, "postgresql://kam@db:5432/kam?sslmode=require&application_name=erp");
  EXPECT_EQ(c.database.pg_conninfo, c.database.url);
}

TEST(DatabaseUrlSqlite, InMemoryAndUriDatabasesAreRefusedAsCreateRefusesThem) {
  for (const std::string url : {"sqlite::memory:", "sqlite:file:kam.db?vfs=unix-none", "sqlite:file::memory:"}) {
    EXPECT_EQ(url_error(url),
              "kam.yaml:3:8: database.url: in-memory and URI SQLite databases (:memory:, file:...) are not "
              "supported; give a file path like sqlite:kam.db")
        << url;
  }
}

TEST(DatabaseUrlSqlite, DoubleQuoteInThePathIsRefusedAsCreateRefusesIt) {
  std::string error;
  EXPECT_FALSE(detail::parse_database_url("sqlite:///srv/k\"am.db", error));
  EXPECT_EQ(error, "a SQLite file path cannot contain a double quote (SOCI cannot pass it on to SQLite)");
  try {
    load_config_text("kam: 1\ninstance:\n  data_dir: /srv/k\"am\n", "kam.yaml");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "kam.yaml:3:13: instance.data_dir: a directory path cannot contain a double quote (SOCI "
                           "cannot pass it on to SQLite)");
  }
}

TEST(DatabaseUrlSqlite, RelativePathsStayInsideDataDir) {
  EXPECT_EQ(url_error("sqlite:../../../etc/kam.db"),
            "kam.yaml:3:8: database.url: a relative SQLite path stays inside instance.data_dir and names a "
            "file; \"../../../etc/kam.db\" does not (write sqlite:///ABSOLUTE/PATH for a file elsewhere)");
  for (const std::string url : {"sqlite:a/../../kam.db", "sqlite:..", "sqlite:.", "sqlite:db/"})
    EXPECT_NE(url_error(url).find("stays inside instance.data_dir"), std::string::npos) << url;
  // Inside data_dir, however written, and absolute paths (the admin's explicit choice) load.
  for (const std::string url : {"sqlite:kam.db", "sqlite:db/kam.db", "sqlite:db/../kam.db", "sqlite:./kam.db",
                                "sqlite:///var/lib/kam/kam.db", "sqlite:///tmp/../var/kam.db"}) {
    std::string error;
    EXPECT_TRUE(detail::parse_database_url(url, error)) << url << ": " << error;
  }
  const Config c = load_config_text("kam: 1\ninstance:\n  data_dir: /srv/kam\ndatabase:\n  url: sqlite:db/../kam.db\n", "k");
  EXPECT_EQ(c.database.sqlite_path, "/srv/kam/kam.db");
}

TEST(Redact, MasksEverySpellingInText) {
  EXPECT_EQ(redact_secrets("postgresql://u?x:Secret@db/kam"), "postgresql://u?x:***@db/kam");
  EXPECT_EQ(redact_secrets("open postgresql://kam@db/kam?pass%77ord=Secret&sslmode=require: refused"),
            "open postgresql://kam@db/kam?pass%77ord=***&sslmode=require: refused");
  EXPECT_EQ(redact_secrets("'postgresql:///?host=%2Ftmp&%70assword=Secret' failed"),
            "'postgresql:///?host=%2Ftmp&%70assword=***' failed");
  EXPECT_EQ(redact_secrets("a postgresql://k:S1@h/d and postgres://k@h/d?password=S2 b"),
            "a postgresql://k:***@h/d and postgres://k@h/d?password=*** b");
  EXPECT_EQ(redact_secrets("host=h password = 'x y' dbname=d"), "host=h password = *** dbname=d");
  EXPECT_EQ(redact_secrets("postgresql://kam@db:5432/kam?sslmode=require"), "postgresql://kam@db:5432/kam?sslmode=require");
  EXPECT_EQ(redact_secrets("no url here"), "no url here");
}

TEST(Redact, SummaryShowsNoPassword) {
  // The URL cannot carry one, but the summary goes through the redaction all the same.
  Config c;
  c.database.kind = DatabaseConfig::Kind::postgresql;
  c.database.url = "postgresql://kam:Secret@db/kam";
  EXPECT_EQ(c.summary().find("Secret"), std::string::npos) << c.summary();
}

}  // namespace
}  // namespace kam::config
