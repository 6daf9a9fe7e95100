// kamhost demo generate: the demo company's feed is deterministic, imports cleanly (twice: the
// second time all duplicates) and has the long tail the demo is about.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "kamhost_test_support.hpp"
#include "kamhost_tiers_support.hpp"

namespace {

using namespace kamhost_test;
using nlohmann::json;

TEST(KamhostDemoTest, GeneratedPortfolioIsSeededLongTailedAndImportsTwice) {
  TempDir dir;
  auto generate = [&](const std::string& seed, const std::string& out) {
    Result r = kamhost(dir.path(), {"demo", "generate", "--seed", seed, "--accounts", "200", "--end", "2026-12-01",
                                    "--out", out});
    EXPECT_EQ(r.exit, 0) << r;
    EXPECT_TRUE(contains(r.out, "wrote " + out + ": 200 accounts, ")) << r;
    EXPECT_TRUE(contains(r.out, " over the year to 2026-12-01T00:00:00Z (seed " + seed + ")")) << r;
    return read_file(dir.path() / out);
  };
  const std::string a = generate("5", "a.jsonl");
  EXPECT_EQ(generate("5", "b.jsonl"), a) << "the same seed gives the same file";
  EXPECT_NE(generate("6", "c.jsonl"), a);
  std::size_t accounts = 0, orders = 0;
  for (const std::string& line : lines_of(a)) {
    const json e = json::parse(line);
    if (e.at("kind") == "account_upserted") ++accounts;
    if (e.at("kind") == "order_posted") {
      ++orders;
      EXPECT_LT(e.at("occurred_at").get<std::string>(), "2026-12-01") << line;
      EXPECT_GE(e.at("occurred_at").get<std::string>(), "2025-12-01") << line;
    }
  }
  EXPECT_EQ(accounts, 200u);
  EXPECT_GT(orders, 600u) << "a year of orders";

  const std::string config = dir.write("kam.yaml", tier_config(dir.path()));
  Result first = kamhost(dir.path(), {"--now", "2026-12-01", "import", "a.jsonl", "--config", config});
  EXPECT_TRUE(contains(first.out, ": " + std::to_string(accounts + orders) + " accepted, 0 duplicates, 0 rejected"))
      << first;
  Result again = kamhost(dir.path(), {"--now", "2026-12-01", "import", "a.jsonl", "--config", config});
  EXPECT_TRUE(contains(again.out, ": 0 accepted, " + std::to_string(accounts + orders) + " duplicates, 0 rejected"))
      << again;
  Result raw = kamhost(dir.path(), {"--now", "2026-12-01", "report", "pareto", "--json", "--top", "1", "--config", config});
  ASSERT_EQ(raw.exit, 0) << raw;
  const json report = json::parse(raw.out);
  EXPECT_EQ(report.at("accounts"), 200);
  EXPECT_LT(report.at("accounts_in_top").get<int>(), 80) << "a long tail: well under 40% make 80% of revenue";

  Result usage = kamhost(dir.path(), {"demo", "generate", "--seed", "1"});
  EXPECT_EQ(usage.exit, 2) << usage;
  EXPECT_TRUE(contains(usage.err, "needs --out FILE.jsonl")) << usage;
}

}  // namespace
