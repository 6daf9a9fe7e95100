// did_you_mean.hpp - "did you mean 'X'?" suggestions for misspelt keys, enum values, permission
// names and time zones: the closest candidate by edit distance, if it is close enough to help.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kam::config::detail {

// Optimal-string-alignment distance (Levenshtein plus adjacent swaps), ASCII case-insensitive, so
// "nmae" -> "name" and "Asia/shanghai" -> "Asia/Shanghai" are both one edit or less. Any distance
// above `max` is returned as max + 1, found early (from the lengths, or once a row passes it), so
// a very long word costs little.
std::size_t edit_distance(std::string_view a, std::string_view b,
                          std::size_t max = std::numeric_limits<std::size_t>::max() - 1);

// The candidate closest to `word`, or nothing when none is plausibly what was meant. Ties go to the
// first candidate, so callers list candidates in a stable order.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

// "; did you mean 'X'?" or "" - ready to append to a message.
std::string did_you_mean_suffix(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace kam::config::detail
