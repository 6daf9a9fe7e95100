// text.cpp - NFKC case folding (ICU), punctuation and spacing rules, Latin tokens.
#include "core/identity/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/error.hpp"

namespace kam::core::identity {

std::u32string to_u32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  for (size_t i = 0, n = utf8.size(); i < n;) {
    unsigned char c = s[i];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len && i + k < n; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

bool has_han(std::string_view utf8) {
  for (char32_t c : to_u32(utf8))
    if (is_han(c)) return true;
  return false;
}

std::string fold_case_and_width(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw Error(Status::internal, std::string("ICU NFKC_Casefold: ") + u_errorName(status));
  icu::UnicodeString folded = nfkc_cf->normalize(icu::UnicodeString::fromUTF8(utf8), status);
  if (U_FAILURE(status)) throw Error(Status::internal, std::string("ICU NFKC_Casefold: ") + u_errorName(status));
  std::string out;
  folded.toUTF8String(out);
  return out;
}

namespace {

bool is_open(char32_t c) {
  return c == '(' || c == '[' || c == '{' || c == U'【' || c == U'〔' || c == U'〖' || c == U'《' || c == U'「' ||
         c == U'『';
}
bool is_close(char32_t c) {
  return c == ')' || c == ']' || c == '}' || c == U'】' || c == U'〕' || c == U'〗' || c == U'》' || c == U'」' ||
         c == U'』';
}
bool is_word(char32_t c) { return u_isalnum(static_cast<UChar32>(c)) && !is_han(c); }

}  // namespace

std::string canonical_punctuation(std::string_view folded) {
  std::u32string in = to_u32(folded), mid;
  for (size_t i = 0; i < in.size(); ++i) {
    char32_t c = in[i];
    if (is_open(c)) {
      mid += U" (";
      continue;
    }
    if (is_close(c)) {
      mid += U") ";
      continue;
    }
    bool joiner = c == '.' || c == '\'' || c == U'\u2019';
    if (joiner && i > 0 && is_word(in[i - 1])) continue;  // "n.v." -> "nv", "philips'" -> "philips"
    int32_t mask = U_GET_GC_MASK(static_cast<UChar32>(c));
    if ((mask & (U_GC_P_MASK | U_GC_S_MASK | U_GC_Z_MASK | U_GC_CC_MASK)) != 0) c = ' ';
    mid += c;
  }
  std::u32string out;
  for (size_t i = 0; i < mid.size(); ++i) {
    char32_t c = mid[i];
    if (c != ' ') {
      out += c;
      continue;
    }
    size_t next = i;
    while (next < mid.size() && mid[next] == ' ') ++next;
    i = next - 1;
    if (out.empty() || next == mid.size()) continue;
    char32_t before = out.back(), after = mid[next];
    if (is_han(before) || is_han(after) || before == '(' || after == ')') continue;
    out += ' ';
  }
  return to_utf8(out);
}

std::vector<std::string> latin_tokens(std::string_view canonical) {
  std::vector<std::string> out;
  size_t start = 0;
  bool previous_letter = false;  // the last token is made of single letters
  while (start < canonical.size()) {
    size_t end = canonical.find(' ', start);
    if (end == std::string_view::npos) end = canonical.size();
    std::string_view token = canonical.substr(start, end - start);
    start = end + 1;
    if (token.empty() || token == "and" || token == "the") continue;
    bool letter = token.size() == 1 && token[0] >= 'a' && token[0] <= 'z';
    if (letter && previous_letter)
      out.back() += token;  // "n v" (from "N. V.") is "nv"
    else
      out.emplace_back(token);
    previous_letter = letter;
  }
  return out;
}

std::vector<std::string> tokens_of(std::string_view raw) {
  return latin_tokens(canonical_punctuation(fold_case_and_width(raw)));
}

}  // namespace kam::core::identity
