// did_you_mean.cpp - edit distance with a cut-off, and the suggestions built on it.
#include "config/did_you_mean.hpp"

#include <algorithm>

namespace kam::config::detail {
namespace {

char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_folded(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (fold(text[i]) != fold(prefix[i])) return false;
  return true;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max) {
  // The lengths alone bound the distance from below: a 30 KB name is never near a zone name.
  const std::size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (length_gap > max) return max + 1;
  // Three rolling rows: the swap rule looks two rows back.
  const std::size_t n = b.size();
  std::vector<std::size_t> before(n + 1), prev(n + 1), cur(n + 1);
  for (std::size_t j = 0; j <= n; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= n; ++j) {
      const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
        cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    // Distances never shrink from one row pair to the next, so once two rows are past `max` the
    // result is too.
    if (*std::min_element(cur.begin(), cur.end()) > max && *std::min_element(prev.begin(), prev.end()) > max)
      return max + 1;
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[n];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
  if (word.empty()) return std::nullopt;
  // Allow about one typo per three characters (at least one), so short words do not match anything.
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (std::string_view candidate : candidates) {
    if (candidate == word) continue;  // an exact match is not a suggestion
    const std::size_t d = edit_distance(word, candidate, best_distance - 1);
    if (d < best_distance) {
      best = candidate;
      best_distance = d;
      if (d == 0) break;  // differs only in case: nothing is closer
    }
  }
  if (best) return std::string(*best);
  // An abbreviation ("warn" for "warning", "sync" for "synchronous") is worth suggesting too.
  if (word.size() >= 3) {
    for (std::string_view candidate : candidates)
      if (candidate != word && starts_with_folded(candidate, word)) return std::string(candidate);
  }
  return std::nullopt;
}

std::string did_you_mean_suffix(std::string_view word, const std::vector<std::string_view>& candidates) {
  auto match = closest_match(word, candidates);
  return match ? "; did you mean '" + *match + "'?" : std::string();
}

}  // namespace kam::config::detail
