// identity_json.hpp - what the identity use cases' JSON answers share: an account's spellings, a
// match's score and reasons, scores in basis points, the limits.
#pragma once

#include <nlohmann/json.hpp>

#include "core/identity/score.hpp"
#include "store/identity/identity_repository.hpp"

namespace kam::app::identity {

int32_t score_bp(double score);                                      // rounded half up
const char* tax_id_status_name(core::identity::TaxIdStatus status);  // "none" | "valid" | "invalid"

// {name, tax_id, tax_id_status, tax_id_problem, key, region} of one spelling.
nlohmann::json spelling_json(const core::identity::Record& r);
// {account_id, name, name_latin (the second spelling's name, or ""), tax_id, tax_id_status,
//  tax_id_problem, key}
nlohmann::json account_json(const store::IdentityAccount& a);
// {score_bp, certain, explanation, reasons: [{piece, agreement, detail}]}
nlohmann::json match_fields(const core::identity::Match& m);

// The best of every pair of the two accounts' spellings (with reasons if asked).
core::identity::Match best_match(const std::vector<core::identity::Record>& a,
                                 const std::vector<core::identity::Record>& b,
                                 const core::identity::MatchParams& params, bool with_reasons);

// limit 0 means `default_limit`; above `max_limit` is invalid_argument naming the function.
uint32_t limit_of(uint32_t limit, uint32_t default_limit, uint32_t max_limit, const char* function);

// min_score_bp 0 means the YAML threshold; otherwise 1..10000.
double threshold_of(int32_t min_score_bp, int32_t config_bp, const char* function);

std::string dump(const nlohmann::json& j);

}  // namespace kam::app::identity
