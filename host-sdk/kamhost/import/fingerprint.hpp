// fingerprint.hpp - FNV-1a 64 as 16 lower-case hex digits: the hash in the event ids kamhost derives
// for CSV rows without an event_id (docs/import.md). The value is part of the file format (an ERP
// re-sending a row must get the same id), so it is fixed here: kamhost builds against the installed
// SDK only, which does not ship the plugin's own hashing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kamhost::import {

inline std::string fnv1a64_hex(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 15];
  return out;
}

}  // namespace kamhost::import
