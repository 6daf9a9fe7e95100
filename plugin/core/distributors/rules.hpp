// rules.hpp - the distributor rules of the config's `distributors:` section (docs/distributors.md):
// distributor levels (allowed product lines, the maximum discount per line, territories, industries,
// a registration quota per period, the protection days of an approved registration, the deal size
// above which a registration needs review), the tiers reserved for the direct channel (house
// accounts), and the approval chain of discounts above authority (`discount_authority:`).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time/calendar.hpp"

namespace kam::core::distributors {

enum class QuotaPeriod { month, quarter, year };
const char* quota_period_name(QuotaPeriod period);  // "month" | "quarter" | "year"

// Basis points as a percentage with two decimals: 1250 -> "12.50%".
std::string percent_text(int64_t bp);

// The first local day of the period that contains `day` (the 1st of its month, quarter or year).
time::LocalDate period_start(time::LocalDate day, QuotaPeriod per);

struct Quota {
  int32_t count = 0;  // registrations (approved, in review or expired) per period
  QuotaPeriod per = QuotaPeriod::month;
};

struct Level {
  std::string name;
  std::vector<std::string> product_lines;          // what its distributors may register (config order)
  std::map<std::string, int64_t> max_discount_bp;  // by product line; a line not named: default
  int64_t default_max_discount_bp = 0;
  std::vector<std::string> territories, industries;  // empty: the level limits nothing
  std::optional<Quota> quota;                        // nothing: no quota
  int32_t protection_days = 90;
  std::optional<int64_t> review_above_minor;  // a deal above this (reporting currency) needs review

  bool allows_line(std::string_view line) const;
  int64_t max_discount_for(std::string_view line) const;
};

// One step of the approval chain: a discount up to up_to_bp (nothing: any) needs `role`'s approval.
struct ApprovalStep {
  std::optional<int64_t> up_to_bp;
  std::string role;
};

struct DistributorRules {
  std::vector<Level> levels;                      // config order
  std::vector<std::string> direct_channel_tiers;  // a match in one of these tiers is a house account
  int32_t match_min_score_bp = 0;                 // 0: identity.threshold
  std::vector<ApprovalStep> approval_chain;       // discount_authority.approval_chain, ascending
  int64_t check_every_minutes = 60;               // the tick's expiry check runs at most this often
  std::vector<std::string> conflict_roles;        // roles a channel conflict is notified to

  const Level* level(std::string_view name) const;
  bool is_direct_tier(std::string_view tier) const;
};

}  // namespace kam::core::distributors
