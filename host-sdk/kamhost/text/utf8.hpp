// utf8.hpp - UTF-8 as kamhost needs it: is text valid (import files), and where does the code
// point at a byte end (escaping and shortening cut only between characters).
#pragma once

#include <cstddef>
#include <string_view>

namespace kamhost {

// True when s is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view s);

// The length in bytes of the well-formed UTF-8 character at s[i], or 0 when none starts there.
std::size_t utf8_char_length(std::string_view s, std::size_t i);

}  // namespace kamhost
