// kamhost tiers list (ABI 1.2 tiers_list) on the tier fixture (kamhost_tiers_fixture.hpp) and on
// 2,500 accounts: every account once across pages of 1000, the --tier filter, --limit, an unknown
// tier, and CSV quoting of a name with a comma and a quote.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "kamhost_tiers_fixture.hpp"

namespace {

using namespace kamhost_test;

// The data rows of a table (without the header and the "N accounts" line).
std::vector<std::string> table_rows(const std::string& out) {
  std::vector<std::string> lines = lines_of(out);
  if (lines.size() < 2) return {};
  return std::vector<std::string>(lines.begin() + 1, lines.end() - 1);
}

std::string first_word(const std::string& line) { return line.substr(0, line.find(' ')); }

TEST_F(KamhostTiersTest, ListShowsEveryTierAndFilters) {
  ASSERT_EQ(with_config({"tiers", "evaluate"}).exit, 0);
  Result all = with_config({"tiers", "list"});
  ASSERT_EQ(all.exit, 0) << all;
  const auto lines = lines_of(all.out);
  ASSERT_EQ(lines.size(), 6u) << all;
  for (const char* column : {"ACCOUNT", "NAME", "TIER", "SINCE", "COMPUTED", "OVERRIDDEN", "PENDING DOWNGRADE", "CHURN"})
    EXPECT_TRUE(contains(lines[0], column)) << column << "\n" << all;
  EXPECT_TRUE(contains(lines[1], "A1")) << all;
  EXPECT_TRUE(contains(lines[1], "Alpha Industrial")) << all;
  EXPECT_TRUE(contains(lines[1], "platinum")) << all;
  EXPECT_TRUE(contains(lines[1], utc_date(now_ms()))) << all;  // since: today, in the business zone (UTC)
  EXPECT_TRUE(contains(lines[4], "A4")) << all;
  EXPECT_TRUE(contains(lines[4], "standard")) << all;
  EXPECT_EQ(lines[5], "4 accounts") << all;

  Result gold = with_config({"tiers", "list", "--tier", "gold"});
  ASSERT_EQ(gold.exit, 0) << gold;
  const auto gold_rows = table_rows(gold.out);
  ASSERT_EQ(gold_rows.size(), 1u) << gold;
  EXPECT_EQ(first_word(gold_rows[0]), "A2") << gold;
  EXPECT_TRUE(contains(gold.out, "1 account in gold\n")) << gold;

  Result limited = with_config({"tiers", "list", "--limit", "3"});
  ASSERT_EQ(limited.exit, 0) << limited;
  EXPECT_EQ(table_rows(limited.out).size(), 3u) << limited;

  Result unknown = with_config({"tiers", "list", "--tier", "diamond"});
  EXPECT_EQ(unknown.exit, 1) << unknown;
  EXPECT_EQ(unknown.out, "") << unknown;  // not even the header
  EXPECT_TRUE(contains(unknown.err, "tier 'diamond' is not configured")) << unknown;
  EXPECT_TRUE(contains(unknown.err, "platinum, gold, silver, standard")) << unknown;

  Result usage = with_config({"tiers", "list", "--limit", "0"});
  EXPECT_EQ(usage.exit, 2) << usage;
  EXPECT_TRUE(contains(usage.err, "--limit needs a whole number")) << usage;
}

TEST_F(KamhostTiersTest, ListCsvQuotesNamesWithCommasAndQuotes) {
  import_lines("quoted.jsonl", account_line("A5", R"(Acme, \"North\" Ltd)"));
  ASSERT_EQ(with_config({"tiers", "evaluate"}).exit, 0);
  Result csv = with_config({"tiers", "list", "--csv"});
  ASSERT_EQ(csv.exit, 0) << csv;
  const auto lines = lines_of(csv.out);
  ASSERT_EQ(lines.size(), 6u) << csv;  // the header and five accounts, no summary line
  EXPECT_EQ(lines[0], "account_id,name,tier,since,computed_tier,overridden,pending_downgrade_to,churn_level\r");
  EXPECT_EQ(lines[1].rfind("A1,Alpha Industrial,platinum," + utc_date(now_ms()) + ",platinum,no,,", 0), 0u) << csv;
  EXPECT_EQ(lines[5].rfind(R"(A5,"Acme, ""North"" Ltd",standard,)", 0), 0u) << csv;
}

// More accounts than three pages of 1000: each exactly once, in id order, with the filter too.
TEST_F(KamhostTiersTest, ListPagesThroughEveryAccount) {
  std::string feed;
  char id[16];
  for (int i = 1; i <= 2500; ++i) {
    std::snprintf(id, sizeof id, "P%04d", i);
    feed += account_line(id, std::string("Paged ") + id);
  }
  for (int i = 1; i <= 2500; i += 100) {  // every 100th account is silver
    std::snprintf(id, sizeof id, "P%04d", i);
    feed += order_line(std::string("PO-") + id, id, 12'000'000, 3);
  }
  import_lines("paged.jsonl", feed);
  ASSERT_EQ(with_config({"tiers", "evaluate"}).exit, 0);

  Result all = with_config({"tiers", "list"});
  ASSERT_EQ(all.exit, 0) << all.err;
  const auto rows = table_rows(all.out);
  ASSERT_EQ(rows.size(), 2504u) << all.err;
  std::set<std::string> ids;
  std::string previous;
  for (const auto& row : rows) {
    const std::string account = first_word(row);
    EXPECT_LT(previous, account);
    previous = account;
    ids.insert(account);
  }
  EXPECT_EQ(ids.size(), 2504u);
  EXPECT_EQ(lines_of(all.out).back(), "2504 accounts");

  Result silver = with_config({"tiers", "list", "--tier", "silver", "--csv"});
  ASSERT_EQ(silver.exit, 0) << silver.err;
  const auto silver_lines = lines_of(silver.out);
  ASSERT_EQ(silver_lines.size(), 1u + 25u + 1u) << silver.out;  // header, P0001, P0101, ..., P2401, A3
  EXPECT_EQ(silver_lines[1].rfind("A3,", 0), 0u);
  EXPECT_EQ(silver_lines[2].rfind("P0001,", 0), 0u);
  EXPECT_EQ(silver_lines.back().rfind("P2401,", 0), 0u);
}

}  // namespace
