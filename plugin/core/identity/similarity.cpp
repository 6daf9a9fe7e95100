// similarity.cpp - optimal string alignment distance with three rolling rows (an adjacent transposition
// costs half an edit: the commonest typing slip), word-set Jaccard.
#include "core/identity/similarity.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace kam::core::identity {
namespace {

template <typename Char>
double osa_similarity(std::basic_string_view<Char> a, std::basic_string_view<Char> b) {
  size_t n = a.size(), m = b.size();
  if (n == 0 && m == 0) return 1.0;
  thread_local std::vector<double> prev2, prev, cur;  // reused: this runs for every candidate pair
  prev2.assign(m + 1, 0);
  prev.assign(m + 1, 0);
  cur.assign(m + 1, 0);
  for (size_t j = 0; j <= m; ++j) prev[j] = static_cast<double>(j);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<double>(i);
    for (size_t j = 1; j <= m; ++j) {
      double cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 0.5);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return 1.0 - prev[m] / static_cast<double>(std::max(n, m));
}

// The distinct words of a ','-separated list, sorted (a handful: no set needed).
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t start = 0; start < s.size();) {
    size_t end = std::min(s.find(',', start), s.size());
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

double edit_similarity(std::u32string_view a, std::u32string_view b) { return osa_similarity(a, b); }
double edit_similarity(std::string_view a, std::string_view b) { return osa_similarity(a, b); }

double set_similarity(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  std::vector<std::string_view> x = words(a), y = words(b);
  if (x.empty() && y.empty()) return 1.0;
  size_t both = 0;
  for (std::string_view w : x) both += std::binary_search(y.begin(), y.end(), w);
  return static_cast<double>(both) / static_cast<double>(x.size() + y.size() - both);
}

}  // namespace kam::core::identity
