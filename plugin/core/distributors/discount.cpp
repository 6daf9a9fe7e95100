// discount.cpp - check_quote(): within the maximum it is allowed; above it the first step of the
// chain whose limit is at or above the discount asked (a step without a limit covers any) must
// approve; a discount above every step's limit is refused.
#include "core/distributors/discount.hpp"

namespace kam::core::distributors {

const char* quote_outcome_name(QuoteOutcome outcome) {
  switch (outcome) {
    case QuoteOutcome::allowed: return "allowed";
    case QuoteOutcome::needs_approval: return "needs_approval";
    case QuoteOutcome::refused: return "refused";
  }
  return "refused";
}

QuoteDecision check_quote(const QuoteInput& input, const std::vector<ApprovalStep>& chain) {
  QuoteDecision d;
  d.max_bp = input.channel_max_bp + input.retention_bp;
  if (input.asked_bp <= d.max_bp) return d;
  for (size_t i = 0; i < chain.size(); ++i) {
    if (chain[i].up_to_bp && input.asked_bp > *chain[i].up_to_bp) continue;
    d.outcome = QuoteOutcome::needs_approval;
    d.approval = chain[i];
    d.approval_step = i;
    return d;
  }
  d.outcome = QuoteOutcome::refused;
  return d;
}

}  // namespace kam::core::distributors
