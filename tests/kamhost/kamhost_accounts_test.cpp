// kamhost accounts duplicates|match|merge|unmerge (ABI 1.4) with the built plugin, on SQLite and
// PostgreSQL: the demo's duplicate master records (demo generate --duplicates) imported, their
// clusters and reasons, a name matched with a tax id, a merge shown on the cards and undone, usage
// errors and refusals with their exit codes.
#include <gtest/gtest.h>

#include <regex>

#include "kamhost_complaints_fixture.hpp"

namespace {

using namespace kamhost_test;

TEST_P(KamhostComplaintsTest, AccountsDuplicatesMatchMergeUnmerge) {
  ASSERT_EQ(run({"demo", "generate", "--seed", "1", "--accounts", "1", "--end", "2026-11-20", "--out", "p.jsonl",
                 "--duplicates", "d.jsonl"})
                .exit,
            0);
  Result imported = at("2026-11-20T12:00", {"import", "d.jsonl"});
  ASSERT_EQ(imported.exit, 0) << imported;
  EXPECT_TRUE(contains(imported.out, ": 16 accepted, 0 duplicates, 0 rejected")) << imported;

  // The clusters: the Shanghai company's five spellings (not Beijing's), the Shenzhen one's two.
  Result dup = at("2026-11-20T12:00", {"accounts", "duplicates"});
  ASSERT_EQ(dup.exit, 0) << dup;
  EXPECT_TRUE(contains(dup.out, "Cluster DUP-01: 5 accounts\n")) << dup;
  EXPECT_TRUE(contains(dup.out, "Cluster DUP-07: 2 accounts\n")) << dup;
  EXPECT_FALSE(contains(dup.out, "DUP-06")) << "北京华东电子科技 is another company:\n" << dup;
  EXPECT_TRUE(contains(dup.out, "(INVALID, not used: check character is '5', the first 17 characters call for '4')"))
      << dup;
  EXPECT_TRUE(
      std::regex_search(dup.out, std::regex("\n  DUP-01 ~ DUP-03  1\\.00, match: trade names 华东 and huadong")))
      << dup;
  EXPECT_TRUE(contains(dup.out, "2 clusters at min score 0.85 over 8 accounts")) << dup;
  const json page = json_at("2026-11-20T12:00", {"accounts", "duplicates", "--limit", "1"});
  EXPECT_EQ(page.at("clusters").size(), 1u);
  EXPECT_EQ(page.at("next_after"), "DUP-01");
  Result strict = at("2026-11-20T12:00", {"accounts", "duplicates", "--min-score", "1.5"});
  EXPECT_EQ(strict.exit, 2) << strict;
  EXPECT_TRUE(contains(strict.err, "--min-score: expected a score above 0 and at most 1")) << strict;

  // Match: the English name, and a tax id that decides by itself.
  Result m = at("2026-11-20T12:00", {"accounts", "match", "Huadong Electronics Technology (Shanghai) Co., Ltd."});
  ASSERT_EQ(m.exit, 0) << m;
  EXPECT_TRUE(std::regex_search(m.out, std::regex("\n +1\\.00 +DUP-01 +华东电子科技（上海）有限公司"))) << m;
  EXPECT_FALSE(contains(m.out, "DUP-06")) << m;
  const json by_tax =
      json_at("2026-11-20T12:00", {"accounts", "match", "Anything Else Ltd", "--tax-id", "91310000MA1K35U4XQ"});
  ASSERT_EQ(by_tax.at("candidates").size(), 2u) << by_tax.dump(2);
  EXPECT_EQ(by_tax.at("candidates")[0].at("certain"), true);

  // Merge: the golden card lists them, a merged card says where it went; unmerge undoes it.
  Result merge = at("2026-11-20T12:00", {"accounts", "merge", "DUP-02", "DUP-01", "DUP-03", "--reason", "one company"});
  ASSERT_EQ(merge.exit, 0) << merge;
  EXPECT_TRUE(contains(merge.out, "Merged into DUP-02: DUP-01, DUP-03\n")) << merge;
  Result golden = at("2026-11-20T12:00", {"account", "show", "DUP-02"});
  EXPECT_TRUE(
      std::regex_search(golden.out, std::regex("\n  merged accounts +DUP-01, DUP-03 \\(counted as this account\\)\n")))
      << golden;
  Result member = at("2026-11-20T12:00", {"account", "show", "DUP-01"});
  EXPECT_TRUE(std::regex_search(member.out, std::regex("\n  merged into +DUP-02 "))) << member;
  Result elsewhere = at("2026-11-20T12:00", {"accounts", "merge", "DUP-04", "DUP-01", "--reason", "x"});
  EXPECT_EQ(elsewhere.exit, 1) << elsewhere;
  EXPECT_TRUE(contains(elsewhere.err, "account 'DUP-01' is already merged into 'DUP-02'; unmerge it first"))
      << elsewhere;
  Result no_reason = at("2026-11-20T12:00", {"accounts", "merge", "DUP-02", "DUP-04"});
  EXPECT_EQ(no_reason.exit, 2) << no_reason;
  Result refused = at("2026-11-20T12:00",
                      {"accounts", "merge", "DUP-02", "DUP-04", "--reason", "x", "--user", "a1", "--role", "agent"});
  EXPECT_EQ(refused.exit, 1) << refused;
  EXPECT_TRUE(contains(refused.err, "accounts.merge")) << refused;
  Result unmerge = at("2026-11-20T12:00", {"accounts", "unmerge", "DUP-01", "--reason", "separate after all"});
  ASSERT_EQ(unmerge.exit, 0) << unmerge;
  EXPECT_TRUE(contains(unmerge.out, "DUP-01 is no longer merged into DUP-02")) << unmerge;
  const json card = json_at("2026-11-20T12:00", {"account", "show", "DUP-02"});
  ASSERT_EQ(card.at("merged_accounts").size(), 1u);
  EXPECT_EQ(card.at("merged_accounts")[0].at("account_id"), "DUP-03");
}

}  // namespace
