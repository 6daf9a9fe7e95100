// blocking.hpp - which records are worth scoring against each other. Each record has a few blocking
// keys (plain strings a store can index): "t:" its valid tax id; "h:" character bigrams of a Han trade
// name; "d:" the trade name in Latin letters (pinyin for Han, so both scripts of one company meet)
// without spaces, and each of its one-letter deletions (two names one edit or one transposition
// apart share one); "w:" each Latin word of three letters or more. Pairs are the records that share
// a key; a name key held by more than max_block records is too common to block on.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/identity/record.hpp"

namespace kam::core::identity {

std::vector<std::string> blocking_keys(const Record& record);

using RecordPair = std::pair<uint32_t, uint32_t>;  // first < second, indexes into the records

// Every pair that shares a key (tax ids always; name keys of at most max_block records), once, sorted.
std::vector<RecordPair> candidate_pairs(const std::vector<std::vector<std::string>>& keys, size_t max_block = 100);

}  // namespace kam::core::identity
