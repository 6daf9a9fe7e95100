// similarity.hpp - string similarities the score is built from, all in [0, 1].
#pragma once

#include <string_view>

namespace kam::core::identity {

// 1 - (optimal string alignment distance: edits, adjacent transpositions at half an edit) / longer length.
double edit_similarity(std::u32string_view a, std::u32string_view b);
double edit_similarity(std::string_view a, std::string_view b);  // bytes (ASCII text)

// Jaccard of two ','-separated word sets; 1 when both are empty.
double set_similarity(std::string_view a, std::string_view b);

}  // namespace kam::core::identity
