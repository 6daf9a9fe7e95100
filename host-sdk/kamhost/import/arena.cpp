// arena.cpp - the batch arena (see arena.hpp).
#include "import/arena.hpp"

#include <cstring>

namespace kamhost::import {

char* Arena::allocate(std::size_t size, std::size_t align) {
  if (size > kBlockSize / 4) {
    Block b;
    b.data = std::make_unique<char[]>(size);  // new[] is aligned for any fundamental type
    b.size = size;
    large_.push_back(std::move(b));
    return large_.back().data.get();
  }
  for (;;) {
    if (current_ < blocks_.size()) {
      std::size_t start = (used_ + align - 1) / align * align;
      if (start + size <= blocks_[current_].size) {
        used_ = start + size;
        return blocks_[current_].data.get() + start;
      }
      ++current_;
      used_ = 0;
      continue;
    }
    Block b;
    b.data = std::make_unique<char[]>(kBlockSize);
    b.size = kBlockSize;
    blocks_.push_back(std::move(b));
    current_ = blocks_.size() - 1;
    used_ = 0;
  }
}

const char* Arena::str(std::string_view s) {
  char* p = allocate(s.size() + 1, 1);
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

std::string_view Arena::text(std::string_view s) {
  if (s.empty()) return {};
  char* p = allocate(s.size(), 1);
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

const char** Arena::pointers(std::size_t count) {
  if (count == 0) return nullptr;
  return reinterpret_cast<const char**>(allocate(count * sizeof(const char*), alignof(const char*)));
}

void Arena::clear() {
  large_.clear();
  current_ = 0;
  used_ = 0;
}

std::size_t Arena::capacity() const {
  std::size_t n = 0;
  for (const auto& b : blocks_) n += b.size;
  for (const auto& b : large_) n += b.size;
  return n;
}

}  // namespace kamhost::import
