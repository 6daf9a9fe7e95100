// known_ids.hpp - a per-store memory of ids that are committed in the database and never deleted
// (account ids): ingestion asks it before it asks the database whether an account exists.
//
// Only ids of committed transactions are added (a rolled-back batch must not leave an id behind that
// the database does not have). An id that is missing here is simply looked up in the database, so
// several hosts on one PostgreSQL need no coordination: each learns what it meets. Memory is bounded:
// when the set would grow beyond its capacity it is emptied and starts again.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace kam::store::detail {

class KnownIds {
 public:
  // About 80 bytes per id of 10 characters: the default bounds the set at roughly 80 MB.
  static constexpr std::size_t kDefaultCapacity = 1'000'000;

  explicit KnownIds(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}
  KnownIds(const KnownIds&) = delete;
  KnownIds& operator=(const KnownIds&) = delete;

  bool contains(std::string_view id) const {
    std::shared_lock<std::shared_mutex> lock(mu_);
    return ids_.find(id) != ids_.end();
  }

  // Adds ids that a committed transaction stored or found. Range of std::string (or string_view).
  template <class Range>
  void add(const Range& ids) {
    if (ids.empty()) return;
    std::unique_lock<std::shared_mutex> lock(mu_);
    for (const auto& id : ids) {
      if (ids_.size() >= capacity_) ids_.clear();
      ids_.emplace(id);
    }
  }

  std::size_t size() const {
    std::shared_lock<std::shared_mutex> lock(mu_);
    return ids_.size();
  }

  void clear() {
    std::unique_lock<std::shared_mutex> lock(mu_);
    ids_.clear();
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };

  const std::size_t capacity_;
  mutable std::shared_mutex mu_;
  std::unordered_set<std::string, Hash, std::equal_to<>> ids_;
};

}  // namespace kam::store::detail
