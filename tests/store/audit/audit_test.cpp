// The audit trail: append, filters, newest first, paging, limits.
#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

using AuditTest = StoreTest;
KAM_STORE_INSTANTIATE(AuditTest);

AuditEntry entry(int64_t at_ms, const std::string& user, const std::string& type,
                 const std::string& id) {
  AuditEntry e;
  e.at_ms = at_ms;
  e.user_id = user;
  e.roles = {"admin", "kam_manager"};
  e.action = type + ".change";
  e.entity_type = type;
  e.entity_id = id;
  e.before_json = R"({"v":1})";
  e.after_json = R"({"v":2})";
  return e;
}

std::vector<int64_t> times(const std::vector<AuditEntry>& es) {
  std::vector<int64_t> out;
  for (const auto& e : es) out.push_back(e.at_ms);
  return out;
}

TEST_P(AuditTest, AppendAndQueryWithFilters) {
  auto store = open();
  const int64_t first = store->audit().append(entry(1000, "alice", "config", "kam.yaml"));
  store->audit().append(entry(2000, "bob", "batch", "erp-nightly"));
  store->audit().append(entry(3000, "alice", "batch", "erp-hourly"));
  auto no_before = entry(4000, "carol", "notification", "17");
  no_before.before_json.clear();
  const int64_t last = store->audit().append(no_before);
  EXPECT_GT(first, 0);
  EXPECT_GT(last, first);

  auto all = store->audit().query({});
  EXPECT_EQ(times(all), (std::vector<int64_t>{4000, 3000, 2000, 1000}));  // newest first
  EXPECT_EQ(all[3].id, first);
  EXPECT_EQ(all[3].user_id, "alice");
  EXPECT_EQ(all[3].roles, (std::vector<std::string>{"admin", "kam_manager"}));
  EXPECT_EQ(all[3].action, "config.change");
  EXPECT_EQ(all[3].entity_type, "config");
  EXPECT_EQ(all[3].entity_id, "kam.yaml");
  EXPECT_EQ(all[3].before_json, R"({"v":1})");
  EXPECT_EQ(all[3].after_json, R"({"v":2})");
  EXPECT_EQ(all[0].before_json, "");

  AuditQuery by_user;
  by_user.user_id = "alice";
  EXPECT_EQ(times(store->audit().query(by_user)), (std::vector<int64_t>{3000, 1000}));

  AuditQuery by_type;
  by_type.entity_type = "batch";
  EXPECT_EQ(times(store->audit().query(by_type)), (std::vector<int64_t>{3000, 2000}));

  AuditQuery by_entity;
  by_entity.entity_type = "batch";
  by_entity.entity_id = "erp-nightly";
  EXPECT_EQ(times(store->audit().query(by_entity)), (std::vector<int64_t>{2000}));

  AuditQuery window;
  window.since_ms = 2000;  // inclusive
  window.until_ms = 4000;  // exclusive
  EXPECT_EQ(times(store->audit().query(window)), (std::vector<int64_t>{3000, 2000}));

  AuditQuery combined;
  combined.user_id = "alice";
  combined.since_ms = 1500;
  EXPECT_EQ(times(store->audit().query(combined)), (std::vector<int64_t>{3000}));

  AuditQuery none;
  none.user_id = "nobody";
  EXPECT_TRUE(store->audit().query(none).empty());
}

TEST_P(AuditTest, PagingAndLimits) {
  auto store = open();
  for (int i = 1; i <= 120; ++i) store->audit().append(entry(i, "u", "config", "x"));

  auto page1 = store->audit().query({});  // limit 0 -> 100
  ASSERT_EQ(page1.size(), 100u);
  EXPECT_EQ(page1.front().at_ms, 120);
  EXPECT_EQ(page1.back().at_ms, 21);

  AuditQuery next;
  next.before_id = page1.back().id;
  auto page2 = store->audit().query(next);
  ASSERT_EQ(page2.size(), 20u);
  EXPECT_EQ(page2.front().at_ms, 20);
  EXPECT_EQ(page2.back().at_ms, 1);

  AuditQuery small;
  small.limit = 5;
  EXPECT_EQ(store->audit().query(small).size(), 5u);

  AuditQuery huge;
  huge.limit = 4000000000u;  // cut to 10,000
  EXPECT_EQ(store->audit().query(huge).size(), 120u);
}

TEST_P(AuditTest, TextIsStoredVerbatim) {
  auto store = open();
  auto e = entry(1, "用户-1", "config", "客户 'A' \"B\" ; DROP TABLE audit; --");
  store->audit().append(e);
  auto all = store->audit().query({});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].user_id, "用户-1");
  EXPECT_EQ(all[0].entity_id, e.entity_id);
}

}  // namespace
}  // namespace kam::store::test
