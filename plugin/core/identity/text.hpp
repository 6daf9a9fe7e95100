// text.hpp - the script-independent steps of name normalisation: code points, Unicode NFKC with case
// folding (full width to half width, （） to ()), punctuation and spacing, Latin tokens.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"  // join, used with these tokens

namespace kam::core::identity {

std::u32string to_u32(std::string_view utf8);  // input is valid UTF-8 (checked at the ABI)
std::string to_utf8(std::u32string_view text);

bool is_han(char32_t c);  // a CJK ideograph
bool has_han(std::string_view utf8);

// NFKC_Casefold: "Ｈｕａｄｏｎｇ（上海）" -> "huadong(上海)".
std::string fold_case_and_width(std::string_view utf8);

// After fold_case_and_width: every bracket becomes ( or ); dots and apostrophes inside a word go
// ("n.v." -> "nv", "philips'" -> "philips"), other punctuation and symbols become a space; runs of
// spaces become one, and a space next to a Han character goes (CJK text has no word spaces).
std::string canonical_punctuation(std::string_view folded);

// Space-separated tokens of canonical text, without "and", "the" (so "A & B" equals "A and B");
// single letters in a row are one abbreviation ("N. V." and "D S M" are "nv", "dsm").
std::vector<std::string> latin_tokens(std::string_view canonical);

// fold, punctuation and tokens in one: how the Latin cells of the tables are read.
std::vector<std::string> tokens_of(std::string_view raw);

}  // namespace kam::core::identity
