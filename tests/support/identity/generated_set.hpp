// generated_set.hpp - a labelled set of Chinese and Latin company names generated with the duplicate
// labels known by construction: each entity (trade name, industry, region, legal form, maybe a tax id)
// is spelt in several ways (region as prefix or in brackets, full region name, full/half width,
// Traditional, legal-form variants, English names, input-method typos, branches, no region; tax id
// or not, now and then an invalid one), and hard negatives are other entities: the same brand in
// another city, a brand one character away. Used by the tests and by bench/identity_bench.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/identity/record.hpp"

namespace kam::core::identity::test {

struct LabelledName {
  std::string name;
  std::string tax_id;  // empty, the entity's valid code, or a corrupted one
  uint32_t entity;     // equal for the spellings of one company
  std::string how;     // which spelling rule produced it ("brackets", "english", "typo", ...)
};

// About 2.5 names per entity; deterministic for a seed. The preparer supplies the regions and
// industry words (from data/identity) and checks that no generated trade name reads as a region.
std::vector<LabelledName> generate_names(const Preparer& preparer, size_t entities, uint64_t seed);

// A valid unified social credit code derived from n.
std::string make_uscc(uint64_t n);

}  // namespace kam::core::identity::test
