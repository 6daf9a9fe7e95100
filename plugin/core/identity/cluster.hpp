// cluster.hpp - duplicate clusters from matched pairs (union-find), strongest pairs first. A union
// that would put two different valid tax ids, or two different regions, into one cluster is refused:
// matching is not transitive across a certain non-match.
#pragma once

#include <cstdint>
#include <vector>

#include "core/identity/record.hpp"

namespace kam::core::identity {

struct ScoredPair {
  uint32_t a, b;  // indexes into the records
  double score;
};

// The cluster of every record: the index of its cluster's first record.
std::vector<uint32_t> cluster_records(const std::vector<Record>& records, std::vector<ScoredPair> pairs);

}  // namespace kam::core::identity
