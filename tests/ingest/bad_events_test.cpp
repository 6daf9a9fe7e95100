// bad_events_test - bad ERP data through the real plugin's ingest call: each bad item gets its own
// rejection (status and a message naming the field), an atomic batch with one bad item stores
// nothing and names the item, and a fixed item can be sent again. Runs on a real SQLite file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <functional>

#include "db_probe.hpp"
#include "plugin_loader.hpp"

namespace {

namespace fs = std::filesystem;

class BadEvents : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kam-bad-events-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "kam.db").string();
    inst_ = plugin_.create(kam::test::feed_config("sqlite:" + db_));
    // One known account for the orders below.
    kam_event_account a = account("acct-ok", "A1");
    ASSERT_EQ(KAM_OK, ingest({&a.header}, 0, nullptr, nullptr)) << plugin_.api->last_error_message();
  }
  void TearDown() override {
    plugin_.api->instance_destroy(inst_);
    fs::remove_all(dir_);
  }

  static kam_event_account account(const char* event_id, const char* account_id) {
    kam_event_account e;
    std::memset(&e, 0, sizeof e);
    e.header = {sizeof e, KAM_EVENT_ACCOUNT_UPSERTED, event_id, 1700000000000};
    e.account_id = account_id;
    e.name = "Acme GmbH";
    return e;
  }
  static kam_event_order order(const char* event_id, const char* order_id) {
    kam_event_order e;
    std::memset(&e, 0, sizeof e);
    e.header = {sizeof e, KAM_EVENT_ORDER_POSTED, event_id, 1700000000000};
    e.order_id = order_id;
    e.account_id = "A1";
    e.amount.minor_units = 10000;
    std::memcpy(e.amount.currency, "EUR", 4);
    e.margin.minor_units = 2500;
    std::memcpy(e.margin.currency, "EUR", 4);
    return e;
  }

  kam_status ingest(std::vector<const kam_event_header*> events, uint32_t flags,
                    std::vector<kam_event_result>* results, kam_batch_summary* summary) {
    kam_batch_summary local;
    return plugin_.ingest(inst_, events, "bad-events-test", summary ? *summary : local, flags,
                          results);
  }

  std::string orders_count() { return kam::test::sqlite_scalar(db_, "SELECT COUNT(*) FROM orders"); }

  kam::test::LoadedPlugin plugin_{KAM_PLUGIN_PATH};
  kam_instance* inst_ = nullptr;
  fs::path dir_;
  std::string db_;
};

struct BadCase {
  const char* name;
  std::function<void(kam_event_order&)> spoil;
  kam_status status;
  const char* message_part;
};

TEST_F(BadEvents, EachBadItemIsRejectedWithItsReasonAndNothingIsStored) {
  static const char kBadUtf8[] = {'A', static_cast<char>(0xC3), '(', 0};
  const std::vector<BadCase> cases = {
      {"negative amount", [](auto& e) { e.amount.minor_units = -1; }, KAM_ERR_INVALID_ARGUMENT, "amount: must not be negative"},
      {"amount overflow", [](auto& e) { e.amount.minor_units = INT64_MAX; }, KAM_ERR_INVALID_ARGUMENT, "out of range"},
      {"unknown currency", [](auto& e) { std::memcpy(e.amount.currency, "XQZ", 4); std::memcpy(e.margin.currency, "XQZ", 4); }, KAM_ERR_INVALID_ARGUMENT, "amount.currency: 'XQZ' is not an ISO 4217"},
      {"lower-case currency", [](auto& e) { std::memcpy(e.amount.currency, "eur", 4); }, KAM_ERR_INVALID_ARGUMENT, "not an ISO 4217"},
      {"currency without an exchange rate", [](auto& e) { std::memcpy(e.amount.currency, "GBP", 4); std::memcpy(e.margin.currency, "GBP", 4); }, KAM_ERR_INVALID_ARGUMENT, "amount.currency: no exchange rate for GBP on 2023-11-14 (the order's business day)"},
      {"margin in another currency", [](auto& e) { std::memcpy(e.margin.currency, "USD", 4); }, KAM_ERR_INVALID_ARGUMENT, "margin.currency"},
      {"margin units without a currency", [](auto& e) { e.margin.currency[0] = 0; }, KAM_ERR_INVALID_ARGUMENT, "margin.currency: is required when margin.minor_units is not 0 (it is 2500)"},
      {"unknown account", [](auto& e) { e.account_id = "nobody"; }, KAM_ERR_NOT_FOUND, "account 'nobody' is unknown"},
      {"invalid UTF-8", [](auto& e) { e.order_id = kBadUtf8; }, KAM_ERR_INVALID_ARGUMENT, "order_id is not valid UTF-8"},
      {"time before 1970", [](auto& e) { e.header.occurred_at_ms = -5; }, KAM_ERR_INVALID_ARGUMENT, "occurred_at_ms: -5 is outside"},
      {"time after 9999", [](auto& e) { e.header.occurred_at_ms = INT64_MAX; }, KAM_ERR_INVALID_ARGUMENT, "is outside 1970-01-01..9999-12-31"},
      {"missing order id", [](auto& e) { e.order_id = nullptr; }, KAM_ERR_INVALID_ARGUMENT, "order_id: is required"},
      {"missing event id", [](auto& e) { e.header.event_id = ""; }, KAM_ERR_INVALID_ARGUMENT, "event_id: is required"},
      {"bad document type", [](auto& e) { e.document_type = 9; }, KAM_ERR_INVALID_ARGUMENT, "document_type: 9"},
      {"reserved member set", [](auto& e) { e.reserved0 = 1; }, KAM_ERR_INVALID_ARGUMENT, "reserved0 is reserved"},
      {"struct too small", [](auto& e) { e.header.struct_size = 30; }, KAM_ERR_INVALID_ARGUMENT, "smaller than its first published size"},
      {"unknown kind", [](auto& e) { e.header.kind = 99; }, KAM_ERR_UNSUPPORTED, "kind 99"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    kam_event_order good = order("ev-good", "O-good");
    kam_event_order bad = order("ev-bad", "O-bad");
    c.spoil(bad);
    std::vector<kam_event_result> results;
    kam_batch_summary s{};
    s.struct_size = sizeof s;
    EXPECT_EQ(KAM_ERR_BATCH_REJECTED, ingest({&good.header, &bad.header}, KAM_BATCH_ATOMIC, &results, &s));
    EXPECT_NE(nullptr, std::strstr(plugin_.api->last_error_message(), "item 1"))
        << plugin_.api->last_error_message();
    EXPECT_EQ(1, s.first_rejected_index);
    EXPECT_EQ(KAM_ITEM_NOT_APPLIED, results[0].outcome);
    EXPECT_EQ(KAM_ITEM_REJECTED, results[1].outcome);
    EXPECT_EQ(c.status, results[1].status) << results[1].message;
    EXPECT_NE(nullptr, std::strstr(results[1].message, c.message_part)) << results[1].message;
    EXPECT_EQ("0", orders_count()) << "an atomic batch with a bad item stored something";
  }
  // The good item, sent again alone, is accepted: nothing about it was remembered.
  kam_event_order good = order("ev-good", "O-good");
  kam_batch_summary s{};
  s.struct_size = sizeof s;
  EXPECT_EQ(KAM_OK, ingest({&good.header}, 0, nullptr, &s));
  EXPECT_EQ(1u, s.accepted);
}

// docs/tiers.md: an order without a margin (empty currency, 0 units) adds no margin.
TEST_F(BadEvents, AnOrderWithoutAMarginIsAccepted) {
  kam_event_order e = order("ev-no-margin", "O-no-margin");
  e.margin.minor_units = 0;
  e.margin.currency[0] = 0;
  EXPECT_EQ(KAM_OK, ingest({&e.header}, 0, nullptr, nullptr)) << plugin_.api->last_error_message();
  EXPECT_EQ("1", orders_count());
  EXPECT_EQ("0", kam::test::sqlite_scalar(db_, "SELECT margin_minor FROM orders"));
}

TEST_F(BadEvents, APlannedVisitWithoutATimeSaysTheTimeIsRequired) {
  kam_event_visit v;
  std::memset(&v, 0, sizeof v);
  v.header = {sizeof v, KAM_EVENT_VISIT, "ev-visit", 1700000000000};
  v.visit_id = "V1";
  v.account_id = "A1";
  v.employee_id = "E1";
  v.status = KAM_VISIT_PLANNED;
  std::vector<kam_event_result> results;
  EXPECT_EQ(KAM_OK, ingest({&v.header}, KAM_BATCH_SKIP_REJECTED, &results, nullptr));
  EXPECT_STREQ(results[0].message, "planned_for_ms: is required for a PLANNED visit");
  v.planned_for_ms = -1;
  EXPECT_EQ(KAM_OK, ingest({&v.header}, KAM_BATCH_SKIP_REJECTED, &results, nullptr));
  EXPECT_STREQ(results[0].message, "planned_for_ms: -1 is outside 1970-01-01..9999-12-31");
}

TEST_F(BadEvents, NullEventPointerIsOneRejectedItem) {
  kam_event_order good = order("ev-1", "O-1");
  std::vector<kam_event_result> results;
  kam_batch_summary s{};
  s.struct_size = sizeof s;
  EXPECT_EQ(KAM_OK, ingest({&good.header, nullptr}, KAM_BATCH_SKIP_REJECTED, &results, &s));
  EXPECT_EQ(1u, s.accepted);
  EXPECT_EQ(1u, s.rejected);
  EXPECT_EQ(KAM_ITEM_REJECTED, results[1].outcome);
  EXPECT_EQ("1", orders_count());
}

TEST_F(BadEvents, SkipRejectedStoresTheGoodAndARejectedItemMaySucceedLater) {
  kam_event_order early = order("ev-early", "O-early");
  early.account_id = "late-account";
  std::vector<kam_event_result> results;
  kam_batch_summary s{};
  s.struct_size = sizeof s;
  kam_event_order good = order("ev-2", "O-2");
  EXPECT_EQ(KAM_OK, ingest({&early.header, &good.header}, KAM_BATCH_SKIP_REJECTED, &results, &s));
  EXPECT_EQ(KAM_ERR_NOT_FOUND, results[0].status);
  EXPECT_EQ(KAM_ITEM_ACCEPTED, results[1].outcome);
  // The account arrives; the order is sent again and now accepted.
  kam_event_account a = account("acct-late", "late-account");
  EXPECT_EQ(KAM_OK, ingest({&a.header, &early.header}, 0, &results, &s));
  EXPECT_EQ(2u, s.accepted);
  EXPECT_EQ("2", orders_count());
}

TEST_F(BadEvents, SameIdWithAnotherPayloadIsAConflictAndReplayIsADuplicate) {
  kam_event_order first = order("ev-x", "O-x");
  ASSERT_EQ(KAM_OK, ingest({&first.header}, 0, nullptr, nullptr));
  std::vector<kam_event_result> results;
  kam_batch_summary s{};
  s.struct_size = sizeof s;
  EXPECT_EQ(KAM_OK, ingest({&first.header}, 0, &results, &s));
  EXPECT_EQ(1u, s.duplicates);
  EXPECT_EQ(KAM_ITEM_DUPLICATE, results[0].outcome);
  kam_event_order changed = order("ev-x", "O-x");
  changed.amount.minor_units = 99;
  EXPECT_EQ(KAM_ERR_BATCH_REJECTED, ingest({&changed.header}, 0, &results, &s));
  EXPECT_EQ(KAM_ERR_CONFLICT, results[0].status);
  EXPECT_EQ("1", orders_count());
}

TEST_F(BadEvents, BatchLevelMistakesFailTheCallAndStoreNothing) {
  const char* roles[] = {"erp.feed"};
  kam_actor actor{sizeof(kam_actor), 1, "feed", roles};
  kam_batch b{};
  b.struct_size = sizeof b;
  b.event_count = 3;  // but no events
  EXPECT_EQ(KAM_ERR_INVALID_ARGUMENT, plugin_.api->ingest(inst_, &actor, &b, nullptr));
  b.event_count = 0;
  b.flags = 0x80;
  EXPECT_EQ(KAM_ERR_UNSUPPORTED, plugin_.api->ingest(inst_, &actor, &b, nullptr));
  b.flags = 0;
  kam_event_order e = order("ev-r", "O-r");
  const kam_event_header* list[] = {&e.header};
  b.events = list;
  b.event_count = 1;
  kam_event_result tiny[1];
  b.results = tiny;
  b.results_struct_size = 8;
  EXPECT_EQ(KAM_ERR_INVALID_ARGUMENT, plugin_.api->ingest(inst_, &actor, &b, nullptr));
  const char* viewer_roles[] = {"viewer"};
  kam_actor viewer{sizeof(kam_actor), 1, "someone", viewer_roles};
  b.results = nullptr;
  EXPECT_EQ(KAM_ERR_PERMISSION, plugin_.api->ingest(inst_, &viewer, &b, nullptr));
  EXPECT_EQ("0", orders_count());
}

}  // namespace
