// fnv1a.hpp - FNV-1a 64-bit hash as 16 lower-case hex digits: Config::content_hash, which tells two
// loaded configs apart (not a security hash).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kam::config::detail {

inline std::string fnv1a64_hex(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 15];
  return out;
}

}  // namespace kam::config::detail
