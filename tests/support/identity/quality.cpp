// quality.cpp - pairwise and B-cubed scores from the contingency counts of two labellings.
#include "quality.hpp"

#include <cstdio>
#include <map>
#include <unordered_map>

namespace kam::core::identity::test {
namespace {

uint64_t pairs_of(uint64_t n) { return n * (n - 1) / 2; }
double f1_of(double p, double r) { return p + r == 0 ? 0 : 2 * p * r / (p + r); }

}  // namespace

Quality measure(const std::vector<uint32_t>& predicted, const std::vector<uint32_t>& truth) {
  std::unordered_map<uint32_t, uint64_t> pred_size, true_size;
  std::map<std::pair<uint32_t, uint32_t>, uint64_t> both;
  for (size_t i = 0; i < predicted.size(); ++i) {
    ++pred_size[predicted[i]];
    ++true_size[truth[i]];
    ++both[{predicted[i], truth[i]}];
  }
  Quality q;
  for (auto& [k, n] : pred_size) q.predicted_pairs += pairs_of(n);
  for (auto& [k, n] : true_size) q.true_pairs += pairs_of(n);
  double bp = 0, br = 0;
  for (auto& [k, n] : both) {
    q.correct_pairs += pairs_of(n);
    // Each of the n records of this cell has n of its cluster's records right.
    bp += static_cast<double>(n) * static_cast<double>(n) / static_cast<double>(pred_size[k.first]);
    br += static_cast<double>(n) * static_cast<double>(n) / static_cast<double>(true_size[k.second]);
  }
  q.precision = q.predicted_pairs ? static_cast<double>(q.correct_pairs) / static_cast<double>(q.predicted_pairs) : 1;
  q.recall = q.true_pairs ? static_cast<double>(q.correct_pairs) / static_cast<double>(q.true_pairs) : 1;
  q.f1 = f1_of(q.precision, q.recall);
  double n = static_cast<double>(predicted.size());
  q.bcubed_precision = n ? bp / n : 1;
  q.bcubed_recall = n ? br / n : 1;
  q.bcubed_f1 = f1_of(q.bcubed_precision, q.bcubed_recall);
  return q;
}

std::string describe(const Quality& q) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "P %.3f R %.3f F1 %.3f B3-F1 %.3f (correct pairs %llu of %llu predicted, %llu true)",
                q.precision, q.recall, q.f1, q.bcubed_f1, static_cast<unsigned long long>(q.correct_pairs),
                static_cast<unsigned long long>(q.predicted_pairs), static_cast<unsigned long long>(q.true_pairs));
  return buf;
}

}  // namespace kam::core::identity::test
