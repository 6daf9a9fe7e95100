// decision_test.cpp - core/distributors: every reason of a registration decision alone, four at once
// (all named), the outcome each leads to, the scope rule (the distributor's own territories narrowed
// by its level's), quota periods, and the discount authority of a quote at every boundary.
#include "core/distributors/decision.hpp"

#include <gtest/gtest.h>

#include "core/distributors/discount.hpp"

namespace kam::core::distributors {
namespace {

Level gold() {
  Level l;
  l.name = "gold";
  l.product_lines = {"servers", "storage", "software"};
  l.max_discount_bp = {{"servers", 1500}, {"storage", 1200}};
  l.default_max_discount_bp = 1000;
  l.territories = {"华东", "华南"};
  l.industries = {};
  l.quota = Quota{20, QuotaPeriod::month};
  l.protection_days = 90;
  l.review_above_minor = 100'000'000;  // 1,000,000.00
  return l;
}

Distributor dist() { return Distributor{"D-1", "Shanghai Channel", "gold", {"华东"}, {"manufacturing", "energy"}}; }

Deal good_deal() { return Deal{"华东", "manufacturing", {"servers"}, 50'000'000, 800}; }

struct Case {
  Distributor d = dist();
  Level level = gold();
  bool has_level = true;
  Deal deal = good_deal();
  std::vector<HouseAccount> house;
  std::vector<EarlierRegistration> earlier;
  std::optional<QuotaUse> quota = QuotaUse{3, "2026-03-01"};

  Decision run() const { return decide({d, has_level ? &level : nullptr, deal, house, earlier, quota}); }
};

std::vector<std::string> codes(const Decision& d) {
  std::vector<std::string> out;
  for (const Finding& f : d.findings) out.push_back(reason_code(f.reason));
  return out;
}

TEST(DealDecision, CleanRegistrationIsApprovedWithNoReasons) {
  const Decision d = Case{}.run();
  EXPECT_EQ(d.outcome, Outcome::approved);
  EXPECT_TRUE(d.findings.empty());
}

TEST(DealDecision, UnknownLevelAlone) {
  Case c;
  c.has_level = false;
  c.d.level = "platinum-partner";
  const Decision d = c.run();
  EXPECT_EQ(d.outcome, Outcome::rejected);
  EXPECT_EQ(codes(d), std::vector<std::string>{"unknown_level"});
  EXPECT_NE(d.findings[0].message.find("platinum-partner"), std::string::npos);
}

TEST(DealDecision, OutsideTerritoryAloneNamesTheAllowedRegions) {
  Case c;
  c.deal.region = "华南";  // the level allows it, the distributor itself does not
  const Decision d = c.run();
  EXPECT_EQ(d.outcome, Outcome::rejected);
  EXPECT_EQ(codes(d), std::vector<std::string>{"outside_territory"});
  EXPECT_EQ(d.findings[0].values, std::vector<std::string>{"华南"});
  EXPECT_EQ(d.findings[0].allowed, std::vector<std::string>{"华东"});
  c.deal.region = "";  // a territory-bound distributor must say where
  EXPECT_EQ(codes(c.run()), std::vector<std::string>{"outside_territory"});
}

TEST(DealDecision, OutsideIndustryAlone) {
  Case c;
  c.deal.industry = "retail";
  const Decision d = c.run();
  EXPECT_EQ(codes(d), std::vector<std::string>{"outside_industry"});
  EXPECT_EQ(d.outcome, Outcome::rejected);
}

TEST(DealDecision, ProductLineNotAllowedAlone) {
  Case c;
  c.deal.product_lines = {"servers", "networking"};
  const Decision d = c.run();
  EXPECT_EQ(codes(d), std::vector<std::string>{"product_line_not_allowed"});
  EXPECT_EQ(d.findings[0].values, std::vector<std::string>{"networking"});
  EXPECT_EQ(d.outcome, Outcome::rejected);
}

TEST(DealDecision, DiscountAboveAuthorityAloneNeedsReviewAtTheStrictestLine) {
  Case c;
  c.deal.product_lines = {"servers", "storage"};  // 15% and 12%: 12% decides
  c.deal.discount_bp = 1200;
  EXPECT_EQ(c.run().outcome, Outcome::approved);  // at the limit
  c.deal.discount_bp = 1199;
  EXPECT_EQ(c.run().outcome, Outcome::approved);  // one below
  c.deal.discount_bp = 1201;                      // one above
  const Decision d = c.run();
  EXPECT_EQ(d.outcome, Outcome::needs_review);
  EXPECT_EQ(codes(d), std::vector<std::string>{"discount_above_authority"});
  EXPECT_EQ(d.findings[0].product_line, "storage");
  EXPECT_EQ(*d.findings[0].asked, 1201);
  EXPECT_EQ(*d.findings[0].limit, 1200);
  c.deal.product_lines = {"software"};  // a line without its own maximum: the default 10%
  c.deal.discount_bp = 1001;
  EXPECT_EQ(c.run().findings.at(0).limit, 1000);
}

TEST(DealDecision, HouseAccountAloneNamesTheMatchedAccount) {
  Case c;
  c.house = {{"ACC-1", "上海华东电子科技有限公司", "platinum", 9400}};
  const Decision d = c.run();
  EXPECT_EQ(d.outcome, Outcome::rejected);
  EXPECT_EQ(codes(d), std::vector<std::string>{"house_account"});
  EXPECT_EQ(d.findings[0].house->account_id, "ACC-1");
  EXPECT_NE(d.findings[0].message.find("ACC-1"), std::string::npos);
  EXPECT_NE(d.findings[0].message.find("94.00%"), std::string::npos);
}

TEST(DealDecision, AlreadyRegisteredAloneSaysUntilWhen) {
  Case c;
  c.earlier = {{"DR-7", "D-2", 1'790'000'000'000, "2026-09-21 10:00 Asia/Shanghai", 9000}};
  const Decision d = c.run();
  EXPECT_EQ(d.outcome, Outcome::rejected);
  EXPECT_EQ(codes(d), std::vector<std::string>{"already_registered"});
  EXPECT_NE(d.findings[0].message.find("2026-09-21 10:00 Asia/Shanghai"), std::string::npos);
  EXPECT_NE(d.findings[0].message.find("D-2"), std::string::npos);
}

TEST(DealDecision, QuotaUsedUpAloneAtTheBoundary) {
  Case c;
  c.quota = QuotaUse{19, "2026-03-01"};
  EXPECT_EQ(c.run().outcome, Outcome::approved);  // the 20th registration of the month
  c.quota = QuotaUse{20, "2026-03-01"};
  const Decision d = c.run();
  EXPECT_EQ(codes(d), std::vector<std::string>{"quota_used_up"});
  EXPECT_EQ(d.outcome, Outcome::rejected);
  c.level.quota.reset();  // no quota at all
  EXPECT_EQ(c.run().outcome, Outcome::approved);
}

TEST(DealDecision, LargeDealAloneNeedsReview) {
  Case c;
  c.deal.amount_reporting_minor = 100'000'000;
  EXPECT_EQ(c.run().outcome, Outcome::approved);  // at the threshold
  c.deal.amount_reporting_minor = 100'000'001;
  const Decision d = c.run();
  EXPECT_EQ(codes(d), std::vector<std::string>{"large_deal"});
  EXPECT_EQ(d.outcome, Outcome::needs_review);
}

TEST(DealDecision, FourReasonsAtOnceAreAllNamed) {
  Case c;
  c.deal.region = "西北";
  c.deal.product_lines = {"networking"};
  c.house = {{"ACC-1", "上海华东电子科技有限公司", "gold", 9100}};
  c.quota = QuotaUse{25, "2026-03-01"};
  const Decision d = c.run();
  EXPECT_EQ(d.outcome, Outcome::rejected);
  EXPECT_EQ(codes(d), (std::vector<std::string>{"outside_territory", "product_line_not_allowed", "house_account",
                                                "quota_used_up"}));
  // A review reason beside rejecting ones is still named; the outcome stays rejected.
  c.deal.product_lines = {"storage"};
  c.deal.discount_bp = 1300;
  EXPECT_EQ(codes(c.run()), (std::vector<std::string>{"outside_territory", "discount_above_authority",
                                                      "house_account", "quota_used_up"}));
  EXPECT_EQ(c.run().outcome, Outcome::rejected);
}

TEST(DealDecision, ScopeIsTheDistributorsOwnNarrowedByItsLevel) {
  EXPECT_FALSE(allowed_values({}, {}));
  EXPECT_EQ(*allowed_values({"a", "b"}, {}), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(*allowed_values({}, {"b", "c"}), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(*allowed_values({"a", "b"}, {"b", "c"}), (std::vector<std::string>{"b"}));
  EXPECT_TRUE(allowed_values({"a"}, {"c"})->empty());  // nothing in common: nowhere
}

TEST(DealDecision, QuotaPeriodsStartOnTheFirstDay) {
  const auto day = *time::LocalDate::parse("2026-08-17");
  EXPECT_EQ(period_start(day, QuotaPeriod::month).to_string(), "2026-08-01");
  EXPECT_EQ(period_start(day, QuotaPeriod::quarter).to_string(), "2026-07-01");
  EXPECT_EQ(period_start(day, QuotaPeriod::year).to_string(), "2026-01-01");
  EXPECT_EQ(period_start(*time::LocalDate::parse("2026-03-31"), QuotaPeriod::quarter).to_string(), "2026-01-01");
}

TEST(QuoteAuthority, EveryBoundaryOfTheChain) {
  const std::vector<ApprovalStep> chain = {{500, "account.manager"}, {1200, "sales.director"}, {std::nullopt, "sales.vp"}};
  // A gold direct account: 10% of its own, no retention.
  auto at = [&](int64_t asked) { return check_quote({1000, 0, asked}, chain); };
  EXPECT_EQ(at(999).outcome, QuoteOutcome::allowed);
  EXPECT_EQ(at(1000).outcome, QuoteOutcome::allowed);
  EXPECT_EQ(at(1001).outcome, QuoteOutcome::needs_approval);
  EXPECT_EQ(at(1001).approval->role, "sales.director");
  EXPECT_EQ(at(1200).approval->role, "sales.director");
  EXPECT_EQ(at(1201).approval->role, "sales.vp");
  EXPECT_EQ(at(1201).approval_step, 2u);
  // A silver account (5%): 5.01% is above the account manager's step (up to 5%): the director's.
  EXPECT_EQ(check_quote({500, 0, 501}, chain).approval->role, "sales.director");
  // Retention raises the limit: high risk 8% on a 5% tier allows 13%.
  EXPECT_EQ(check_quote({500, 800, 1300}, chain).outcome, QuoteOutcome::allowed);
  EXPECT_EQ(check_quote({500, 800, 1300}, chain).max_bp, 1300);
  EXPECT_EQ(check_quote({500, 800, 1301}, chain).approval->role, "sales.vp");
  // A chain that ends with a limit refuses above it.
  const std::vector<ApprovalStep> capped = {{1500, "sales.director"}};
  EXPECT_EQ(check_quote({1000, 0, 1500}, capped).outcome, QuoteOutcome::needs_approval);
  EXPECT_EQ(check_quote({1000, 0, 1501}, capped).outcome, QuoteOutcome::refused);
  EXPECT_EQ(check_quote({1000, 0, 1001}, {}).outcome, QuoteOutcome::refused);
}

}  // namespace
}  // namespace kam::core::distributors
