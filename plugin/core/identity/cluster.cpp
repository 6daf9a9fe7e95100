// cluster.cpp - union-find with per-cluster tax id and region, refusing conflicting unions.
#include "core/identity/cluster.hpp"

#include <algorithm>
#include <numeric>
#include <string>

namespace kam::core::identity {

std::vector<uint32_t> cluster_records(const std::vector<Record>& records, std::vector<ScoredPair> pairs) {
  size_t n = records.size();
  std::vector<uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  std::vector<const std::string*> tax(n, nullptr), region(n, nullptr);
  for (size_t i = 0; i < n; ++i) {
    if (records[i].tax_id.status == TaxIdStatus::valid) tax[i] = &records[i].tax_id.text;
    if (!records[i].parts.region.empty()) region[i] = &records[i].parts.region;
  }
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  auto conflict = [](const std::string* x, const std::string* y) { return x && y && *x != *y; };
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const ScoredPair& x, const ScoredPair& y) { return x.score > y.score; });
  for (const ScoredPair& p : pairs) {
    uint32_t x = find(p.a), y = find(p.b);
    if (x == y || conflict(tax[x], tax[y]) || conflict(region[x], region[y])) continue;
    if (y < x) std::swap(x, y);  // the root is the cluster's first record
    parent[y] = x;
    if (!tax[x]) tax[x] = tax[y];
    if (!region[x]) region[x] = region[y];
  }
  std::vector<uint32_t> out(n);
  for (uint32_t i = 0; i < n; ++i) out[i] = find(i);
  return out;
}

}  // namespace kam::core::identity
