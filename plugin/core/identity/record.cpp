// record.cpp - preparing a record: canonical text, parts by script, pinyin of a Han trade name, key.
#include "core/identity/record.hpp"

#include "core/identity/text.hpp"

namespace kam::core::identity {
namespace {

Tables embedded_tables() {
  return parse_tables(embedded_table("regions.tsv"), embedded_table("legal_forms_zh.tsv"),
                      embedded_table("legal_forms_latin.tsv"), embedded_table("industry_terms.tsv"), &tokens_of);
}

}  // namespace

Preparer::Preparer() : Preparer(embedded_tables()) {}

Preparer::Preparer(Tables tables) : tables_(std::move(tables)), han_(make_han_lexicon(tables_)) {}

std::string Preparer::canonical(std::string_view name) const {
  return canonical_punctuation(chinese_.to_simplified(fold_case_and_width(name)));
}

Record Preparer::prepare(std::string_view name, std::string_view tax_id) const {
  Record r;
  r.name = std::string(name);
  r.canonical = canonical(name);
  r.parts = has_han(r.canonical) ? parse_han(r.canonical, han_) : parse_latin(r.canonical, tables_);
  r.latin = r.parts.script == Script::han ? chinese_.pinyin(r.parts.brand) : r.parts.brand;
  r.key = r.parts.brand + "|" + r.parts.industry + "|" + r.parts.region;
  r.tax_id = check_uscc(tax_id);
  return r;
}

}  // namespace kam::core::identity
