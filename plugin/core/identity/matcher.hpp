// matcher.hpp - identity matching over a set of prepared records: every matching pair (blocking, then
// scoring), and the records that match one query record. What a store calls, with the records it keeps.
#pragma once

#include <vector>

#include "core/identity/blocking.hpp"
#include "core/identity/cluster.hpp"
#include "core/identity/score.hpp"

namespace kam::core::identity {

// Every pair at or above the threshold, by (a, b).
std::vector<ScoredPair> find_matches(const std::vector<Record>& records, const MatchParams& params);

struct QueryMatch {
  uint32_t record;  // index into the records
  Match match;      // with reasons
};

// The records matching query, best first. The records are all scored (a store narrows them first by
// blocking keys).
std::vector<QueryMatch> match_record(const Record& query, const std::vector<Record>& records,
                                     const MatchParams& params);

}  // namespace kam::core::identity
