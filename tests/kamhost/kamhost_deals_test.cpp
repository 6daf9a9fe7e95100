// kamhost deals register|list|review|expire|conflicts, quote check and report channel (ABI 1.5) with
// the built plugin, on SQLite and PostgreSQL: the demo's duplicate master records as direct gold
// accounts, a house account rejected naming the matched account, first wins under another spelling
// until the protection ends, a review, a retry by the ERP's id, a quote's approval, the channel
// report and its SVG chart, usage errors and refusals with their exit codes.
#include <gtest/gtest.h>

#include <regex>

#include "kamhost_complaints_fixture.hpp"

namespace {

using namespace kamhost_test;

const char* const kChannelSections = R"(tiers:
  levels:
    - name: gold
      rule: {all: [{metric: revenue, op: ">=", value: "100000.00"}]}
      benefits: {discount_authority: "10%"}
    - {name: standard, default: true}
distributors:
  direct_channel_tiers: [gold]
  levels:
    gold:
      product_lines: [servers, storage]
      max_discount: {servers: "12%", default: "10%"}
      territories: [华东]
      protection_days: 30
discount_authority:
  approval_chain:
    - {up_to: "12%", role: supervisor}
    - {role: kam.admin}
)";

class KamhostDealsTest : public KamhostComplaintsTest {
 protected:
  void SetUp() override {
    KamhostComplaintsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    config_ = dir_.write("kam.yaml", read_file(config_) + kChannelSections);
  }
};

TEST_P(KamhostDealsTest, RegisterReviewExpireQuoteAndReport) {
  ASSERT_EQ(run({"demo", "generate", "--seed", "1", "--accounts", "1", "--end", "2026-11-20", "--out", "p.jsonl",
                 "--duplicates", "d.jsonl"})
                .exit,
            0);
  import_at("2026-11-20T12:00", "d.jsonl", read_file(dir_.path() / "d.jsonl"));
  import_at("2026-11-20T12:00", "dist.jsonl",
            R"({"kind":"distributor_upserted","event_id":"dist-1","occurred_at":"2026-01-01","distributor_id":"D-1","name":"East Channel","level":"gold","territories":["华东"]})"
            "\n"
            R"({"kind":"distributor_upserted","event_id":"dist-2","occurred_at":"2026-01-01","distributor_id":"D-2","name":"Second Channel","level":"gold"})"
            "\n");
  ASSERT_EQ(at("2026-11-20T12:00", {"tiers", "evaluate"}).exit, 0);

  // A house account under another spelling: rejected, naming the account.
  Result house = at("2026-11-21T10:00", {"deals", "register", "--user", "D-1", "--customer", "上海华东电子科技有限公司",
                                         "--region", "华东", "--line", "servers", "--amount", "500000", "--discount", "5%"});
  ASSERT_EQ(house.exit, 0) << house;
  EXPECT_TRUE(contains(house.out, ": rejected\n")) << house;
  EXPECT_TRUE(std::regex_search(house.out, std::regex("REJECTS house_account: the customer is house account DUP-0[1-5] ")))
      << house;

  // First wins: D-1 registers a prospect, D-2 is refused under another spelling, told until when.
  const json first = json_at("2026-11-21T10:00", {"deals", "register", "--user", "D-1", "--customer",
                                                  "苏州新区精密机械有限公司", "--region", "华东", "--line", "storage",
                                                  "--amount", "300000.00", "--id", "ERP-1"});
  EXPECT_EQ(first.at("decision"), "approved") << first.dump(2);
  Result second = at("2026-11-22T10:00", {"deals", "register", "--user", "D-2", "--customer", "新区精密机械（苏州）有限公司",
                                          "--region", "华东", "--line", "storage", "--amount", "300000.00"});
  EXPECT_TRUE(contains(second.out, "REJECTS already_registered: the customer is registered by distributor D-1 (ERP-1), "
                                   "protected until 2026-12-21 10:00 Asia/Shanghai"))
      << second;
  // The ERP retries ERP-1: the stored decision, nothing new.
  Result retry = at("2026-11-22T11:00", {"deals", "register", "--user", "D-1", "--customer", "苏州新区精密机械有限公司",
                                         "--region", "华东", "--line", "storage", "--amount", "300000.00", "--id", "ERP-1"});
  EXPECT_TRUE(contains(retry.out, "[stored earlier: this id was registered before]")) << retry;

  // Review: a discount above the level's 12% for servers.
  const json big = json_at("2026-11-23T10:00", {"deals", "register", "--user", "D-2", "--customer", "杭州钱塘化工有限公司",
                                                "--region", "华东", "--line", "servers", "--amount", "100000", "--discount", "13%"});
  ASSERT_EQ(big.at("decision"), "needs_review") << big.dump(2);
  const std::string id = big.at("registration_id");
  Result queue = at("2026-11-23T11:00", {"deals", "list", "--review-queue"});
  EXPECT_TRUE(contains(queue.out, id)) << queue;
  Result no_reason = at("2026-11-23T11:00", {"deals", "review", id, "--approve"});
  EXPECT_EQ(no_reason.exit, 2) << no_reason;
  Result reviewed = at("2026-11-23T11:00", {"deals", "review", id, "--reject", "--reason", "price war risk"});
  ASSERT_EQ(reviewed.exit, 0) << reviewed;
  EXPECT_TRUE(contains(reviewed.out, ": rejected (decided needs_review)\n")) << reviewed;
  Result again = at("2026-11-23T11:00", {"deals", "review", id, "--approve", "--reason", "x"});
  EXPECT_EQ(again.exit, 1) << again;
  EXPECT_TRUE(contains(again.err, "not in review")) << again;

  // Expiry at the end of ERP-1's 30 days; then D-2 may register the customer.
  Result early = at("2026-12-21T09:59", {"deals", "expire"});
  EXPECT_TRUE(contains(early.out, "0 registrations expired")) << early;
  Result expired = at("2026-12-21T10:00", {"deals", "expire"});
  EXPECT_TRUE(contains(expired.out, "1 registration expired")) << expired;
  const json now_theirs = json_at("2026-12-21T10:01", {"deals", "register", "--user", "D-2", "--customer",
                                                       "新区精密机械（苏州）有限公司", "--region", "华东", "--line", "storage",
                                                       "--amount", "1"});
  EXPECT_EQ(now_theirs.at("decision"), "approved") << now_theirs.dump(2);

  // A distributor sees its own only; another distributor's list is refused (exit 1).
  Result own = at("2026-12-21T11:00", {"deals", "list", "--user", "D-1", "--role", "kam.admin"});
  EXPECT_TRUE(contains(own.out, "ERP-1")) << own;
  Result refused = at("2026-12-21T11:00", {"deals", "list", "--user", "x", "--role", "agent"});
  EXPECT_EQ(refused.exit, 1) << refused;
  EXPECT_TRUE(contains(refused.err, "deals.read")) << refused;

  // A quote: gold's 10% direct, 11% needs the supervisor, 13% the admin.
  Result within = at("2026-12-21T11:00", {"quote", "check", "--account", "DUP-02", "--line", "servers", "--discount", "10%"});
  EXPECT_TRUE(contains(within.out, ": ALLOWED\n")) << within;
  Result above = at("2026-12-21T11:00", {"quote", "check", "--account", "DUP-02", "--line", "servers", "--discount", "11%"});
  EXPECT_TRUE(contains(above.out, "approval by role supervisor")) << above;
  Result bad = at("2026-12-21T11:00", {"quote", "check", "--account", "DUP-02", "--line", "servers", "--discount", "150%"});
  EXPECT_EQ(bad.exit, 2) << bad;
  Result unknown = at("2026-12-21T11:00", {"quote", "check", "--account", "NOPE", "--line", "servers", "--discount", "1%"});
  EXPECT_EQ(unknown.exit, 1) << unknown;

  // The channel report and its chart; conflicts.
  Result report = at("2026-12-21T11:00", {"report", "channel", "--from", "2026-11-01", "--svg", "channel.svg"});
  ASSERT_EQ(report.exit, 0) << report;
  EXPECT_TRUE(contains(report.out, "Channel report: 5 registrations, 2 approved, 1 in review, 2 rejected")) << report;
  EXPECT_TRUE(std::regex_search(report.out, std::regex("\nhouse_account +1\n"))) << report;
  const std::string svg = read_file(dir_.path() / "channel.svg");
  EXPECT_TRUE(contains(svg, "<svg ")) << svg;
  EXPECT_TRUE(contains(svg, "level gold")) << svg;
  Result conflicts = at("2026-12-21T11:00", {"deals", "conflicts", "--from", "2026-11-01"});
  EXPECT_TRUE(contains(conflicts.out, "2 registrations")) << conflicts;
}

INSTANTIATE_TEST_SUITE_P(Backends, KamhostDealsTest, testing::Values(false, true),
                         [](const auto& info) { return info.param ? "PostgreSQL" : "SQLite"; });

}  // namespace
