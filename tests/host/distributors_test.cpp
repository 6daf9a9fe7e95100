// distributors_test.cpp - distributor rules (ABI 1.5, kam/distributors.h) through the real .so, on
// both backends, on config/kam.example.yaml as shipped: the issue's acceptance (a distributor
// registering 华东电子科技（上海）有限公司 is rejected as a house account when 上海华东电子科技有限公司 is a
// direct gold account, the reason naming it, the conflict notified to its manager and the channel
// managers), five reasons at once, first-wins between two distributors under two spellings and
// expiry exactly at the protection's end by the host clock, review, two hosts racing for one
// customer (exactly one wins), permissions and their audit, and a quote's discount authority at
// every boundary with a retention discount from churn risk.
#include <barrier>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "complaints_fixture.hpp"

namespace kam::host_test::complaints {
namespace {

using kam::host::DealRegistration;

const Actor kShanghai("D-SH", {"distributor"});   // gold level, 华东 only
const Actor kShenzhen("D-SZ", {"distributor"});   // gold level, 华南
const Actor kSmall("D-REG", {"distributor"});     // registered level, manufacturing only
const Actor kChannel("c-chen", {"channel.manager"});
const Actor kReviewer("r-rao", {"deal.reviewer"});
const Actor kDirector("s-dai", {"sales.director"});

class DistributorsTest : public ComplaintsHostTest {
 protected:
  kam::host::Distributors deals() { return instance().distributors(); }

  void distributor(const std::string& id, const std::string& level, std::vector<const char*> territories,
                   std::vector<const char*> industries = {}) {
    const std::string event_id = "dist-" + id, name = "Distributor " + id;
    kam_event_distributor d{};
    d.header = {sizeof d, KAM_EVENT_DISTRIBUTOR_UPSERTED, event_id.c_str(), cst(1, 5, 9)};
    d.distributor_id = id.c_str();
    d.name = name.c_str();
    d.level = level.c_str();
    d.territories = territories.empty() ? nullptr : territories.data();
    d.territory_count = static_cast<uint32_t>(territories.size());
    d.industries = industries.empty() ? nullptr : industries.data();
    d.industry_count = static_cast<uint32_t>(industries.size());
    ingest(instance(), d.header);
  }
  // A direct account named `name` with one order of `amount_minor` (default CNY 2,000,000.00: gold)
  // at a 20% margin on `order_at`, evaluated.
  void direct_account(const std::string& id, const std::string& name, int64_t order_at = cst(1, 6, 10),
                      int64_t amount_minor = 200'000'000) {
    const std::string event_id = "acc-" + id, order_event = "ord-" + id, order = "SO-" + id;
    kam_event_account a{};
    a.header = {sizeof a, KAM_EVENT_ACCOUNT_UPSERTED, event_id.c_str(), cst(1, 5, 9)};
    a.account_id = id.c_str();
    a.name = name.c_str();
    a.account_manager_id = "e-ann";
    ingest(instance(), a.header);
    kam_event_order o{};
    o.header = {sizeof o, KAM_EVENT_ORDER_POSTED, order_event.c_str(), order_at};
    o.order_id = order.c_str();
    o.account_id = id.c_str();
    o.amount.minor_units = amount_minor;
    std::memcpy(o.amount.currency, "CNY", 4);
    o.margin.minor_units = amount_minor / 5;
    std::memcpy(o.margin.currency, "CNY", 4);
    ingest(instance(), o.header);
    if (clock_.load() <= order_at) at(order_at + kHour);  // evaluated after its order
    instance().evaluate_tiers(kAdmin, id);
  }
  void setup_channel() {
    org();
    distributor("D-SH", "gold", {"华东"});
    distributor("D-SZ", "gold", {"华南", "华东"});
    distributor("D-REG", "registered", {}, {"manufacturing"});
  }
  static DealRegistration deal(const std::string& customer, const std::string& region = "华东",
                               std::vector<std::string> lines = {"servers"}, int64_t discount_bp = 500) {
    DealRegistration d;
    d.customer_name = customer;
    d.region = region;
    d.industry = "manufacturing";
    d.product_lines = std::move(lines);
    d.amount_minor = 80'000'000;  // CNY 800,000.00
    d.currency = "CNY";
    d.discount_bp = discount_bp;
    return d;
  }
  json register_as(const Actor& who, const DealRegistration& d) {
    return json::parse(deals().register_deal(who, d));
  }
  static std::vector<std::string> codes(const json& registration) {
    std::vector<std::string> out;
    for (const json& r : registration.at("reasons")) out.push_back(r.at("code"));
    return out;
  }
  static const json& reason(const json& registration, const std::string& code) {
    for (const json& r : registration.at("reasons"))
      if (r.at("code") == code) return r;
    throw std::runtime_error("no reason " + code + " in " + registration.dump());
  }
  template <class Fn>
  static kam_status status_of(Fn&& fn) {
    try {
      fn();
    } catch (const kam::host::Error& e) {
      return e.status();
    }
    return KAM_OK;
  }
};

TEST_P(DistributorsTest, HouseAccountUnderAnotherSpellingIsRejectedNamingTheAccount) {
  setup_channel();
  direct_account("ACC-HD", "上海华东电子科技有限公司");
  ASSERT_EQ(json::parse(instance().account_card(kAdmin, "ACC-HD")).at("tier").at("name"), "gold");
  at(cst(2, 2, 10));
  const json r = register_as(kShanghai, deal("华东电子科技（上海）有限公司"));
  EXPECT_EQ(r.at("decision"), "rejected") << r;
  EXPECT_EQ(r.at("status"), "rejected");
  EXPECT_EQ(codes(r), std::vector<std::string>{"house_account"});
  const json& house = reason(r, "house_account");
  EXPECT_EQ(house.at("effect"), "rejects");
  EXPECT_EQ(house.at("account").at("account_id"), "ACC-HD");
  EXPECT_EQ(house.at("account").at("tier"), "gold");
  EXPECT_GE(house.at("account").at("score_bp").get<int>(), 8500);
  EXPECT_NE(house.at("message").get<std::string>().find("ACC-HD"), std::string::npos);
  EXPECT_EQ(r.at("matched_account_id"), "ACC-HD");
  EXPECT_TRUE(r.at("conflict").get<bool>());
  EXPECT_TRUE(r.at("protected_until_ms").is_null());

  const std::vector<json> sent = new_notifications(instance(), {KAM_NOTIFY_CHANNEL_CONFLICT});
  ASSERT_EQ(sent.size(), 1u);
  const json& p = sent[0].at("payload");
  EXPECT_EQ(p.at("key"), "DEAL/" + r.at("registration_id").get<std::string>() + "/conflict");
  EXPECT_EQ(p.at("account_id"), "ACC-HD");
  EXPECT_EQ(p.at("employees"), json::array({"e-ann"}));
  EXPECT_EQ(p.at("roles"), json::array({"channel.manager"}));
  EXPECT_EQ(p.at("reasons"), json::array({"house_account"}));
  // Stored and audited.
  EXPECT_EQ(scalar("SELECT status FROM deal_registrations WHERE registration_id = '" +
                   r.at("registration_id").get<std::string>() + "'"),
            "rejected");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit WHERE action = 'deals.register'"), "1");
  // Through the channel (the account has a distributor) it would not be a house account; a silver
  // account is not one either: a registration of an unrelated customer is approved.
  const json other = register_as(kShanghai, deal("杭州西湖软件有限公司"));
  EXPECT_EQ(other.at("decision"), "approved") << other;
  EXPECT_TRUE(other.at("reasons").empty());
  EXPECT_EQ(other.at("protected_until_ms"), cst(2, 2, 10) + 90 * kDay);
}

TEST_P(DistributorsTest, FiveReasonsAtOnceAreAllNamed) {
  setup_channel();
  direct_account("ACC-HD", "上海华东电子科技有限公司");
  at(cst(2, 2, 10));
  // The registered level's quota: 3 per quarter.
  // Its deals stay below its review threshold (CNY 200,000.00).
  for (const char* c : {"苏州甲乙机械有限公司", "无锡丙丁机械有限公司", "常州戊己机械有限公司"}) {
    DealRegistration small = deal(c, "", {"storage"}, 200);
    small.amount_minor = 10'000'000;
    ASSERT_EQ(register_as(kSmall, small).at("decision"), "approved") << c;
  }
  DealRegistration d = deal("华东电子科技（上海）有限公司", "", {"servers"}, 500);
  d.amount_minor = 10'000'000;
  d.industry = "retail";
  const json r = register_as(kSmall, d);
  EXPECT_EQ(r.at("decision"), "rejected");
  EXPECT_EQ(codes(r), (std::vector<std::string>{"outside_industry", "product_line_not_allowed", "house_account",
                                                "quota_used_up"}))
      << r;
  EXPECT_EQ(reason(r, "quota_used_up").at("asked"), 3);
  EXPECT_EQ(reason(r, "quota_used_up").at("limit"), 3);
  EXPECT_EQ(reason(r, "product_line_not_allowed").at("values"), json::array({"servers"}));
  EXPECT_EQ(reason(r, "outside_industry").at("allowed"), json::array({"manufacturing"}));
  // The same with an allowed line but too much discount: the review reason is named beside them.
  DealRegistration e = d;
  e.product_lines = {"storage"};
  const json r2 = register_as(kSmall, e);
  EXPECT_EQ(codes(r2), (std::vector<std::string>{"outside_industry", "discount_above_authority", "house_account",
                                                 "quota_used_up"}));
  EXPECT_EQ(reason(r2, "discount_above_authority").at("effect"), "review");
  EXPECT_EQ(r2.at("decision"), "rejected");
}

TEST_P(DistributorsTest, FirstRegistrationWinsUntilItsProtectionEndsByTheHostClock) {
  setup_channel();
  at(cst(3, 2, 10));
  const json first = register_as(kShanghai, deal("深圳华南精密制造有限公司"));
  ASSERT_EQ(first.at("decision"), "approved") << first;
  const int64_t until = first.at("protected_until_ms");
  EXPECT_EQ(until, cst(3, 2, 10) + 90 * kDay);

  at(cst(3, 3, 9));
  const json second = register_as(kShenzhen, deal("华南精密制造（深圳）有限公司", "华南"));
  EXPECT_EQ(second.at("decision"), "rejected") << second;
  EXPECT_EQ(codes(second), std::vector<std::string>{"already_registered"});
  const json& held = reason(second, "already_registered").at("registration");
  EXPECT_EQ(held.at("registration_id"), first.at("registration_id"));
  EXPECT_EQ(held.at("distributor_id"), "D-SH");
  EXPECT_EQ(held.at("protected_until_ms"), until);
  EXPECT_NE(reason(second, "already_registered").at("message").get<std::string>().find("2026-05-31 10:00 Asia/Shanghai"),
            std::string::npos)
      << second;
  const std::vector<json> conflicts = new_notifications(instance(), {KAM_NOTIFY_CHANNEL_CONFLICT});
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].at("payload").at("earlier_distributor_id"), "D-SH");

  // One millisecond before the end nothing expires; at the end it does, notified once.
  at(until - 1);
  EXPECT_EQ(instance().tick(kAdmin).deals_expired, 0u);
  EXPECT_EQ(register_as(kShenzhen, deal("华南精密制造（深圳）有限公司", "华南")).at("decision"), "rejected");
  at(until);
  EXPECT_EQ(deals().expire(kAdmin), 1u);
  EXPECT_EQ(deals().expire(kAdmin), 0u);
  at(until + 2 * kHour);
  const kam_tick_result t = instance().tick(kAdmin);
  EXPECT_EQ(t.deals_ran, 1u);
  EXPECT_EQ(t.deals_expired, 0u);
  const std::vector<json> expired = new_notifications(instance(), {KAM_NOTIFY_DEAL_EXPIRED});
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].at("payload").at("registration_id"), first.at("registration_id"));
  EXPECT_EQ(expired[0].at("payload").at("expired_at_ms"), until);
  const json list = json::parse(deals().list(kShanghai));
  ASSERT_EQ(list.at("registrations").size(), 1u);
  EXPECT_EQ(list.at("registrations")[0].at("status"), "expired");
  EXPECT_EQ(list.at("registrations")[0].at("decision"), "approved");

  // The second distributor may register it now.
  const json third = register_as(kShenzhen, deal("华南精密制造（深圳）有限公司", "华南"));
  EXPECT_EQ(third.at("decision"), "approved") << third;
}

TEST_P(DistributorsTest, ReviewApprovesWithAReasonAndTheQueueEmpties) {
  setup_channel();
  at(cst(4, 1, 10));
  const json r = register_as(kShanghai, deal("宁波港湾物流设备有限公司", "华东", {"servers", "storage"}, 1300));
  EXPECT_EQ(r.at("decision"), "needs_review") << r;
  EXPECT_EQ(codes(r), std::vector<std::string>{"discount_above_authority"});
  EXPECT_EQ(reason(r, "discount_above_authority").at("limit"), 1200);  // storage's 12% decides
  const std::string id = r.at("registration_id");
  kam::host::DealsQuery queue;
  queue.review_queue = true;
  json q = json::parse(deals().list(kReviewer, queue));
  ASSERT_EQ(q.at("registrations").size(), 1u);
  EXPECT_EQ(q.at("registrations")[0].at("registration_id"), id);
  // A distributor neither sees the queue nor reviews.
  EXPECT_EQ(status_of([&] { deals().list(kShanghai, queue); }), KAM_ERR_PERMISSION);
  EXPECT_EQ(status_of([&] { deals().review(kShanghai, id, true, "mine"); }), KAM_ERR_PERMISSION);
  EXPECT_EQ(status_of([&] { deals().review(kReviewer, id, true, ""); }), KAM_ERR_INVALID_ARGUMENT);
  at(cst(4, 2, 10));
  const json approved = json::parse(deals().review(kReviewer, id, true, "strategic logistics customer"));
  EXPECT_EQ(approved.at("status"), "approved");
  EXPECT_EQ(approved.at("decision"), "needs_review");
  EXPECT_EQ(approved.at("review").at("reviewed_by"), "r-rao");
  EXPECT_EQ(approved.at("protected_until_ms"), cst(4, 2, 10) + 90 * kDay);
  EXPECT_EQ(status_of([&] { deals().review(kReviewer, id, false, "again"); }), KAM_ERR_CONFLICT);
  EXPECT_EQ(status_of([&] { deals().review(kReviewer, "DR-nope", false, "x"); }), KAM_ERR_NOT_FOUND);
  q = json::parse(deals().list(kReviewer, queue));
  EXPECT_TRUE(q.at("registrations").empty());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit WHERE action = 'deals.review'"), "1");
  // The channel report counts decisions and reasons.
  const json report = json::parse(deals().report(kChannel));
  EXPECT_EQ(report.at("total").at("registrations"), 1);
  EXPECT_EQ(report.at("total").at("needs_review"), 1);
  EXPECT_EQ(report.at("by_reason")[0].at("code"), "discount_above_authority");
  EXPECT_EQ(report.at("by_level")[0].at("level"), "gold");
  EXPECT_EQ(report.at("by_territory")[0].at("territory"), "华东");
}

TEST_P(DistributorsTest, PermissionsAndRetriesAreSafe) {
  setup_channel();
  at(cst(4, 1, 10));
  DealRegistration d = deal("温州瓯江阀门有限公司");
  d.distributor_id = "D-SZ";  // another distributor's: refused and audited, nothing stored
  EXPECT_EQ(status_of([&] { register_as(kShanghai, d); }), KAM_ERR_PERMISSION);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM deal_registrations"), "0");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit WHERE action = 'permission.refused' AND user_id = 'D-SH'"), "1");
  // The channel manager may register on any distributor's behalf.
  d.registration_id = "ERP-DEAL-1";
  const json r = register_as(kChannel, d);
  EXPECT_EQ(r.at("distributor_id"), "D-SZ");
  EXPECT_FALSE(r.at("replayed").get<bool>());
  // The same id again: the stored decision, nothing new.
  const json again = register_as(kChannel, d);
  EXPECT_TRUE(again.at("replayed").get<bool>());
  EXPECT_EQ(again.at("registration_id"), "ERP-DEAL-1");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM deal_registrations"), "1");
  // Reading: one's own only, or all.
  EXPECT_EQ(json::parse(deals().list(kShanghai)).at("registrations").size(), 0u);
  EXPECT_EQ(json::parse(deals().list(kShenzhen)).at("registrations").size(), 1u);
  kam::host::DealsQuery other;
  other.distributor_id = "D-SZ";
  EXPECT_EQ(status_of([&] { deals().list(kShanghai, other); }), KAM_ERR_PERMISSION);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit WHERE action = 'permission.refused' AND user_id = 'D-SH'"), "2");
  EXPECT_EQ(json::parse(deals().list(kChannel, other)).at("registrations").size(), 1u);
  // Bad input is refused with the member named; unknown distributors are not found.
  DealRegistration bad = deal("");
  EXPECT_EQ(status_of([&] { register_as(kShanghai, bad); }), KAM_ERR_INVALID_ARGUMENT);
  bad = deal("某公司");
  bad.discount_bp = 10001;
  EXPECT_EQ(status_of([&] { register_as(kShanghai, bad); }), KAM_ERR_INVALID_ARGUMENT);
  bad = deal("某公司");
  bad.currency = "XXY";
  EXPECT_EQ(status_of([&] { register_as(kShanghai, bad); }), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(status_of([&] { register_as(Actor("D-NONE", {"distributor"}), deal("某公司")); }), KAM_ERR_NOT_FOUND);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM deal_registrations"), "1");
}

// Two hosts on one database register the same customer, under two spellings, for two distributors
// at the same moment, for 12 customers: exactly one registration per customer wins.
TEST_P(DistributorsTest, TwoHostsRacingForOneCustomerExactlyOneWins) {
  setup_channel();
  at(cst(5, 6, 10));
  Instance other = make();
  const std::vector<std::pair<std::string, std::string>> customers = {
      {"上海浦江重工有限公司", "浦江重工（上海）有限公司"},       {"南京紫金电气有限公司", "紫金电气（南京）有限公司"},
      {"杭州钱塘化工有限公司", "钱塘化工（杭州）有限公司"},       {"合肥庐州汽车部件有限公司", "庐州汽车部件（合肥）有限公司"},
      {"苏州姑苏纺织有限公司", "姑苏纺织（苏州）有限公司"},       {"宁波甬江电子有限公司", "甬江电子（宁波）有限公司"},
      {"无锡太湖精工有限公司", "太湖精工（无锡）有限公司"},       {"常州龙城塑胶有限公司", "龙城塑胶（常州）有限公司"},
      {"嘉兴南湖机电有限公司", "南湖机电（嘉兴）有限公司"},       {"绍兴越州印染有限公司", "越州印染（绍兴）有限公司"},
      {"温州东海鞋业有限公司", "东海鞋业（温州）有限公司"},       {"南通江海船舶有限公司", "江海船舶（南通）有限公司"},
  };
  std::barrier start(2);
  std::vector<std::string> a_decisions(customers.size()), b_decisions(customers.size());
  auto run = [&](const Instance& on, const Actor& who, bool first_spelling, std::vector<std::string>& out) {
    const kam::host::Distributors table = on.distributors();
    for (size_t i = 0; i < customers.size(); ++i) {
      start.arrive_and_wait();
      const std::string& name = first_spelling ? customers[i].first : customers[i].second;
      out[i] = json::parse(table.register_deal(who, deal(name))).at("decision");
    }
  };
  std::thread a([&] { run(instance(), kShanghai, true, a_decisions); });
  std::thread b([&] { run(other, kShenzhen, false, b_decisions); });
  a.join();
  b.join();
  for (size_t i = 0; i < customers.size(); ++i) {
    const int wins = (a_decisions[i] == "approved") + (b_decisions[i] == "approved");
    EXPECT_EQ(wins, 1) << customers[i].first << ": " << a_decisions[i] << " / " << b_decisions[i];
  }
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM deal_registrations WHERE status = 'approved'"),
            std::to_string(customers.size()));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notifications WHERE kind = 4"), std::to_string(customers.size()));
}

// A quote's discount authority at every boundary: a gold direct account (10%), a silver-level
// distributor's servers (8%), the approval chain 5% / 12% / beyond, and a retention discount.
TEST_P(DistributorsTest, QuoteAuthorityAtEveryBoundary) {
  setup_channel();
  distributor("D-SILVER", "silver", {"华东"});
  direct_account("ACC-G", "北京燕山仪器有限公司");
  auto quote = [&](const std::string& distributor_id, const std::string& line, int64_t bp) {
    return json::parse(deals().quote(kDirector, {"ACC-G", distributor_id, line, bp}));
  };
  EXPECT_EQ(quote("", "servers", 999).at("outcome"), "allowed");
  EXPECT_EQ(quote("", "servers", 1000).at("outcome"), "allowed");
  const json above = quote("", "servers", 1001);
  EXPECT_EQ(above.at("outcome"), "needs_approval");
  EXPECT_EQ(above.at("approval").at("role"), "sales.director");
  EXPECT_EQ(quote("", "servers", 1200).at("approval").at("role"), "sales.director");
  EXPECT_EQ(quote("", "servers", 1201).at("approval").at("role"), "sales.vp");
  EXPECT_EQ(quote("", "servers", 1000).at("channel_max_bp"), 1000);
  // The other tiers of the direct channel: platinum 15%, silver 5%.
  direct_account("ACC-P", "广州珠江重机有限公司", cst(1, 6, 10), 600'000'000);
  direct_account("ACC-S", "成都锦江包装有限公司", cst(1, 6, 10), 30'000'000);
  auto direct = [&](const std::string& account, int64_t bp) {
    return json::parse(deals().quote(kDirector, {account, "", "storage", bp}));
  };
  ASSERT_EQ(direct("ACC-P", 0).at("tier"), "platinum");
  ASSERT_EQ(direct("ACC-S", 0).at("tier"), "silver");
  EXPECT_EQ(direct("ACC-P", 1499).at("outcome"), "allowed");
  EXPECT_EQ(direct("ACC-P", 1500).at("outcome"), "allowed");
  EXPECT_EQ(direct("ACC-P", 1501).at("approval").at("role"), "sales.vp");
  EXPECT_EQ(direct("ACC-S", 499).at("outcome"), "allowed");
  EXPECT_EQ(direct("ACC-S", 500).at("outcome"), "allowed");
  EXPECT_EQ(direct("ACC-S", 501).at("approval").at("role"), "sales.director");
  EXPECT_EQ(quote("D-SILVER", "servers", 799).at("outcome"), "allowed");
  EXPECT_EQ(quote("D-SILVER", "servers", 800).at("outcome"), "allowed");
  EXPECT_EQ(quote("D-SILVER", "servers", 801).at("outcome"), "needs_approval");
  EXPECT_EQ(quote("D-SILVER", "servers", 801).at("approval").at("role"), "sales.director");
  EXPECT_EQ(quote("D-SILVER", "software", 100).at("outcome"), "refused");  // silver does not carry it
  EXPECT_EQ(status_of([&] { deals().quote(kShanghai, {"ACC-G", "", "servers", 100}); }), KAM_ERR_PERMISSION);
  EXPECT_EQ(status_of([&] { deals().quote(kDirector, {"ACC-NONE", "", "servers", 100}); }), KAM_ERR_NOT_FOUND);

  // Churn risk raises the limit: an account whose only order is 200 days old is still gold, with
  // days_since_last_order at full weight (30 of the 60 points with data): medium risk, +3%.
  direct_account("ACC-R", "天津渤海港机有限公司", cst(1, 6, 10));
  at(cst(7, 25, 10));
  instance().evaluate_tiers(kAdmin, "ACC-R");
  const json card = json::parse(instance().account_card(kAdmin, "ACC-R"));
  ASSERT_EQ(card.at("tier").at("name"), "gold") << card;
  auto retained = [&](int64_t bp) { return json::parse(deals().quote(kDirector, {"ACC-R", "", "servers", bp})); };
  const json at_limit = retained(1300);
  EXPECT_EQ(at_limit.at("churn_level"), "medium") << at_limit;
  EXPECT_EQ(at_limit.at("retention_bp"), 300);
  EXPECT_EQ(at_limit.at("max_bp"), 1300);
  EXPECT_EQ(at_limit.at("outcome"), "allowed");
  EXPECT_EQ(retained(1299).at("outcome"), "allowed");
  EXPECT_EQ(retained(1301).at("outcome"), "needs_approval");
  EXPECT_EQ(retained(1301).at("approval").at("role"), "sales.vp");
}

INSTANTIATE_TEST_SUITE_P(Backends, DistributorsTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace kam::host_test::complaints
