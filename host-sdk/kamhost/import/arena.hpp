// arena.hpp - the memory of one import batch: every string an event points to is copied here, so
// the events stay valid until clear() (once per batch) and memory is bounded by one batch.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace kamhost::import {

// Owns the strings and string lists of one batch's events. Pointers it returns stay valid until
// clear(), which keeps the memory for the next batch (only oversized pieces are given back).
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // A NUL-terminated copy of s.
  const char* str(std::string_view s);
  // A copy of s, not NUL-terminated (for the original lines kept for the rejects file).
  std::string_view text(std::string_view s);
  // An array of count pointers (uninitialised), aligned for const char*.
  const char** pointers(std::size_t count);
  void clear();
  // Bytes held (for tests: it must not grow with the number of batches).
  std::size_t capacity() const;

 private:
  char* allocate(std::size_t size, std::size_t align);
  static constexpr std::size_t kBlockSize = 256 * 1024;
  struct Block {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
  };
  std::vector<Block> blocks_;   // reused across clear()
  std::vector<Block> large_;    // pieces over kBlockSize / 4, freed by clear()
  std::size_t current_ = 0;     // index into blocks_
  std::size_t used_ = 0;        // bytes used in blocks_[current_]
};

}  // namespace kamhost::import
