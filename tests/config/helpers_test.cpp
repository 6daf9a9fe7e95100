// helpers_test.cpp - the loader's building blocks: did-you-mean, database URLs, Diagnostic text.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config/database_url.hpp"
#include "config/did_you_mean.hpp"
#include "core/time/zone.hpp"

namespace kam::config {
namespace {

using namespace detail;

TEST(DidYouMean, EditDistance) {
  EXPECT_EQ(edit_distance("name", "name"), 0u);
  EXPECT_EQ(edit_distance("nmae", "name"), 1u);  // adjacent swap counts once
  EXPECT_EQ(edit_distance("databse", "database"), 1u);
  EXPECT_EQ(edit_distance("Asia/shanghai", "Asia/Shanghai"), 0u);  // case-insensitive
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(DidYouMean, EditDistanceStopsPastTheLimit) {
  EXPECT_EQ(edit_distance("kitten", "sitting", 3), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting", 2), 3u);  // "more than 2"
  EXPECT_EQ(edit_distance("abcdefgh", "zyxwvuts", 1), 2u);
  EXPECT_EQ(edit_distance(std::string(30000, 'x'), "Asia/Shanghai", 10), 11u);  // from the lengths
  EXPECT_EQ(edit_distance("Europe/Berlin" + std::string(20, 'q'), "Europe/Berlin", 25), 20u);
}

TEST(DidYouMean, HugeWordGetsNoSuggestionAndTheNormalError) {
  // A 30 KB time zone: the search is bounded (no timing here), the error is the usual one.
  const std::string zone = "Europe/Berlin" + std::string(30 * 1024, 'x');
  try {
    load_config_text("kam: 1\nbusiness:\n  time_zone: " + zone + "\n", "kam.yaml");
    FAIL();
  } catch (const ConfigError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("kam.yaml:3:14: business.time_zone: expected an IANA time zone name like Europe/Berlin or "
                         "Asia/Shanghai, got \"Europe/Berlin",
                         0),
              0u)
        << what.substr(0, 300);
    EXPECT_EQ(what.find("did you mean"), std::string::npos);
    EXPECT_LT(what.size(), 1000u);  // the name is shortened in the message
  }
  EXPECT_EQ(closest_match(zone, core::time::time_zone_names()), std::nullopt);
}

TEST(DidYouMean, SuggestsOnlyPlausibleCandidates) {
  const std::vector<std::string_view> levels{"debug", "info", "warning", "error"};
  EXPECT_EQ(closest_match("warn", levels), "warning");  // prefix
  EXPECT_EQ(closest_match("eror", levels), "error");
  EXPECT_EQ(closest_match("inf", levels), "info");
  EXPECT_EQ(closest_match("verbose", levels), std::nullopt);
  EXPECT_EQ(closest_match("x", levels), std::nullopt);
  EXPECT_EQ(closest_match("", levels), std::nullopt);
  EXPECT_EQ(did_you_mean_suffix("eror", levels), "; did you mean 'error'?");
  EXPECT_EQ(did_you_mean_suffix("zzz", levels), "");
}

TEST(DatabaseUrl, Sqlite) {
  std::string error;
  auto a = parse_database_url("sqlite:kam.db", error);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->kind, DatabaseConfig::Kind::sqlite);
  EXPECT_EQ(a->sqlite_file, "kam.db");
  auto b = parse_database_url("sqlite:///var/lib/kam/kam.db", error);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->sqlite_file, "/var/lib/kam/kam.db");
  EXPECT_FALSE(parse_database_url("sqlite:", error));
  EXPECT_FALSE(parse_database_url("sqlite://host/kam.db", error));
  EXPECT_NE(error.find("three slashes"), std::string::npos) << error;
}

TEST(DatabaseUrl, PostgresqlRefusesPasswords) {
  std::string error;
  EXPECT_TRUE(parse_database_url("postgresql://", error));
  EXPECT_TRUE(parse_database_url("postgresql://kam@db:5432/kam?sslmode=require", error));
  EXPECT_TRUE(parse_database_url("postgres://db/kam?passfile=/etc/kam/pgpass", error));
  EXPECT_FALSE(parse_database_url("postgresql://kam:pw@db/kam", error));
  EXPECT_FALSE(parse_database_url("postgresql://kam:@db/kam", error));
  EXPECT_FALSE(parse_database_url("postgresql://kam:p@ss/word@db/kam", error));  // unencoded '@' and '/'
  EXPECT_FALSE(parse_database_url("postgresql://db/kam?user=kam&password=pw", error));
  EXPECT_FALSE(parse_database_url("postgresql:///kam?password", error));
  EXPECT_EQ(error.find("pw"), std::string::npos);
}

TEST(DatabaseUrl, PercentEncodingAndPasswordParameter) {
  EXPECT_EQ(percent_encode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(percent_encode("a b/c@d%"), "a%20b%2Fc%40d%25");
  EXPECT_EQ(percent_encode("\xc3\xa9"), "%C3%A9");
  EXPECT_EQ(add_password_to_pg_url("postgresql://h/db", "pw"), "postgresql://h/db?password=pw");
  EXPECT_EQ(add_password_to_pg_url("postgresql://h/db?a=1", "pw"), "postgresql://h/db?a=1&password=pw");
  EXPECT_EQ(add_password_to_pg_url("postgresql://h/db?", "pw"), "postgresql://h/db?password=pw");
}

TEST(Diagnostics, ToStringLeavesOutUnknownPositions) {
  EXPECT_EQ((Diagnostic{"kam.yaml", 7, 14, "boom"}).to_string(), "kam.yaml:7:14: boom");
  EXPECT_EQ((Diagnostic{"kam.yaml", 7, 0, "boom"}).to_string(), "kam.yaml:7: boom");
  EXPECT_EQ((Diagnostic{"kam.yaml", 0, 0, "boom"}).to_string(), "kam.yaml: boom");
  EXPECT_EQ((Diagnostic{"", 0, 0, "boom"}).to_string(), "boom");
}

TEST(Diagnostics, ConfigErrorListsOnePerLine) {
  const ConfigError e({{"a.yaml", 1, 2, "first"}, {"a.yaml", 3, 4, "second"}});
  EXPECT_EQ(std::string(e.what()), "a.yaml:1:2: first\na.yaml:3:4: second");
  EXPECT_EQ(e.diagnostics().size(), 2u);
}

}  // namespace
}  // namespace kam::config
