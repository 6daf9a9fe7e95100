// tier_dataset_crafted.hpp - the crafted part of TierDataset (tier_dataset.hpp, which includes
// this file at its end): the "edge-" and "tie-" accounts with hand-made orders, the orders that
// balance the total so the tie block and the share trio land exactly on their thresholds, and the
// tiers expected of them, derived by hand from the rules.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tier_dataset.hpp"

namespace kam::test {

// The crafted accounts' tiers, derived by hand from the rules (see the comments in crafted_*).
inline std::map<std::string, std::string> TierDataset::expected() {
  return {
      {"edge-none", "standard"},
      {"edge-none-strategic", "standard"},
      {"edge-none-reference", "silver"},
      {"edge-cancelled-only", "standard"},
      {"edge-credit-only", "standard"},
      {"edge-credit-net-zero", "standard"},
      {"edge-credit-to-gold", "gold"},
      {"edge-credit-margin", "silver"},
      {"edge-gold-exact", "gold"},
      {"edge-gold-below", "silver"},
      {"edge-gold-above", "gold"},
      {"edge-gold-margin-below", "silver"},
      {"edge-window-start", "gold"},
      {"edge-window-old", "standard"},
      {"edge-future-order", "gold"},
      {"edge-future-credit", "silver"},
      {"edge-tomorrow", "standard"},
      {"edge-silver-exact", "silver"},
      {"edge-silver-below", "standard"},
      {"edge-silver-above", "silver"},
      {"edge-silver-margin-5", "standard"},
      {"edge-strategic-exact", "platinum"},
      {"edge-strategic-below", "standard"},
      {"edge-strategic-above", "platinum"},
      {"edge-strategic-removed", "standard"},
      {"edge-strategic-late-old", "standard"},
      {"edge-flag-lookalike", "standard"},
      {"edge-share-exact", "silver"},
      {"edge-share-below", "standard"},
      {"edge-share-above", "silver"},
      {"tie-B", "platinum"},
      {"tie-D", "platinum"},
      {"tie-F", "platinum"},
      {"tie-a", "platinum"},
      {"tie-c", "platinum"},
      {"tie-e", "silver"},
  };
}

inline void TierDataset::crafted_accounts() {
  const int64_t t0 = spec_.now_ms - 800 * tier_ref::kDayMs;
  auto plain = [&](const std::string& id, std::vector<std::string> flags = {}) {
    account("acct-" + id, t0, id, "Edge " + id, flags);
  };
  for (const char* id :
       {"edge-none", "edge-cancelled-only", "edge-credit-only", "edge-credit-net-zero", "edge-credit-to-gold",
        "edge-credit-margin", "edge-gold-exact", "edge-gold-below", "edge-gold-above", "edge-gold-margin-below",
        "edge-window-start", "edge-window-old", "edge-future-order", "edge-future-credit", "edge-tomorrow",
        "edge-silver-exact", "edge-silver-below", "edge-silver-above", "edge-silver-margin-5",
        "edge-share-exact", "edge-share-below", "edge-share-above", "tie-B", "tie-D", "tie-F", "tie-a",
        "tie-c", "tie-e"})
    plain(id);
  plain("edge-none-strategic", {"strategic"});
  plain("edge-none-reference", {"reference_customer"});
  plain("edge-strategic-exact", {"strategic"});
  plain("edge-strategic-below", {"industry_leader", "strategic"});
  plain("edge-strategic-above", {"strategic", "reference"});
  plain("edge-flag-lookalike", {"Strategic", "strategic ", "strategic-partner", "say \"strategic\""});
  // A newer upsert drops the flag: not strategic any more.
  account("acct-edge-strategic-removed-1", t0, "edge-strategic-removed", "Edge removed", {"strategic"});
  account("acct-edge-strategic-removed-2", t0 + 1000, "edge-strategic-removed", "Edge removed", {});
  // An older upsert with the flag arrives after the newer one without it: it changes nothing.
  account("acct-edge-strategic-late-2", t0 + 1000, "edge-strategic-late-old", "Edge late", {});
  account("acct-edge-strategic-late-1", t0, "edge-strategic-late-old", "Edge late", {"strategic"});
}

// One order of `amount` with `margin`, booked, dated `at` (default: yesterday noon).
inline void TierDataset::craft(const std::string& id, int64_t amount, int64_t margin, int64_t at,
                               kam_document_type type, bool cancel) {
  if (at < 0) at = spec_.now_ms - tier_ref::kDayMs;
  order("X-" + id + "-" + std::to_string(++craft_seq_), id, at, amount, margin, type, cancel, &book(id));
}

inline void TierDataset::crafted_orders() {
  using namespace tier_ref;
  const int64_t G = kGoldRevenue, S = kSilverRevenue, P = kPlatinumStrategicRevenue;
  const int64_t g_margin = G * kGoldMarginBp / 10000;  // exactly 15%
  static_assert(kGoldRevenue * kGoldMarginBp % 10000 == 0);
  static_assert(kSilverRevenue * kSilverMarginBp % 10000 == 0);
  const int64_t s_margin = S * kSilverMarginBp / 10000;  // exactly 5%
  const int64_t start = window_.start_ms, now = spec_.now_ms;
  const int64_t tomorrow = (floor_div(now, kDayMs) + 1) * kDayMs;
  // Only cancelled orders, large enough for gold had they counted.
  craft("edge-cancelled-only", 2 * G, G / 2, -1, KAM_DOCUMENT_ORDER, true);
  craft("edge-cancelled-only", 2 * G, G / 2, now - 30 * kDayMs, KAM_DOCUMENT_INVOICE, true);
  // Only a credit note: negative revenue, no margin %, no Pareto position.
  craft("edge-credit-only", G, g_margin, -1, KAM_DOCUMENT_CREDIT_NOTE);
  // An order and a credit note of the same amount: revenue 0.
  craft("edge-credit-net-zero", 3 * G, G, now - 10 * kDayMs);
  craft("edge-credit-net-zero", 3 * G, G, -1, KAM_DOCUMENT_CREDIT_NOTE);
  // Order G + 1000.00 (margin 15% of G + 300.00), credit note 1000.00 (margin 300.00): exactly G at
  // exactly 15% -> gold.
  craft("edge-credit-to-gold", G + 100'000, g_margin + 30'000, now - 20 * kDayMs);
  craft("edge-credit-to-gold", 100'000, 30'000, -1, KAM_DOCUMENT_CREDIT_NOTE);
  // Order G + 1000.00 with margin 15% of G - 1.00, credit note 1000.00 with margin 1.00: revenue G,
  // margin 15% of G - 2.00 -> not gold (it would be gold if a credit note's margin counted
  // positive); silver by revenue >= 50,000.00 and margin > 5%.
  craft("edge-credit-margin", G + 100'000, g_margin - 100, now - 20 * kDayMs);
  craft("edge-credit-margin", 100'000, 100, -1, KAM_DOCUMENT_CREDIT_NOTE);
  // Revenue exactly at the gold threshold, one below, one above; margin exactly 15%, one below.
  craft("edge-gold-exact", G, g_margin);
  craft("edge-gold-below", G - 1, g_margin);                 // silver: revenue >= S, margin > 5%
  craft("edge-gold-above", G - 5'000'000, 0, now - 100 * kDayMs);
  craft("edge-gold-above", 5'000'001, g_margin + 1);         // G + 1 in two orders
  craft("edge-gold-margin-below", G, g_margin - 1);          // 14.99999..%: silver
  // The window's first millisecond counts, the one before it does not: two halves of G at 15%, and
  // a credit note of 100,000.00 just before the window that would push it below G.
  craft("edge-window-start", G / 2, g_margin / 2, start);
  craft("edge-window-start", G / 2, g_margin / 2, now);
  craft("edge-window-start", 10'000'000, 0, start - 1, KAM_DOCUMENT_CREDIT_NOTE);
  // Only an order just before the window: revenue 0.
  craft("edge-window-old", 2 * G, G, start - 1);
  // Documents dated later today, after the host's now, count already; only those dated after today
  // are ignored (docs/tiers.md, "From orders": the store keeps totals per local day).
  // G - 1 at 20% now and an order of 1.00 later today, after the host's now: it counts, so gold;
  // G + 0.99 now and a credit note of 1.00 later today: silver. The two cancel out in the total
  // revenue, so they do not disturb the exact shares below.
  craft("edge-future-order", G - 1, G / 5, now);
  craft("edge-future-order", 100, 100, now + 1);
  craft("edge-future-credit", G + 99, G / 5, now);
  craft("edge-future-credit", 100, 0, now + 1, KAM_DOCUMENT_CREDIT_NOTE);
  // An order tomorrow is outside the window.
  craft("edge-tomorrow", 2 * G, G, tomorrow);
  // Silver by revenue >= 50,000.00 with margin > 5% (strict).
  craft("edge-silver-exact", S, s_margin + 1);
  craft("edge-silver-below", S - 1, s_margin);
  craft("edge-silver-above", S + 1, s_margin + 1);
  craft("edge-silver-margin-5", S, s_margin);                // exactly 5%: not > 5%
  // Strategic accounts at the platinum threshold, margin 0 (so nothing else matches).
  craft("edge-strategic-exact", P, 0);
  craft("edge-strategic-below", P - 1, 0);
  craft("edge-strategic-above", P + 1, 0);
  craft("edge-strategic-removed", P + 1, 0);
  craft("edge-strategic-late-old", P + 1, 0);
  craft("edge-flag-lookalike", P + 1, 0);
}

// The tie block, the share trio and the fillers: the total comes out at exactly 10000 * r.
inline void TierDataset::balancing_orders() {
  int64_t others = 0;  // clamped revenue of every account booked so far
  for (int64_t v : random_revenue_) {
    others += std::max<int64_t>(v, 0);
    stats_.max_random_revenue = std::max(stats_.max_random_revenue, v);
  }
  for (const auto& [id, v] : crafted_revenue_) others += std::max<int64_t>(v, 0);
  // total T = others + fillers + 3r + 6R with T = 10000 r (r is exactly 0.01%) and R = 400 r (4%):
  // fillers F = 7597 r - others >= 0, and every account but the tie block below R.
  static_assert(tier_ref::kSilverShareBp == 1 && tier_ref::kPlatinumParetoBp == 2000);
  int64_t r = (others + 7596) / 7597;
  r = std::max<int64_t>(r, (stats_.max_random_revenue + 400) / 400);
  for (const auto& [id, v] : crafted_revenue_) r = std::max<int64_t>(r, (v + 400) / 400);
  r = std::max<int64_t>(r, 1);
  const int64_t R = 400 * r;
  int64_t fill = 7597 * r - others;
  const int64_t at = spec_.now_ms - 2 * tier_ref::kDayMs;
  for (int k = 0; fill > 0; ++k) {
    const int64_t part = std::min(fill, R - 1);
    const std::string id = "edge-filler-" + std::to_string(k);
    account("acct-" + id, at, id, "Filler " + std::to_string(k), {});
    int64_t left = part;
    while (left > 0) {  // documents of at most 10^15 minor units each
      const int64_t piece = std::min<int64_t>(left, 1'000'000'000'000'000LL);
      craft(id, piece, 0, at);
      left -= piece;
    }
    fill -= part;
  }
  craft("edge-share-exact", r, 0, at);
  craft("edge-share-below", r - 1, 0, at);
  craft("edge-share-above", r + 1, 0, at);
  for (const char* id : {"tie-B", "tie-D", "tie-F", "tie-a", "tie-c", "tie-e"}) {
    int64_t left = R;
    while (left > 0) {
      const int64_t piece = std::min<int64_t>(left, 1'000'000'000'000'000LL);
      craft(id, piece, piece / 10, at);  // margin 10%: not gold, so tie-e is silver (by share)
      left -= piece;
    }
  }
  stats_.share_revenue = r;
  stats_.tie_revenue = R;
  stats_.total_revenue = 10000 * r;
}

}  // namespace kam::test
