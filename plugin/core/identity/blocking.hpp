// blocking.hpp - which records are worth scoring against each other. Each record has a few blocking
// keys (plain strings a store can index): "t:" its valid tax id, "h:" character bigrams of a Han trade
// name, "l:" trigrams of the trade name in Latin letters (pinyin for Han, so Han and Latin spellings
// of one company share them). Pairs are the records that share a tax id, or enough keys; prefix
// filtering on the rarest keys keeps the work near-linear in the number of records.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/identity/record.hpp"

namespace kam::core::identity {

std::vector<std::string> blocking_keys(const Record& record);

using RecordPair = std::pair<uint32_t, uint32_t>;  // first < second, indexes into the records

// Every pair that shares a "t:" key, and every pair whose name keys overlap in at least min_overlap
// of the larger key set (and perhaps some with less), each once, sorted.
std::vector<RecordPair> candidate_pairs(const std::vector<std::vector<std::string>>& keys, double min_overlap = 0.4);

}  // namespace kam::core::identity
