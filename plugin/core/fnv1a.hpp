// fnv1a.hpp - FNV-1a 64-bit hashing: stable across builds and platforms, so its values may be stored
// (event fingerprints) or shown (config content hashes). Not a security hash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kam::core {

class Fnv1a64 {
 public:
  void bytes(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) {
      h_ ^= p[i];
      h_ *= 0x100000001b3ULL;
    }
  }
  void bytes(std::string_view s) { bytes(s.data(), s.size()); }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 0xcbf29ce484222325ULL;
};

// The hash of text as 16 lower-case hex digits.
inline std::string fnv1a64_hex(std::string_view text) {
  Fnv1a64 f;
  f.bytes(text);
  uint64_t h = f.value();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 15];
  return out;
}

}  // namespace kam::core
