// utf8.hpp - strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF): validation of every
// string that crosses the ABI, control-character checks for ids and names, and the escaping that
// makes every message the plugin returns valid UTF-8 whatever bytes it quotes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kam::core {

bool is_valid_utf8(std::string_view text);

// Truncates text to at most max_bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, size_t max_bytes);

// The byte offset of the first control character in valid UTF-8 text (C0 U+0000..U+001F, DEL
// U+007F, C1 U+0080..U+009F), or npos. With allow_line_breaks, '\n' and '\t' are not counted.
size_t find_control(std::string_view text, bool allow_line_breaks);

// The code point of the (valid) sequence at text[at], for messages ("U+001B").
std::string code_point_name(std::string_view text, size_t at);

// text with every byte that is not part of a valid sequence written as "\xE2", cut on a character
// boundary to at most max_bytes: valid UTF-8 whatever text holds.
std::string utf8_escape(std::string_view text, size_t max_bytes);

}  // namespace kam::core
