// identity_json.cpp - the shared pieces of the identity answers.
#include "app/identity/identity_json.hpp"

#include <cmath>

#include "core/error.hpp"

namespace kam::app::identity {

namespace ci = core::identity;
using nlohmann::json;

int32_t score_bp(double score) { return static_cast<int32_t>(std::floor(score * 10000.0 + 0.5)); }

const char* tax_id_status_name(ci::TaxIdStatus status) {
  switch (status) {
    case ci::TaxIdStatus::valid:
      return "valid";
    case ci::TaxIdStatus::invalid:
      return "invalid";
    case ci::TaxIdStatus::none:
      break;
  }
  return "none";
}

json spelling_json(const ci::Record& r) {
  return {{"name", r.name},
          {"tax_id", r.tax_id.text},
          {"tax_id_status", tax_id_status_name(r.tax_id.status)},
          {"tax_id_problem", r.tax_id.problem},
          {"key", r.key},
          {"region", r.parts.region}};
}

json account_json(const store::IdentityAccount& a) {
  const ci::Record& first = a.records.front();
  return {{"account_id", a.account_id},
          {"name", first.name},
          {"name_latin", a.records.size() > 1 ? a.records[1].name : std::string()},
          {"tax_id", first.tax_id.text},
          {"tax_id_status", tax_id_status_name(first.tax_id.status)},
          {"tax_id_problem", first.tax_id.problem},
          {"key", first.key}};
}

json match_fields(const ci::Match& m) {
  json reasons = json::array();
  for (const ci::Evidence& e : m.evidence)
    reasons.push_back(
        {{"piece", ci::piece_name(e.piece)}, {"agreement", ci::agreement_name(e.agreement)}, {"detail", e.detail}});
  return {
      {"score_bp", score_bp(m.score)}, {"certain", m.certain}, {"explanation", ci::explain(m)}, {"reasons", reasons}};
}

ci::Match best_match(const std::vector<ci::Record>& a, const std::vector<ci::Record>& b, const ci::MatchParams& params,
                     bool with_reasons) {
  ci::Match best;
  bool first = true;
  for (const ci::Record& x : a)
    for (const ci::Record& y : b) {
      ci::Match m = ci::compare(x, y, params, with_reasons);
      if (m.certain && !m.matched) return m;  // different valid tax ids: never one company
      if (first || m.score > best.score) best = std::move(m);
      first = false;
    }
  return best;
}

uint32_t limit_of(uint32_t limit, uint32_t default_limit, uint32_t max_limit, const char* function) {
  if (limit > max_limit)
    throw Error(Status::invalid_argument,
                std::string(function) + ": limit " + std::to_string(limit) + " is over " + std::to_string(max_limit));
  return limit == 0 ? default_limit : limit;
}

double threshold_of(int32_t min_score_bp, int32_t config_bp, const char* function) {
  if (min_score_bp < 0 || min_score_bp > 10000)
    throw Error(Status::invalid_argument, std::string(function) + ": min_score_bp " + std::to_string(min_score_bp) +
                                              " is outside 0..10000 (0: identity.threshold)");
  return (min_score_bp == 0 ? config_bp : min_score_bp) / 10000.0;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace kam::app::identity
