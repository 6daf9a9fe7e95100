// identity_test.cpp - ABI 1.4 account identity through the real .so on SQLite and PostgreSQL: the
// issue's acceptance four (match and duplicates, with reasons), tax id rules through ingestion,
// merging (tiers count the golden account's orders as one, complaints of merged accounts appear under
// it, unmerge reverses it), refusals audited, idempotent identity keys, and a database from before
// schema 5 getting its identity rows when opened.
#include <algorithm>

#include "identity_fixture.hpp"

namespace kam::host_test::identity {
namespace {

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST_P(IdentityHostTest, AcceptanceFourFoundAsOneCompanyWithReasonsBeijingNot) {
  for (const AccountSpec& a : kAcceptance) account(a);
  const json dup = duplicates();
  const json cluster = cluster_of(dup, "A1");
  ASSERT_FALSE(cluster.is_null()) << dup.dump(2);
  EXPECT_EQ(ids_of(cluster), (std::vector<std::string>{"A1", "A2", "A3"})) << cluster.dump(2);
  EXPECT_TRUE(cluster_of(dup, "A4").is_null()) << "北京 is another company: " << dup.dump(2);
  EXPECT_EQ(cluster.at("cluster_id"), "A1");
  ASSERT_FALSE(cluster.at("pairs").empty());
  for (const json& p : cluster.at("pairs")) {
    EXPECT_GE(p.at("score_bp").get<int>(), 8500);
    EXPECT_FALSE(p.at("reasons").empty());
    EXPECT_NE(p.at("explanation").get<std::string>().find("trade names"), std::string::npos) << p.dump();
  }
  EXPECT_EQ(dup.at("accounts_scanned"), kAcceptance.size());
  EXPECT_TRUE(dup.at("next_after").is_null());

  const json m = match("华东电子科技（上海）有限公司");
  const std::vector<std::string> ids = candidate_ids(m);
  EXPECT_TRUE(has(ids, "A1") && has(ids, "A2") && has(ids, "A3")) << m.dump(2);
  EXPECT_FALSE(has(ids, "A4")) << m.dump(2);
  for (const json& c : m.at("candidates")) {
    EXPECT_FALSE(c.at("reasons").empty());
    EXPECT_TRUE(c.at("matched_via").is_null());
  }
  // The English name finds the Chinese ones, and a region given for a name without one is used.
  EXPECT_TRUE(has(candidate_ids(match("Huadong Electronics Technology (Shanghai) Co., Ltd.")), "A2"));
  kam::host::MatchQuery q;
  q.name = "华东电子科技有限公司";
  q.region = "北京";
  const json beijing = json::parse(identity().match(kDealDesk, q));
  EXPECT_TRUE(has(candidate_ids(beijing), "A4")) << beijing.dump(2);
  EXPECT_FALSE(has(candidate_ids(beijing), "A2")) << beijing.dump(2);
  q.region = "Atlantis";
  EXPECT_THROW(identity().match(kDealDesk, q), kam::host::Error);
}

TEST_P(IdentityHostTest, TaxIdRulesThroughIngestion) {
  const std::string code_a = uscc("91310000MA1FL0001"), code_b = uscc("91310000MA1FL0002");
  ASSERT_EQ(uscc("91350100M000100Y4"), "91350100M000100Y43");  // the standard's example
  std::string invalid = code_a;
  invalid.back() = invalid.back() == '0' ? '1' : '0';
  account({"T1", "上海甲乙贸易有限公司", "", invalid});
  account({"T2", "上海丙丁科技有限公司", "", code_a});
  account({"T3", "Totally Other Name Ltd", "", code_a});
  account({"T4", "上海华东电子科技有限公司", "", code_a});
  account({"T5", "上海华东电子科技有限公司", "", code_b});

  // Invalid: kept as given, flagged, never used to match.
  EXPECT_EQ(scalar("SELECT tax_id FROM accounts WHERE account_id = 'T1'"), invalid);
  EXPECT_EQ(scalar("SELECT tax_id_status FROM account_identity WHERE account_id = 'T1'"), "2");
  const json t1 = match("上海甲乙贸易有限公司", invalid);
  ASSERT_FALSE(t1.at("candidates").empty());
  EXPECT_EQ(t1.at("query").at("tax_id_status"), "invalid");
  EXPECT_FALSE(t1.at("query").at("tax_id_problem").get<std::string>().empty());
  EXPECT_EQ(t1.at("candidates")[0].at("tax_id_status"), "invalid");
  EXPECT_FALSE(t1.at("candidates")[0].at("certain").get<bool>());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM account_identity_keys WHERE block_key = 't:" + invalid + "'"), "0");

  // Equal valid codes: certain, whatever the names.
  const json by_code = match("Something Unrelated GmbH", code_a);
  const std::vector<std::string> ids = candidate_ids(by_code);
  EXPECT_TRUE(has(ids, "T2") && has(ids, "T3") && has(ids, "T4")) << by_code.dump(2);
  for (const json& c : by_code.at("candidates")) {
    EXPECT_TRUE(c.at("certain").get<bool>());
    EXPECT_EQ(c.at("score_bp"), 10000);
  }
  // Different valid codes never match, even with the same name.
  EXPECT_FALSE(has(candidate_ids(match("上海华东电子科技有限公司", code_b)), "T4"));
  const json dup = duplicates();
  const json t4 = cluster_of(dup, "T4");
  ASSERT_FALSE(t4.is_null());
  EXPECT_FALSE(has(ids_of(t4), "T5")) << dup.dump(2);
  EXPECT_TRUE(has(ids_of(t4), "T2") && has(ids_of(t4), "T3"));
}

TEST_P(IdentityHostTest, MergeCountsGoldenRevenueAsSumAndUnmergeReverses) {
  account({"G", "上海华东电子科技有限公司", "", ""});
  account({"M", "华东电子科技（上海）有限公司", "", ""});
  order("G", "SO-G", 600'000);  // each alone: silver (>= 250,000), together gold (>= 1,000,000)
  order("M", "SO-M", 600'000);
  instance().evaluate_tiers(kAdmin);
  EXPECT_EQ(json::parse(instance().account_card(kAdmin, "G")).at("tier").at("name"), "silver");
  EXPECT_EQ(json::parse(instance().account_card(kAdmin, "M")).at("tier").at("name"), "silver");
  // A complaint of M, received by e-ann.
  kam_event_employee ann{};
  ann.header = {sizeof ann, KAM_EVENT_EMPLOYEE_UPSERTED, "emp-e-ann", cst(1, 5, 9)};
  ann.employee_id = "e-ann";
  ann.name = "Ann";
  ann.department = "sales";
  ingest(instance(), ann.header);
  Step open;
  open.event_id = "c-1-open";
  open.complaint_id = "C-1";
  open.account_id = "M";
  open.employee = "e-ann";
  open.department = "sales";
  open.at_ms = cst(1, 7, 10);
  open.action = KAM_COMPLAINT_OPENED;
  const kam_event_complaint c = open.c_struct();
  ingest(instance(), c.header);
  EXPECT_TRUE(json::parse(instance().complaints().account(kAdmin, "G")).at("open").empty());

  const json merged = json::parse(identity().merge(kMaster, "G", {"M"}, "one company: duplicate master record"));
  EXPECT_EQ(merged.at("merged"), json::array({"M"}));
  instance().evaluate_tiers(kAdmin);
  const json golden = json::parse(instance().account_card(kAdmin, "G"));
  EXPECT_EQ(golden.at("tier").at("name"), "gold") << golden.dump(2);
  EXPECT_EQ(golden.at("metrics").at("revenue"), 120'000'000);  // CNY 1,200,000.00
  ASSERT_EQ(golden.at("merged_accounts").size(), 1u);
  EXPECT_EQ(golden.at("merged_accounts")[0].at("account_id"), "M");
  try {
    instance().evaluate_tiers(kAdmin, "M");
    ADD_FAILURE() << "a merged account has no tier of its own to evaluate";
  } catch (const kam::host::Error& e) {
    EXPECT_EQ(e.status(), KAM_ERR_CONFLICT);
    EXPECT_NE(e.message().find("is merged into 'G'"), std::string::npos) << e.what();
  }
  try {
    instance().set_tier_override(kAdmin, "M", "platinum", "strategic", cst(12, 31, 0));
    ADD_FAILURE() << "an override on a merged account would never show";
  } catch (const kam::host::Error& e) {
    EXPECT_EQ(e.status(), KAM_ERR_CONFLICT);
    EXPECT_NE(e.message().find("override 'G'"), std::string::npos) << e.what();
  }
  const json member = json::parse(instance().account_card(kAdmin, "M"));
  EXPECT_EQ(member.at("merged_into"), "G");
  EXPECT_TRUE(member.at("tier").is_null());
  const json complaints = json::parse(instance().complaints().account(kAdmin, "G"));
  ASSERT_EQ(complaints.at("open").size(), 1u) << complaints.dump(2);
  EXPECT_EQ(complaints.at("open")[0].at("complaint_id"), "C-1");
  // Merged accounts are not listed with a tier of their own, nor offered as duplicates again; a
  // match on the merged spelling answers the golden account.
  const json list = json::parse(instance().tiers_list(kAdmin));
  for (const json& row : list.at("accounts")) EXPECT_NE(row.at("account_id"), "M");
  EXPECT_TRUE(cluster_of(duplicates(), "G").is_null());
  const json via = match("华东电子科技（上海）有限公司");
  ASSERT_FALSE(via.at("candidates").empty());
  EXPECT_EQ(via.at("candidates")[0].at("account_id"), "G");
  EXPECT_EQ(candidate_ids(via).size(), 1u) << via.dump(2);

  // Audited, with the reason.
  kam::host::AuditQuery aq;
  aq.entity_type = "account";
  aq.entity_id = "G";
  const json audit = json::parse(instance().audit_query(kAdmin, aq));
  ASSERT_FALSE(audit.empty()) << audit.dump(2);
  EXPECT_EQ(audit[0].at("action"), "accounts.merge");
  EXPECT_EQ(audit[0].at("user_id"), "md-1");

  const json undone = json::parse(identity().unmerge(kMaster, "M", "not the same company after all"));
  EXPECT_EQ(undone.at("was_merged_into"), "G");
  instance().evaluate_tiers(kAdmin);
  EXPECT_EQ(json::parse(instance().account_card(kAdmin, "G")).at("tier").at("name"), "gold")
      << "a downgrade waits downgrade_after_days (hysteresis)";
  EXPECT_EQ(json::parse(instance().account_card(kAdmin, "G")).at("metrics").at("revenue"), 60'000'000);
  EXPECT_EQ(json::parse(instance().account_card(kAdmin, "M")).at("tier").at("name"), "silver");
  EXPECT_TRUE(json::parse(instance().account_card(kAdmin, "G")).at("merged_accounts").empty());
  EXPECT_TRUE(json::parse(instance().complaints().account(kAdmin, "G")).at("open").empty());
  aq.entity_id = "M";
  EXPECT_EQ(json::parse(instance().audit_query(kAdmin, aq))[0].at("action"), "accounts.unmerge");
}

TEST_P(IdentityHostTest, MergeChainsRepointAndRefusalsAreAudited) {
  for (const AccountSpec& a : kAcceptance) account(a);
  identity().merge(kMaster, "A2", {"A3"}, "English spelling");
  // A2 (golden of A3) into A1: A3 follows.
  const json chain = json::parse(identity().merge(kMaster, "A1", {"A2"}, "one company"));
  EXPECT_EQ(chain.at("merged"), json::array({"A2"}));
  EXPECT_EQ(chain.at("repointed"), json::array({"A3"}));
  EXPECT_EQ(scalar("SELECT golden_id FROM account_merges WHERE account_id = 'A3'"), "A1");
  EXPECT_EQ(json::parse(identity().merge(kMaster, "A1", {"A2"}, "again")).at("already"), json::array({"A2"}));

  auto status_of = [](auto&& call) {
    try {
      call();
    } catch (const kam::host::Error& e) {
      return e.status();
    }
    return KAM_OK;
  };
  EXPECT_EQ(status_of([&] { identity().merge(kMaster, "A1", {"NOPE"}, "x"); }), KAM_ERR_NOT_FOUND);
  EXPECT_EQ(status_of([&] { identity().merge(kMaster, "A4", {"A3"}, "x"); }), KAM_ERR_CONFLICT);
  EXPECT_EQ(status_of([&] { identity().merge(kMaster, "A2", {"A4"}, "x"); }), KAM_ERR_CONFLICT);
  EXPECT_EQ(status_of([&] { identity().merge(kMaster, "A1", {"A1"}, "x"); }), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(status_of([&] { identity().unmerge(kMaster, "A4", "x"); }), KAM_ERR_CONFLICT);
  EXPECT_EQ(status_of([&] { identity().merge(kMaster, "A1", {"A4"}, ""); }), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit WHERE action = 'accounts.merge.refused'"),
            "4");  // the empty reason is refused by the ABI before
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit WHERE action = 'accounts.unmerge.refused'"), "1");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM account_merges"), "2");  // nothing changed by the refusals

  // Permissions: match and duplicates need accounts.read, merge needs accounts.merge; refusals audited.
  EXPECT_EQ(status_of([&] { match("华东", {}, kAuditor); }), KAM_ERR_PERMISSION);
  EXPECT_EQ(status_of([&] { identity().duplicates(kAuditor); }), KAM_ERR_PERMISSION);
  EXPECT_EQ(status_of([&] { identity().merge(kDealDesk, "A1", {"A4"}, "x"); }), KAM_ERR_PERMISSION);
  EXPECT_EQ(status_of([&] { identity().unmerge(kDealDesk, "A2", "x"); }), KAM_ERR_PERMISSION);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit WHERE action = 'permission.refused' AND user_id IN ('aud-1', 'desk-1')"),
            "4");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM account_merges"), "2");
}

TEST_P(IdentityHostTest, ReingestionKeepsIdentityKeysOnce) {
  for (const AccountSpec& a : kAcceptance) account(a);
  const std::string keys = scalar("SELECT COUNT(*) FROM account_identity_keys");
  const std::string rows = scalar("SELECT COUNT(*) FROM account_identity");
  EXPECT_EQ(rows, std::to_string(kAcceptance.size()));
  for (const AccountSpec& a : kAcceptance) {
    const std::string event_id = "acc-" + a.id;
    kam_event_account e{};
    e.header = {sizeof e, KAM_EVENT_ACCOUNT_UPSERTED, event_id.c_str(), cst(1, 5, 9)};
    e.account_id = a.id.c_str();
    e.name = a.name.c_str();
    e.account_manager_id = "e-ann";
    const kam_event_header* events[] = {&e.header};
    kam_batch batch{};
    batch.struct_size = sizeof batch;
    batch.events = events;
    batch.event_count = 1;
    batch.source = "again";
    kam_batch_summary summary{};
    summary.struct_size = sizeof summary;
    instance().ingest(kFeed, batch, &summary);
    EXPECT_EQ(summary.duplicates, 1u);
  }
  for (const AccountSpec& a : kAcceptance) account(a, "acc-" + a.id + "-v2", cst(1, 6, 9));  // newer, same names
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM account_identity_keys"), keys);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM account_identity"), rows);
  // A Latin name is a second spelling; renaming rewrites the keys.
  account({"B1", "深圳华南贸易有限公司", "Huanan Trading (Shenzhen) Co., Ltd.", ""}, "acc-B1-v3", cst(1, 7, 9));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM account_identity WHERE account_id = 'B1'"), "2");
  EXPECT_TRUE(has(candidate_ids(match("Huanan Trading Co Ltd")), "B1"));
  account({"B1", "Koninklijke Philips Electronics", "", ""}, "acc-B1-v4", cst(1, 8, 9));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM account_identity WHERE account_id = 'B1'"), "1");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM account_identity_keys WHERE account_id = 'B1' AND block_key = 'e:huanan'"),
            "0");
  // An older record arriving late changes nothing.
  account({"B1", "深圳华南贸易有限公司", "", ""}, "acc-B1-old", cst(1, 1, 9));
  EXPECT_EQ(scalar("SELECT name FROM account_identity WHERE account_id = 'B1'"), "Koninklijke Philips Electronics");
}

TEST_P(IdentityHostTest, DatabaseFromBeforeSchema5GetsIdentityRowsWhenOpened) {
  for (const AccountSpec& a : kAcceptance) account(a);
  instance_.reset();
  // Back to a version 4 database: the tables of steps 5 and later dropped, the version set back.
  exec(
      "DROP TABLE account_identity; DROP TABLE account_identity_keys; DROP TABLE account_merges;"
      " DROP TABLE service_ledger; DROP TABLE service_current; DROP TABLE service_escalations;"
      " DROP TABLE service_pool_turns; DROP TABLE contacts; DROP TABLE contact_points; DROP TABLE visit_plans;"
      " DROP TABLE visit_alerts; DROP INDEX visits_by_account_completed; DROP TABLE tier_ranking;"
      " DROP TABLE deal_registration_keys;"
      " DELETE FROM kam_settings WHERE name = 'identity.backfilled';"
      " UPDATE kam_schema SET version = 4");
  ASSERT_EQ(scalar("SELECT version FROM kam_schema"), "4");
  const json dup = duplicates();  // opens the instance: migrates to the latest version and backfills
  EXPECT_NE(scalar("SELECT version FROM kam_schema"), "4");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM account_identity"), std::to_string(kAcceptance.size()));
  ASSERT_FALSE(cluster_of(dup, "A1").is_null());
  EXPECT_EQ(ids_of(cluster_of(dup, "A1")), (std::vector<std::string>{"A1", "A2", "A3"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentityHostTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace kam::host_test::identity
