// injection_test.cpp - SQL-injection strings as ids, names, flags and override reasons round-trip
// exactly on both backends: stored and read back byte for byte, nothing else changed.
#include <set>

#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

const std::vector<std::string>& injections() {
  static const std::vector<std::string> k = {
      "'",
      "''",
      "\"",
      "' OR '1'='1",
      "' OR 1=1 --",
      "'; DROP TABLE accounts; --",
      "\"; DROP TABLE orders; --",
      "') ; DELETE FROM audit; --",
      "1; SELECT pg_sleep(10)",
      "' UNION SELECT name, value FROM kam_settings --",
      "%' --",
      "_%",
      "\\",
      "\\'",
      "\\\\'; --",
      "$1",
      "$$; DROP TABLE tier_state; $$",
      ":name",
      "?1",
      "/* comment */",
      "*/ DROP TABLE accounts /*",
      "E'\\x27'",
      "0x27",
      "COLLATE \"C\"",
      "x'; VACUUM; --",
      "'); ATTACH DATABASE '/tmp/evil.db' AS evil; --",
      "\u2019 OR \u20191\u2019=\u20191",  // typographic quotes
  };
  return k;
}

class InjectionTest : public StoreTest {};

TEST_P(InjectionTest, TwentySevenInjectionStringsRoundTripExactly) {
  ASSERT_EQ(injections().size(), 27u);
  auto store = open();
  std::vector<core::Event> events;
  int n = 0;
  for (const std::string& s : injections()) {
    const std::string id = "acct " + std::to_string(n) + " " + s;
    core::Event a = account_event("acc " + std::to_string(n) + s, id, 1000, "name " + s);
    std::get<core::AccountUpserted>(a.payload).flags = {"flag " + s};
    events.push_back(std::move(a));
    events.push_back(order_event("ord " + std::to_string(n) + s, "order " + s, id, 100 + n, 2000));
    ++n;
  }
  const BatchResult r = store->ingestion().ingest(items(events), options(false, "feed " + injections()[5]));
  ASSERT_TRUE(r.committed);
  EXPECT_EQ(r.accepted, events.size());

  std::set<std::string> ids, names, flags;
  FactsQuery q;
  q.until_day = 100000;
  q.with_state = false;
  store->tiers().scan_account_facts(q, [&](AccountFacts&& f) {
    ids.insert(f.account_id);
    names.insert(f.name);
    for (const std::string& flag : f.flags) flags.insert(flag);
    EXPECT_EQ(f.days.size(), 1u) << f.account_id;
  });
  n = 0;
  for (const std::string& s : injections()) {
    EXPECT_EQ(ids.count("acct " + std::to_string(n++) + " " + s), 1u) << s;
    EXPECT_EQ(names.count("name " + s), 1u) << s;
    EXPECT_EQ(flags.count("flag " + s), 1u) << s;
  }
  EXPECT_EQ(count(*store, "orders"), 27);
  const std::string id = "acct 5 " + injections()[5];
  const core::Actor actor{"user " + injections()[3], {"role " + injections()[7]}};
  store->tiers().set_tier_override(id, "gold", "reason " + injections()[15], 5000, actor, 3000);
  const std::vector<AuditEntry> audit = store->audit().query(AuditQuery{});
  bool found = false;
  for (const AuditEntry& e : audit) {
    if (e.entity_id != id) continue;
    found = true;
    EXPECT_EQ(e.user_id, actor.user_id);
    EXPECT_EQ(e.roles, actor.roles);
    EXPECT_NE(e.after_json.find("reason $1"), std::string::npos) << e.after_json;
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(store->tiers().account_count(), 27u);
}

KAM_STORE_INSTANTIATE(InjectionTest);

}  // namespace
}  // namespace kam::store::test
