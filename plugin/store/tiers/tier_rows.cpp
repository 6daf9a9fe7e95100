// tier_rows.cpp - the tier_state row conversions the tier repository's files share.
#include "store/tiers/tier_rows.hpp"

namespace kam::store::detail {

std::string by_id(Backend backend, const char* column) {
  return backend == Backend::postgresql ? std::string(column) + " COLLATE \"C\"" : std::string(column);
}

StoredTierState read_state(const Cursor& c, int first) {
  StoredTierState s;
  s.tier = c.text_at(first);
  s.since_ms = c.int64_at(first + 1);
  s.below_since_ms = optional_int64_at(c, first + 2);
  s.computed_tier = c.text_at(first + 3);
  s.effective_tier = c.text_at(first + 4);
  s.effective_since_ms = c.int64_at(first + 5);
  s.churn_level = static_cast<int32_t>(c.int64_at(first + 6));
  s.churn_score = static_cast<int32_t>(c.int64_at(first + 7));
  s.evaluated_at_ms = c.int64_at(first + 8);
  s.config_version = c.int64_at(first + 9);
  s.metrics_json = c.text_at(first + 10);
  return s;
}

std::vector<WriteParam> state_params(const std::string& account_id, const StoredTierState& s) {
  return {account_id,          s.tier,          s.since_ms,        optional_param(s.below_since_ms),
          s.computed_tier,     s.effective_tier, s.effective_since_ms, int64_t{s.churn_level},
          int64_t{s.churn_score}, s.evaluated_at_ms, s.config_version, s.metrics_json};
}

}  // namespace kam::store::detail
