// decision.hpp - the decision on a deal registration (docs/distributors.md): from the distributor,
// its level, the deal, the house accounts and earlier registrations identity matching found, and the
// distributor's registrations in the quota period, the outcome (approved, rejected or needs review)
// with EVERY reason that applies, not just the first. Pure: the caller gathers the inputs inside the
// transaction that stores the decision.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/distributors/rules.hpp"

namespace kam::core::distributors {

enum class Outcome { approved = 1, rejected = 2, needs_review = 3 };
const char* outcome_name(Outcome outcome);  // "approved" | "rejected" | "needs_review"

enum class Reason {
  unknown_level,             // the distributor has no level, or one the config does not define
  outside_territory,         // the deal's region is not among those the distributor may sell in
  outside_industry,          // the deal's industry is not among the distributor's
  product_line_not_allowed,  // a product line its level does not carry
  discount_above_authority,  // the discount asked is above its level's maximum for a line (review)
  house_account,             // the customer is a direct key account (identity match)
  already_registered,        // another valid registration holds the customer until its protection ends
  quota_used_up,             // the level's registrations per period are used up
  large_deal,                // the amount is above the level's review_above (review)
};
const char* reason_code(Reason reason);  // "unknown_level", ...
// True for the reasons that reject; the others send the registration to review.
bool rejects(Reason reason);

struct Distributor {
  std::string distributor_id, name, level;
  std::vector<std::string> territories, industries;  // its own (empty: not limited by them)
};

struct Deal {
  std::string region, industry;  // "" when not given
  std::vector<std::string> product_lines;
  int64_t amount_reporting_minor = 0;  // the amount in the reporting currency
  int64_t discount_bp = 0;
};

// A direct account in a tier reserved for the direct channel that the customer matches.
struct HouseAccount {
  std::string account_id, account_name, tier;
  int32_t score_bp = 0;
};

// A valid (approved or in review, protection not ended) registration of the same customer.
struct EarlierRegistration {
  std::string registration_id, distributor_id;
  int64_t protected_until_ms = 0;
  std::string protected_until_text;  // the same instant in words (business zone), for the message
  int32_t score_bp = 0;
};

struct QuotaUse {
  int64_t used = 0;  // the distributor's registrations that count in the period
  std::string period_start;  // "YYYY-MM-DD" (business zone)
};

// One reason with what it is about; the members that do not apply are empty.
struct Finding {
  Reason reason;
  std::string message;                 // in words, e.g. "region 西北 is outside the territories ..."
  std::vector<std::string> values;     // what was refused (product lines, region, industry)
  std::vector<std::string> allowed;    // what would have been allowed
  std::optional<HouseAccount> house;
  std::optional<EarlierRegistration> earlier;
  std::optional<int64_t> asked, limit;  // discount bp, quota use, amount
  std::string product_line;
};

struct Decision {
  Outcome outcome = Outcome::approved;
  std::vector<Finding> findings;  // in the order of Reason, every one that applies
};

struct DecisionInput {
  const Distributor& distributor;
  const Level* level;  // nothing: unknown_level
  const Deal& deal;
  const std::vector<HouseAccount>& house_accounts;        // best first
  const std::vector<EarlierRegistration>& earlier;        // earliest first
  std::optional<QuotaUse> quota_use;                      // with the level's quota
};

Decision decide(const DecisionInput& input);

// What the distributor may sell in: its own list narrowed to its level's (the values in both); when
// one of them is empty, the other; nothing when both are empty (not limited).
std::optional<std::vector<std::string>> allowed_values(const std::vector<std::string>& own,
                                                       const std::vector<std::string>& level);

}  // namespace kam::core::distributors
