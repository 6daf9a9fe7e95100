// blocking.cpp - blocking keys and the candidate pairs of shared keys.
#include "core/identity/blocking.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "core/identity/text.hpp"

namespace kam::core::identity {
namespace {

constexpr size_t kMaxDeletions = 24;  // longer Latin names get their words as keys instead
constexpr size_t kWindow = 5;         // neighbours paired in a large block

}  // namespace

std::vector<std::string> blocking_keys(const Record& r) {
  std::vector<std::string> keys;
  if (r.tax_id.status == TaxIdStatus::valid) keys.push_back("t:" + r.tax_id.text);
  if (r.parts.script == Script::han) {
    std::u32string brand = to_u32(r.parts.brand);
    if (brand.size() == 1) keys.push_back("h:" + r.parts.brand);
    for (size_t i = 0; i + 1 < brand.size(); ++i) keys.push_back("h:" + to_utf8(brand.substr(i, 2)));
  }
  std::string compact;
  for (char c : r.latin)
    if (c != ' ') compact += c;
  if (!compact.empty()) {
    keys.push_back("e:" + compact);
    keys.push_back("d:" + compact);
  }
  // One code point deleted at a time (not one byte: "müller" must stay UTF-8, which PostgreSQL requires).
  const std::u32string letters = to_u32(compact);
  if (letters.size() > 2 && letters.size() <= kMaxDeletions)
    for (size_t i = 0; i < letters.size(); ++i)
      keys.push_back("d:" + to_utf8(letters.substr(0, i)) + to_utf8(letters.substr(i + 1)));
  if (r.parts.script == Script::latin)
    for (const std::string& w : latin_tokens(r.latin))
      if (w.size() >= 3) keys.push_back("w:" + w);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::string chain_order(const Record& r) { return r.parts.region + "|" + r.latin; }

std::vector<RecordPair> candidate_pairs(const std::vector<std::vector<std::string>>& keys,
                                        const std::vector<std::string>& order, size_t max_block) {
  std::unordered_map<std::string_view, std::vector<uint32_t>> blocks;
  for (size_t r = 0; r < keys.size(); ++r)
    for (const std::string& k : keys[r]) blocks[k].push_back(static_cast<uint32_t>(r));
  std::vector<uint64_t> pairs;
  auto add = [&](uint32_t a, uint32_t b) {
    pairs.push_back(a < b ? (uint64_t{a} << 32) | b : (uint64_t{b} << 32) | a);
  };
  for (auto& [key, members] : blocks) {  // members ascending and distinct by construction
    if (members.size() <= max_block || key.rfind("t:", 0) == 0) {
      for (size_t i = 0; i < members.size(); ++i)
        for (size_t j = i + 1; j < members.size(); ++j) add(members[i], members[j]);
    } else {
      if (!order.empty())
        std::stable_sort(members.begin(), members.end(), [&](uint32_t x, uint32_t y) { return order[x] < order[y]; });
      for (size_t i = 0; i < members.size(); ++i)
        for (size_t j = i + 1; j < members.size() && j <= i + kWindow; ++j) add(members[i], members[j]);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<RecordPair> out;
  out.reserve(pairs.size());
  for (uint64_t x : pairs) out.emplace_back(static_cast<uint32_t>(x >> 32), static_cast<uint32_t>(x));
  return out;
}

}  // namespace kam::core::identity
