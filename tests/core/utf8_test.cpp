// utf8_test.cpp - core/utf8: strict UTF-8 validity (overlongs, surrogates, the U+10FFFF bound, cut
// sequences), the character-boundary prefix, control characters, code point names, and utf8_escape
// (every byte that is not part of a valid sequence as \xNN, cut on a boundary to the byte bound).
#include "core/utf8.hpp"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace {

using kam::core::code_point_name;
using kam::core::find_control;
using kam::core::is_valid_utf8;
using kam::core::utf8_escape;
using kam::core::utf8_prefix;

constexpr size_t npos = std::string_view::npos;

// "\0" inside a literal: std::string_view of the whole array without its terminator.
template <size_t N>
std::string_view bytes(const char (&s)[N]) {
  return std::string_view(s, N - 1);
}

TEST(Utf8Valid, AcceptsEveryLengthAtItsBounds) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ASCII ~"));
  EXPECT_TRUE(is_valid_utf8(bytes("a\0b")));       // NUL is valid UTF-8 (refused as a control elsewhere)
  EXPECT_TRUE(is_valid_utf8("\x7F"));              // the last one-byte sequence
  EXPECT_TRUE(is_valid_utf8("\xC2\x80"));          // U+0080, the first two-byte one
  EXPECT_TRUE(is_valid_utf8("\xDF\xBF"));          // U+07FF
  EXPECT_TRUE(is_valid_utf8("\xE0\xA0\x80"));      // U+0800
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(is_valid_utf8("\xEE\x80\x80"));      // U+E000, just above them
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
  EXPECT_TRUE(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(is_valid_utf8("北京市海淀区 Ölgesellschaft 😀"));
}

TEST(Utf8Valid, RefusesOverlongsSurrogatesAndBeyondTheLastCodePoint) {
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));          // overlong U+007F
  EXPECT_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // overlong U+07FF
  EXPECT_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // overlong U+FFFF
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800, a surrogate
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));  // a lead byte that cannot start anything valid
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // five-byte form
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Utf8Valid, RefusesCutAndStraySequences) {
  EXPECT_FALSE(is_valid_utf8("\x80"));            // a continuation byte alone
  EXPECT_FALSE(is_valid_utf8("ab\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xE4\xB8"));        // 中 without its last byte
  EXPECT_FALSE(is_valid_utf8("\xE4\xB8" "a"));    // ... followed by ASCII instead
  EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x98"));    // 😀 cut
  EXPECT_FALSE(is_valid_utf8("x\xC3"));           // cut at the very end
}

TEST(Utf8Prefix, CutsOnACharacterBoundary) {
  const std::string text = "a中b";  // 'a', 3 bytes, 'b'
  EXPECT_EQ(utf8_prefix(text, 10), text);
  EXPECT_EQ(utf8_prefix(text, 5), text);
  EXPECT_EQ(utf8_prefix(text, 4), "a中");
  EXPECT_EQ(utf8_prefix(text, 3), "a");
  EXPECT_EQ(utf8_prefix(text, 2), "a");
  EXPECT_EQ(utf8_prefix(text, 1), "a");
  EXPECT_EQ(utf8_prefix(text, 0), "");
  EXPECT_EQ(utf8_prefix("😀", 3), "");
}

TEST(Utf8Control, FindsC0DelAndC1) {
  EXPECT_EQ(find_control("clean name", false), npos);
  EXPECT_EQ(find_control(bytes("ab\0c"), false), 2u);
  EXPECT_EQ(find_control("ab\x1B[31m", false), 2u);     // ESC
  EXPECT_EQ(find_control("ab\x7F", false), 2u);          // DEL
  EXPECT_EQ(find_control("a\xC2\x80", false), 1u);       // U+0080, the first C1
  EXPECT_EQ(find_control("a\xC2\x9F", false), 1u);       // U+009F, the last C1
  EXPECT_EQ(find_control("a\xC2\xA0", false), npos);     // U+00A0 (no-break space) is not a control
  EXPECT_EQ(find_control("中\x1F", false), 3u);          // the offset is in bytes
}

TEST(Utf8Control, LineBreaksAndTabsOnlyWhenAllowed) {
  EXPECT_EQ(find_control("line\nline", false), 4u);
  EXPECT_EQ(find_control("col\tcol", false), 3u);
  EXPECT_EQ(find_control("line\nline\tcol", true), npos);
  EXPECT_EQ(find_control("line\r\n", true), 4u);  // '\r' is not a line break here
}

TEST(Utf8Control, InvalidTextIsLeftToTheValidityCheck) {
  EXPECT_EQ(find_control("ab\xFF\x01", false), npos);
}

TEST(Utf8CodePointName, NamesTheSequenceAtAnOffset) {
  EXPECT_EQ(code_point_name("a\x1B", 1), "U+001B");
  EXPECT_EQ(code_point_name("\xC2\x85", 0), "U+0085");
  EXPECT_EQ(code_point_name("😀", 0), "U+1F600");
  EXPECT_EQ(code_point_name("\xFF", 0), "an invalid byte");
  EXPECT_EQ(code_point_name("ab", 5), "an invalid byte");
}

TEST(Utf8Escape, ValidTextIsUnchanged) {
  EXPECT_EQ(utf8_escape("", 100), "");
  EXPECT_EQ(utf8_escape("kam 中文 😀", 100), "kam 中文 😀");
}

TEST(Utf8Escape, EveryInvalidByteIsWrittenAsHex) {
  EXPECT_EQ(utf8_escape("a\xFF" "b", 100), "a\\xFFb");
  EXPECT_EQ(utf8_escape("\xC0\x80", 100), "\\xC0\\x80");            // an overlong: both bytes
  EXPECT_EQ(utf8_escape("\xED\xA0\x80", 100), "\\xED\\xA0\\x80");   // a surrogate: all three
  EXPECT_EQ(utf8_escape("\xE4\xB8" "a", 100), "\\xE4\\xB8a");       // a cut sequence, then ASCII
  EXPECT_EQ(utf8_escape("x\xF0\x9F\x98", 100), "x\\xF0\\x9F\\x98"); // cut at the end
  EXPECT_TRUE(is_valid_utf8(utf8_escape("\x80\xBF\xFE\xFF", 100)));
}

TEST(Utf8Escape, CutsOnACharacterBoundaryAndNeverSplitsAnEscape) {
  EXPECT_EQ(utf8_escape("abcdef", 4), "abcd");
  EXPECT_EQ(utf8_escape("a中", 3), "a");              // 中 does not fit whole: left out
  EXPECT_EQ(utf8_escape("a中", 4), "a中");
  EXPECT_EQ(utf8_escape("a\xFF", 4), "a");            // "\xFF" needs 4 bytes, 3 are left
  EXPECT_EQ(utf8_escape("a\xFF", 5), "a\\xFF");
  EXPECT_EQ(utf8_escape("\xFF" "abc", 5), "\\xFFa");
  EXPECT_EQ(utf8_escape("abc", 0), "");
  // The result never exceeds the bound and is always valid, whatever the input.
  const std::string mixed = "\xE4\xB8\xAD\xFF" "a\xF0\x9F\x98\x80\xC0";
  for (size_t max = 0; max <= 40; ++max) {
    const std::string out = utf8_escape(mixed, max);
    EXPECT_LE(out.size(), max) << max;
    EXPECT_TRUE(is_valid_utf8(out)) << max;
  }
}

}  // namespace
