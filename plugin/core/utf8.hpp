// utf8.hpp - strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF), used on
// every string that crosses the ABI before the plugin keeps it.
#pragma once

#include <string_view>

namespace kam::core {

bool is_valid_utf8(std::string_view text);

// Truncates text to at most max_bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, size_t max_bytes);

}  // namespace kam::core
