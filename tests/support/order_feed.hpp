// order_feed.hpp - test support: a deterministic stream of ERP events (accounts, then orders) whose
// payload depends only on (prefix, sequence number), so any process can rebuild and replay exactly
// the events another one sent.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

#include "kam/kam.h"

namespace kam::test {

class OrderFeed {
 public:
  explicit OrderFeed(uint32_t accounts) : accounts_(accounts) {}

  // Builds account upserts for all accounts (event ids shared by every process).
  std::vector<const kam_event_header*> accounts() {
    std::vector<const kam_event_header*> out;
    for (uint32_t i = 0; i < accounts_; ++i) {
      auto& e = account_events_.emplace_back();
      std::memset(&e, 0, sizeof e);
      e.header.struct_size = sizeof e;
      e.header.kind = KAM_EVENT_ACCOUNT_UPSERTED;
      e.header.event_id = keep("acct-ev-" + std::to_string(i));
      e.header.occurred_at_ms = 1700000000000;
      e.account_id = keep(account_id(i));
      e.name = keep("Customer " + std::to_string(i) + " 有限公司");
      out.push_back(&e.header);
    }
    return out;
  }

  // Builds orders prefix-first..prefix-(first+count-1).
  std::vector<const kam_event_header*> orders(const std::string& prefix, uint64_t first,
                                              uint64_t count) {
    std::vector<const kam_event_header*> out;
    for (uint64_t seq = first; seq < first + count; ++seq) {
      auto& e = order_events_.emplace_back();
      std::memset(&e, 0, sizeof e);
      e.header.struct_size = sizeof e;
      e.header.kind = KAM_EVENT_ORDER_POSTED;
      e.header.event_id = keep(prefix + "-" + std::to_string(seq));
      e.header.occurred_at_ms = occurred_at_ms(seq, spread_days_);
      e.order_id = keep("o-" + prefix + "-" + std::to_string(seq));
      e.account_id = keep(account_id(static_cast<uint32_t>(seq % accounts_)));
      e.amount.minor_units = static_cast<int64_t>(1000 + seq % 97 * 100);
      std::memcpy(e.amount.currency, "EUR", 4);
      e.margin.minor_units = static_cast<int64_t>(200 + seq % 13);
      std::memcpy(e.margin.currency, "EUR", 4);
      e.document_type = KAM_DOCUMENT_ORDER;
      out.push_back(&e.header);
    }
    return out;
  }

  // Orders dated at random over this many days before their sequence time (0: one second apart,
  // in sequence), so their day totals land all over order_days (benchmarks of a growing database).
  void spread_over_days(uint32_t days) { spread_days_ = days; }
  static int64_t occurred_at_ms(uint64_t seq, uint32_t spread_days) {
    const int64_t at = 1700000000000 + static_cast<int64_t>(seq) * 1000;
    if (spread_days == 0) return at;
    const uint64_t h = (seq + 1) * 0x9E3779B97F4A7C15ULL;
    return at + 400LL * 86400000 - 1000 * static_cast<int64_t>((h >> 20) % (uint64_t{spread_days} * 86400));
  }
  void clear() {
    account_events_.clear();
    order_events_.clear();
    strings_.clear();
  }

 private:
  static std::string account_id(uint32_t i) { return "acct-" + std::to_string(i); }
  const char* keep(std::string s) { return strings_.emplace_back(std::move(s)).c_str(); }

  uint32_t accounts_;
  uint32_t spread_days_ = 0;
  std::deque<kam_event_account> account_events_;
  std::deque<kam_event_order> order_events_;
  std::deque<std::string> strings_;
};

}  // namespace kam::test
