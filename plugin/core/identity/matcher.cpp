// matcher.cpp - candidates from blocking keys, scored without reasons; reasons only for what is shown.
#include "core/identity/matcher.hpp"

#include <algorithm>

namespace kam::core::identity {

std::vector<ScoredPair> find_matches(const std::vector<Record>& records, const MatchParams& params) {
  std::vector<std::vector<std::string>> keys;
  std::vector<std::string> order;
  keys.reserve(records.size());
  for (const Record& r : records) {
    keys.push_back(blocking_keys(r));
    order.push_back(chain_order(r));
  }
  std::vector<ScoredPair> out;
  for (auto [a, b] : candidate_pairs(keys, order)) {
    Match m = compare(records[a], records[b], params, false);
    if (m.matched) out.push_back({a, b, m.score});
  }
  return out;
}

std::vector<QueryMatch> match_record(const Record& query, const std::vector<Record>& records,
                                     const MatchParams& params) {
  std::vector<QueryMatch> out;
  for (uint32_t i = 0; i < records.size(); ++i) {
    Match m = compare(query, records[i], params, true);
    if (m.matched) out.push_back({i, std::move(m)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const QueryMatch& x, const QueryMatch& y) { return x.match.score > y.match.score; });
  return out;
}

}  // namespace kam::core::identity
