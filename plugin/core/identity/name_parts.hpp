// name_parts.hpp - a company name split into the parts of a Chinese enterprise name (企业名称登记管理
// 规定 2020, art. 6: region + trade name + industry + organisational form), which Latin names follow
// too ("Huadong Electronics Technology (Shanghai) Co., Ltd."). Every field is a plain string or flag,
// so that a store can keep them in a row.
#pragma once

#include <string>
#include <string_view>

#include "core/identity/tables.hpp"

namespace kam::core::identity {

enum class Script { latin = 0, han = 1 };

struct NameParts {
  Script script = Script::latin;
  std::string brand;         // trade name (字号): Simplified Han text, or Latin tokens joined by ' '
  std::string industry;      // canonical English industry words in name order, joined by ','
  std::string region;        // canonical Latin region name ("shanghai"), or empty
  std::string region_code;   // GB/T 2260 code ("310000")
  std::string region_how;    // "prefix", "brackets" or "suffix"
  std::string legal_form;    // as found: "有限公司", "co ltd"
  std::string legal_class;   // "limited"
  std::string legal_family;  // "limited": classes of one family are compatible
  bool group = false;        // 集团 / "(集团)"
  bool branch = false;       // 分公司 and the like: a branch of the company, not another company
  std::string branch_name;   // "北京" in 上海华东电子科技有限公司北京分公司
};

// Han names: `canonical` is folded, Simplified and punctuation-canonical (see Preparer). Pieces are
// stripped as anchored substrings (suffix, prefix, bracket group), never by splitting on spaces.
struct HanLexicon;  // the tables as code points, built once
NameParts parse_han(std::string_view canonical, const HanLexicon& lexicon);
// Latin names: pieces are whole tokens.
NameParts parse_latin(std::string_view canonical, const Tables& tables);

}  // namespace kam::core::identity
