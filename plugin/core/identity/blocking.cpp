// blocking.cpp - blocking keys and prefix-filtered candidate pairs.
#include "core/identity/blocking.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "core/identity/text.hpp"

namespace kam::core::identity {

std::vector<std::string> blocking_keys(const Record& r) {
  std::vector<std::string> keys;
  if (r.tax_id.status == TaxIdStatus::valid) keys.push_back("t:" + r.tax_id.text);
  if (r.parts.script == Script::han) {
    std::u32string brand = to_u32(r.parts.brand);
    if (brand.size() == 1) keys.push_back("h:" + r.parts.brand);
    for (size_t i = 0; i + 1 < brand.size(); ++i) keys.push_back("h:" + to_utf8(brand.substr(i, 2)));
  }
  std::string latin = "^";
  for (char c : r.latin)
    if (c != ' ') latin += c;
  latin += '$';
  for (size_t i = 0; i + 3 <= latin.size(); ++i) keys.push_back("l:" + latin.substr(i, 3));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::vector<RecordPair> candidate_pairs(const std::vector<std::vector<std::string>>& keys, double min_overlap) {
  // Intern the keys and count in how many records each occurs.
  std::unordered_map<std::string_view, uint32_t> ids;
  std::vector<uint32_t> frequency;
  std::vector<std::vector<uint32_t>> names(keys.size()), taxes(keys.size());
  for (size_t r = 0; r < keys.size(); ++r) {
    for (const std::string& k : keys[r]) {
      auto [it, fresh] = ids.try_emplace(k, static_cast<uint32_t>(frequency.size()));
      if (fresh) frequency.push_back(0);
      ++frequency[it->second];
      (k.rfind("t:", 0) == 0 ? taxes : names)[r].push_back(it->second);
    }
  }
  // Index each record under its tax ids and under the prefix of its name keys: the rarest ones, as
  // many as a pair with the overlap must share one of (|K| - ceil(overlap |K|) + 1).
  std::vector<std::vector<uint32_t>> postings(frequency.size());
  for (size_t r = 0; r < keys.size(); ++r) {
    std::vector<uint32_t>& k = names[r];
    std::sort(k.begin(), k.end(), [&](uint32_t x, uint32_t y) { return std::pair(frequency[x], x) < std::pair(frequency[y], y); });
    size_t need = std::max<size_t>(1, static_cast<size_t>(std::ceil(min_overlap * static_cast<double>(k.size()))));
    size_t prefix = k.empty() ? 0 : k.size() - std::min(need, k.size()) + 1;
    for (size_t i = 0; i < prefix; ++i) postings[k[i]].push_back(static_cast<uint32_t>(r));
    for (uint32_t t : taxes[r]) postings[t].push_back(static_cast<uint32_t>(r));
  }
  std::vector<uint64_t> pairs;
  for (const std::vector<uint32_t>& p : postings) {  // ascending and distinct by construction
    for (size_t i = 0; i < p.size(); ++i)
      for (size_t j = i + 1; j < p.size(); ++j) pairs.push_back((uint64_t{p[i]} << 32) | p[j]);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<RecordPair> out;
  out.reserve(pairs.size());
  for (uint64_t x : pairs) out.emplace_back(static_cast<uint32_t>(x >> 32), static_cast<uint32_t>(x));
  return out;
}

}  // namespace kam::core::identity
