// kam_contract_test.cpp - the ABI 1.2 contract of kam.h on the real libkam.so: output structs from
// newer and older hosts, string limits and control characters, valid UTF-8 in every message, the
// range of the host clock, and callbacks that call back into the plugin.
#include <algorithm>
#include <atomic>
#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "contract_support.hpp"

namespace {

using namespace kam::contract_test;
using kam::host::Instance;

// `T` in a buffer 64 bytes larger; struct_size = `declared`, every other byte = fill.
template <typename T>
struct OutBuffer {
  alignas(std::max_align_t) unsigned char bytes[sizeof(T) + 64];
  OutBuffer(uint32_t declared, unsigned char fill) {
    std::memset(bytes, fill, sizeof bytes);
    std::memcpy(bytes, &declared, sizeof declared);
  }
  T* get() { return reinterpret_cast<T*>(bytes); }
  bool all(size_t from, size_t to, unsigned char value) const {
    return std::all_of(bytes + from, bytes + to, [value](unsigned char b) { return b == value; });
  }
};

kam_tier_evaluation full_evaluation() {
  kam_tier_evaluation r{};
  r.struct_size = sizeof r;
  return r;
}
const kam_tier_evaluation kAll = full_evaluation();

// ------------------------------------------------------------------------------------------------
// Output structs: any size >= the first published one; written, and the rest zeroed
// ------------------------------------------------------------------------------------------------

TEST_F(ContractTest, OutputStructFromANewerHostIsWrittenAndItsTailZeroed) {
  Instance instance = make();
  ASSERT_EQ(account(instance, "A-1"), KAM_OK) << api.last_error_message();
  const kam_tier_evaluation request = full_evaluation();

  const uint32_t newer = sizeof(kam_tier_evaluation_summary) + 40;
  OutBuffer<kam_tier_evaluation_summary> summary(newer, 0x5a);
  ASSERT_EQ(api.tiers_evaluate(instance.handle(), admin().get(), &request, summary.get()), KAM_OK)
      << api.last_error_message();
  EXPECT_EQ(summary.get()->struct_size, newer) << "struct_size stays as the host set it";
  EXPECT_EQ(summary.get()->accounts, 1u);
  EXPECT_EQ(summary.get()->reserved0, 0u);
  EXPECT_EQ(summary.get()->missing_rates, 0u);
  EXPECT_TRUE(summary.all(sizeof(kam_tier_evaluation_summary), newer, 0)) << "the newer host's tail is zeroed";
  EXPECT_TRUE(summary.all(newer, sizeof summary.bytes, 0x5a)) << "nothing written past struct_size";

  // A tick result from a newer host, and a batch summary and result stride from one.
  clock += 2 * 3'600'000;
  const uint32_t newer_tick = sizeof(kam_tick_result) + 24;
  OutBuffer<kam_tick_result> tick(newer_tick, 0xee);
  ASSERT_EQ(api.tick(instance.handle(), admin().get(), tick.get()), KAM_OK) << api.last_error_message();
  EXPECT_EQ(tick.get()->tier_evaluation_ran, 1u);
  EXPECT_EQ(tick.get()->tiers.struct_size, sizeof(kam_tier_evaluation_summary_1_1));
  EXPECT_EQ(tick.get()->tiers.accounts, 1u);
  EXPECT_EQ(tick.get()->tier_missing_rates, 0u);
  EXPECT_TRUE(tick.all(sizeof(kam_tick_result), newer_tick, 0));

  kam_event_account a{};
  a.header.struct_size = sizeof a;
  a.header.kind = KAM_EVENT_ACCOUNT_UPSERTED;
  a.header.event_id = "acc-A-2";
  a.header.occurred_at_ms = kT0;
  a.account_id = "A-2";
  a.name = "Two";
  const kam_event_header* events[] = {&a.header, &a.header};
  constexpr uint32_t kStride = sizeof(kam_event_result) + 32;
  alignas(8) unsigned char results[2 * kStride];
  std::memset(results, 0x77, sizeof results);
  kam_batch batch{};
  batch.struct_size = sizeof batch;
  batch.events = events;
  batch.event_count = 2;
  batch.results = reinterpret_cast<kam_event_result*>(results);
  batch.results_struct_size = kStride;
  OutBuffer<kam_batch_summary> batch_summary(sizeof(kam_batch_summary) + 16, 0x33);
  ASSERT_EQ(api.ingest(instance.handle(), feed().get(), &batch, batch_summary.get()), KAM_OK)
      << api.last_error_message();
  EXPECT_EQ(batch_summary.get()->accepted, 1u);
  EXPECT_EQ(batch_summary.get()->duplicates, 1u);
  EXPECT_TRUE(batch_summary.all(sizeof(kam_batch_summary), sizeof(kam_batch_summary) + 16, 0));
  for (int i = 0; i < 2; ++i) {
    const auto* r = reinterpret_cast<const kam_event_result*>(results + i * kStride);
    EXPECT_EQ(r->struct_size, kStride);
    EXPECT_EQ(r->outcome, i == 0 ? KAM_ITEM_ACCEPTED : KAM_ITEM_DUPLICATE);
    const unsigned char* tail = results + i * kStride + sizeof(kam_event_result);
    EXPECT_TRUE(std::all_of(tail, tail + 32, [](unsigned char b) { return b == 0; })) << "result " << i;
  }
}

TEST_F(ContractTest, OutputStructFromAnOlderHostIsWrittenOnlyUpToItsSize) {
  Instance instance = make();
  ASSERT_EQ(account(instance, "A-1"), KAM_OK) << api.last_error_message();
  const kam_tier_evaluation request = full_evaluation();
  // A 1.1 host: its summary is 88 bytes; the plugin must not write missing_rates after it.
  OutBuffer<kam_tier_evaluation_summary> summary(88, 0x5a);
  ASSERT_EQ(api.tiers_evaluate(instance.handle(), admin().get(), &request, summary.get()), KAM_OK)
      << api.last_error_message();
  EXPECT_EQ(summary.get()->accounts, 1u);
  EXPECT_TRUE(summary.all(88, sizeof summary.bytes, 0x5a)) << "bytes past the 1.1 host's struct were written";
  clock += 2 * 3'600'000;
  OutBuffer<kam_tick_result> tick(96, 0x5a);  // a 1.1 tick result
  ASSERT_EQ(api.tick(instance.handle(), admin().get(), tick.get()), KAM_OK) << api.last_error_message();
  EXPECT_EQ(tick.get()->tiers.accounts, 1u);
  EXPECT_TRUE(tick.all(96, sizeof tick.bytes, 0x5a));
  // Smaller than the first published size: refused before anything is done.
  OutBuffer<kam_tier_evaluation_summary> small(80, 0);
  EXPECT_EQ(api.tiers_evaluate(instance.handle(), admin().get(), &request, small.get()), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(api.last_error_message()).find("kam_tier_evaluation_summary.struct_size"), std::string::npos)
      << api.last_error_message();
}

// ------------------------------------------------------------------------------------------------
// Strings: one id limit everywhere, bounds on names and texts, no control characters
// ------------------------------------------------------------------------------------------------

TEST_F(ContractTest, IdsOverTheLimitAreRejectedAtIngestionPerItem) {
  Instance instance = make();
  kam_event_result result{};
  const std::string at_limit(KAM_MAX_ID_BYTES, 'a');
  EXPECT_EQ(account(instance, at_limit, &result), KAM_OK) << result.message;
  const std::string over(KAM_MAX_ID_BYTES + 1, 'b');
  EXPECT_EQ(account(instance, over, &result), KAM_ERR_BATCH_REJECTED);
  EXPECT_EQ(result.outcome, KAM_ITEM_REJECTED);
  EXPECT_EQ(result.status, KAM_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(result.message).find("account_id is longer than 200 bytes"), std::string::npos)
      << result.message;
  // The same limit for an order id, and for the id of every call.
  kam_event_order o{};
  o.header.struct_size = sizeof o;
  o.header.kind = KAM_EVENT_ORDER_POSTED;
  o.header.event_id = "so-1";
  o.header.occurred_at_ms = kT0;
  const std::string long_order(10 * 1024 * 1024, 'o');  // 10 MB, stored before 1.2
  o.order_id = long_order.c_str();
  o.account_id = at_limit.c_str();
  o.amount = {100, "CNY", 0};
  o.margin = {10, "CNY", 0};
  EXPECT_EQ(ingest_one(instance, o.header, &result), KAM_ERR_BATCH_REJECTED);
  EXPECT_NE(std::string(result.message).find("order_id is longer than 200 bytes"), std::string::npos)
      << result.message;
  kam::host::Buffer card = plugin.new_buffer();
  EXPECT_EQ(api.account_card(instance.handle(), admin().get(), over.c_str(), card.get()), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.account_card(instance.handle(), admin().get(), at_limit.c_str(), card.get()), KAM_OK)
      << api.last_error_message();
}

TEST_F(ContractTest, UserIdsRolesAndNamesRefuseControlCharacters) {
  Instance instance = make();
  kam::host::Buffer out = plugin.new_buffer();
  for (const char* bad : {"eve\nforged row", "eve\x1b[31m", "eve\x7f", "eve\xc2\x85" /* U+0085 NEL */}) {
    SCOPED_TRACE(bad);
    const kam::host::Actor user(bad, {"kam.admin"});
    EXPECT_EQ(api.notifications_poll(instance.handle(), user.get(), 0, out.get()), KAM_ERR_INVALID_ARGUMENT);
    EXPECT_NE(std::string(api.last_error_message()).find("actor.user_id holds the control character"),
              std::string::npos) << api.last_error_message();
    const kam::host::Actor role("eve", {bad});
    EXPECT_EQ(api.notifications_poll(instance.handle(), role.get(), 0, out.get()), KAM_ERR_INVALID_ARGUMENT);
    kam_event_result result{};
    EXPECT_EQ(account(instance, "A-ctl", &result, bad), KAM_ERR_BATCH_REJECTED);
    EXPECT_NE(std::string(result.message).find("name holds the control character"), std::string::npos)
        << result.message;
  }
  const kam::host::Actor huge(std::string(10 * 1024 * 1024, 'u'), {"kam.admin"});
  EXPECT_EQ(api.notifications_poll(instance.handle(), huge.get(), 0, out.get()), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(api.last_error_message()).find("user_id is longer than 200 bytes"), std::string::npos);
  std::vector<std::string> many(KAM_MAX_ROLES + 1, "r");
  const kam::host::Actor roles("eve", many);
  EXPECT_EQ(api.notifications_poll(instance.handle(), roles.get(), 0, out.get()), KAM_ERR_INVALID_ARGUMENT);
}

TEST_F(ContractTest, FreeTextsKeepLineBreaksButNoOtherControlCharacter) {
  Instance instance = make();
  ASSERT_EQ(account(instance, "A-1"), KAM_OK);
  ASSERT_EQ(api.tiers_evaluate(instance.handle(), admin().get(), &kAll, nullptr), KAM_OK);
  kam_tier_override o{};
  o.struct_size = sizeof o;
  o.account_id = "A-1";
  o.tier = "gold";
  o.reason = "signed frame contract\n\tsee ticket 42";
  o.expires_at_ms = kT0 + 30 * kDay;
  EXPECT_EQ(api.tier_override_set(instance.handle(), admin().get(), &o), KAM_OK) << api.last_error_message();
  o.reason = "ok\x1b]0;pwned\x07";
  EXPECT_EQ(api.tier_override_set(instance.handle(), admin().get(), &o), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(api.last_error_message()).find("reason holds the control character U+001B"),
            std::string::npos) << api.last_error_message();
  const std::string long_reason(KAM_MAX_REASON_BYTES + 1, 'r');
  o.reason = long_reason.c_str();
  EXPECT_EQ(api.tier_override_set(instance.handle(), admin().get(), &o), KAM_ERR_INVALID_ARGUMENT);
  o.reason = "fine";
  o.tier = "gold\n";
  EXPECT_EQ(api.tier_override_set(instance.handle(), admin().get(), &o), KAM_ERR_INVALID_ARGUMENT);
}

// ------------------------------------------------------------------------------------------------
// Every message is valid UTF-8
// ------------------------------------------------------------------------------------------------

TEST_F(ContractTest, MessagesEscapeInvalidBytesTheyQuote) {
  Instance instance = make();
  ASSERT_EQ(account(instance, "A-1"), KAM_OK);
  kam_event_order o{};
  o.header.struct_size = sizeof o;
  o.header.kind = KAM_EVENT_ORDER_POSTED;
  o.header.event_id = "so-1";
  o.header.occurred_at_ms = kT0;
  o.order_id = "SO-1";
  o.account_id = "A-1";
  o.amount = {100, "E\xE2\x82", 0};
  o.margin = {10, "E\xE2\x82", 0};
  kam_event_result result{};
  EXPECT_EQ(ingest_one(instance, o.header, &result), KAM_ERR_BATCH_REJECTED);
  const std::string item = result.message;
  EXPECT_TRUE(valid_utf8(item)) << item;
  EXPECT_NE(item.find("'E\\xE2\\x82'"), std::string::npos) << item;
  const std::string last = api.last_error_message();
  EXPECT_TRUE(valid_utf8(last)) << last;
  EXPECT_NE(last.find("'E\\xE2\\x82'"), std::string::npos) << last;
}

// ------------------------------------------------------------------------------------------------
// The host clock is range-checked where it is read
// ------------------------------------------------------------------------------------------------

TEST_F(ContractTest, AClockOutsideTheEventRangeIsRefused) {
  Instance instance = make();
  ASSERT_EQ(account(instance, "A-1"), KAM_OK);
  const kam_tier_evaluation request = full_evaluation();
  for (int64_t bad : {INT64_MAX, int64_t{253402300800000}, int64_t{-1}, INT64_MIN}) {
    SCOPED_TRACE(bad);
    clock = bad;
    kam_tier_evaluation_summary s{};
    s.struct_size = sizeof s;
    EXPECT_EQ(api.tiers_evaluate(instance.handle(), admin().get(), &request, &s), KAM_ERR_INVALID_ARGUMENT);
    const std::string message = api.last_error_message();
    EXPECT_NE(message.find("host clock"), std::string::npos) << message;
    EXPECT_NE(message.find(std::to_string(bad)), std::string::npos) << message;
    EXPECT_EQ(api.tick(instance.handle(), admin().get(), nullptr), KAM_ERR_INVALID_ARGUMENT);
  }
  clock = kT0;
  const json card = json::parse(instance.account_card(admin(), "A-1"));
  EXPECT_TRUE(card.at("evaluated_at_ms").is_null()) << "nothing was stored under the bad clock";
  EXPECT_TRUE(with_action(audit(instance), "tiers.evaluate").empty());
}

// ------------------------------------------------------------------------------------------------
// Callbacks may call into the plugin
// ------------------------------------------------------------------------------------------------

TEST_F(ContractTest, LogAndNotifyCallbacksMayCallBackIntoTheSameInstance) {
  std::atomic<kam_instance*> handle{nullptr};
  std::atomic<int> log_reentries{0}, notify_reentries{0};
  kam::host::HostCallbacks cb = callbacks();
  const kam_api_v1* table = &api;
  cb.log = [&, table](kam_log_level, std::string_view) {
    kam_instance* h = handle.load();
    if (h == nullptr) return;
    kam_buffer b{};
    b.struct_size = sizeof b;
    if (table->instance_info(h, &b) == KAM_OK) ++log_reentries;
    table->buffer_free(&b);
  };
  cb.notify = [&, table](const kam_notification& n) {
    kam_buffer b{};
    b.struct_size = sizeof b;
    const bool polled = table->notifications_poll(handle.load(), admin().get(), 0, &b) == KAM_OK;
    table->buffer_free(&b);
    const bool acked = table->notifications_ack(handle.load(), admin().get(), &n.id, 1) == KAM_OK;
    if (polled && acked) ++notify_reentries;
    return KAM_ERR_INTERNAL;  // not acknowledged here: the ack above did it
  };
  Instance instance = make(std::move(cb));
  handle = instance.handle();
  ASSERT_EQ(account(instance, "A-1"), KAM_OK);
  ASSERT_EQ(api.tiers_evaluate(instance.handle(), admin().get(), &kAll, nullptr), KAM_OK);
  instance.set_tier_override(admin(), "A-1", "gold", "pilot", kT0 + 10 * kDay);  // one notification
  EXPECT_EQ(instance.notifications_deliver(), 0u);
  EXPECT_EQ(notify_reentries.load(), 1);
  EXPECT_EQ(json::parse(instance.notifications_poll(admin())).size(), 0u) << "acknowledged from inside notify";
  instance.reload_config(admin(), kam::host::ConfigSource::text(tiers_config(dir.path()), "again.yaml"));  // logs
  EXPECT_GE(log_reentries.load(), 1);
}

}  // namespace
