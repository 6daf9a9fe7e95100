// labelled_set_test.cpp - precision, recall and F1 of matching on the generated labelled set (Chinese
// and Latin spellings, hard negatives), printed; the test fails below floors set from measurements.
#include <gtest/gtest.h>

#include <map>

#include "core/identity/matcher.hpp"
#include "generated_set.hpp"
#include "quality.hpp"

namespace kam::core::identity::test {
namespace {

TEST(LabelledSet, PrecisionRecallF1AboveFloors) {
  Preparer prep;
  std::vector<LabelledName> names = generate_names(prep, 2000, 12);
  std::vector<Record> records;
  std::vector<uint32_t> truth;
  for (const LabelledName& n : names) {
    records.push_back(prep.prepare(n.name, n.tax_id));
    truth.push_back(n.entity);
  }
  MatchParams params;
  std::vector<uint32_t> clusters = cluster_records(records, find_matches(records, params));
  Quality q = measure(clusters, truth);
  std::cout << names.size() << " names of " << truth.back() + 1 << " entities: " << describe(q) << "\n";
  // Recall per spelling rule: which spellings are found with the entity's first name.
  std::map<std::string, std::pair<int, int>> by_how;
  std::map<uint32_t, size_t> first;
  for (size_t i = 0; i < names.size(); ++i) {
    auto [it, fresh] = first.try_emplace(names[i].entity, i);
    if (fresh) continue;
    auto& [found, all] = by_how[names[i].how];
    ++all;
    found += clusters[i] == clusters[it->second];
  }
  for (auto& [how, c] : by_how)
    std::cout << "  " << how << ": " << c.first << "/" << c.second << " with the first spelling\n";
  // Measured (seed 12): P 0.970 R 0.985 F1 0.978. Names without a region are what costs precision:
  // one may join the same brand's company in another city.
  EXPECT_GE(q.precision, 0.95);
  EXPECT_GE(q.recall, 0.97);
  EXPECT_GE(q.f1, 0.96);
}

}  // namespace
}  // namespace kam::core::identity::test
