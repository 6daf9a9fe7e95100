// record.hpp - an account name (and tax id) prepared once for matching, when the account is stored:
// every field is a plain string or int a store keeps in the account's row, so that comparisons never
// normalise, convert or transliterate again. Preparer holds what preparing needs (tables, OpenCC,
// ICU's transliterator: ~100 ms to create); create one and keep it.
#pragma once

#include <string>
#include <string_view>

#include "core/identity/chinese.hpp"
#include "core/identity/han_lexicon.hpp"
#include "core/identity/name_parts.hpp"
#include "core/identity/tables.hpp"
#include "core/identity/uscc.hpp"

namespace kam::core::identity {

struct Record {
  std::string name;       // as given
  std::string canonical;  // NFKC + case fold, Simplified, punctuation and spacing rules
  NameParts parts;
  std::string latin;  // the trade name in Latin letters: toneless pinyin syllables for Han
                      // ("hua dong"), the tokens themselves for Latin
  std::string key;    // exact-match key "brand|industry|region": equal keys, same company name
  TaxId tax_id;
};

class Preparer {
 public:
  Preparer();  // the tables compiled in from data/identity
  explicit Preparer(Tables tables);
  Preparer(const Preparer&) = delete;
  Preparer& operator=(const Preparer&) = delete;

  Record prepare(std::string_view name, std::string_view tax_id = {}) const;
  // The canonical text alone (fold, Traditional to Simplified, punctuation).
  std::string canonical(std::string_view name) const;
  const Tables& tables() const { return tables_; }

 private:
  Tables tables_;
  HanLexicon han_;
  ChineseScript chinese_;
};

}  // namespace kam::core::identity
