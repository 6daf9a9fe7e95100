// discount.hpp - discount authority for a quote (docs/distributors.md): the maximum discount a
// channel may give an account without approval (the tier's benefits.discount_authority for the
// direct channel, the level's maximum for the product line for a distributor, plus the retention
// discount of the account's churn risk level), and above it the approval chain's step whose limit
// covers the discount asked. Basis points, compared as integers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/distributors/rules.hpp"

namespace kam::core::distributors {

enum class QuoteOutcome { allowed, needs_approval, refused };
const char* quote_outcome_name(QuoteOutcome outcome);  // "allowed" | "needs_approval" | "refused"

struct QuoteInput {
  int64_t channel_max_bp = 0;  // the channel's own maximum for the account and line
  int64_t retention_bp = 0;    // the account's retention discount (churn risk level)
  int64_t asked_bp = 0;
};

struct QuoteDecision {
  QuoteOutcome outcome = QuoteOutcome::allowed;
  int64_t max_bp = 0;                    // channel_max_bp + retention_bp
  std::optional<ApprovalStep> approval;  // needs_approval: the step that covers the discount
  size_t approval_step = 0;              // its index in the chain
};

QuoteDecision check_quote(const QuoteInput& input, const std::vector<ApprovalStep>& chain);

}  // namespace kam::core::distributors
