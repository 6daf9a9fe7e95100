// han_lexicon.hpp - the Han entries of the tables as code-point strings, longest first, built once per
// Preparer so that parsing a name converts nothing.
#pragma once

#include <string>
#include <vector>

#include "core/identity/tables.hpp"

namespace kam::core::identity {

struct HanLexicon {
  template <typename T>
  struct Entry {
    std::u32string text;
    const T* item;
  };
  std::vector<Entry<HanLegalForm>> forms;
  std::vector<Entry<Region>> regions;  // short and full names
  std::vector<Entry<IndustryTerm>> industry;
};

HanLexicon make_han_lexicon(const Tables& tables);  // keeps pointers into tables

}  // namespace kam::core::identity
