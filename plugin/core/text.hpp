// text.hpp - small text helpers the core's parts share (identity tokens, tier explanations).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kam::core {

// The parts with `separator` between them ("" for none).
inline std::string join(const std::vector<std::string>& parts, std::string_view separator = " ") {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

}  // namespace kam::core
