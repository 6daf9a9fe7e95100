// blocking.hpp - which records are worth scoring against each other. Each record has a few blocking
// keys (plain strings a store can index): "t:" its valid tax id; "h:" character bigrams of a Han trade
// name; "e:" the trade name in Latin letters (pinyin for Han, so both scripts of one company meet)
// without spaces, and "d:" the same and each of its one-letter deletions (two names one edit or one
// transposition apart share one); "w:" each Latin word of three letters or more. Pairs are the
// records that share a key. A name key held by more than max_block records is too common to pair
// all-to-all: its records are sorted by `order` (region, then trade name: the likeliest matches side
// by side) and each is paired with its next five (sorted neighbourhood), which clustering joins up.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/identity/record.hpp"

namespace kam::core::identity {

std::vector<std::string> blocking_keys(const Record& record);

using RecordPair = std::pair<uint32_t, uint32_t>;  // first < second, indexes into the records

// Every pair that shares a key (tax ids always; name keys of at most max_block records; neighbours in
// larger blocks), once, sorted. order: one string per record, or empty for record order.
std::vector<RecordPair> candidate_pairs(const std::vector<std::vector<std::string>>& keys,
                                        const std::vector<std::string>& order = {}, size_t max_block = 100);

// The order of a record in a chained block.
std::string chain_order(const Record& record);

}  // namespace kam::core::identity
