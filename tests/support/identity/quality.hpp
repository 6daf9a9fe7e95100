// quality.hpp - how well a clustering recovers labelled entities: pairwise precision, recall and F1
// (over all pairs put in one cluster) and B-cubed F1 (per record, so one huge cluster does not
// dominate). Shared by the labelled-set test and bench/identity_bench.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kam::core::identity::test {

struct Quality {
  double precision = 0, recall = 0, f1 = 0;  // pairwise
  double bcubed_precision = 0, bcubed_recall = 0, bcubed_f1 = 0;
  uint64_t true_pairs = 0, predicted_pairs = 0, correct_pairs = 0;
};

// predicted[i], truth[i]: any labels; equal labels, one cluster.
Quality measure(const std::vector<uint32_t>& predicted, const std::vector<uint32_t>& truth);

std::string describe(const Quality& q);  // "P 0.991 R 0.962 F1 0.976 B3-F1 0.980 (pairs 1234/1250)"

}  // namespace kam::core::identity::test
