// uscc.hpp - China's unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
// 0-9 A-H J-N P-R T U W-Y (no I, O, S, V, Z); the 18th is a check character, 31 minus the weighted sum
// of the first 17 (weights 3^(i) mod 31) mod 31.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kam::core::identity {

enum class TaxIdStatus { none = 0, valid = 1, invalid = 2 };

struct TaxId {
  std::string text;  // as given, trimmed and upper-cased: kept even when invalid
  TaxIdStatus status = TaxIdStatus::none;
  std::string problem;  // why it is invalid ("character 5 'I' is not in the code's alphabet")
};

TaxId check_uscc(std::string_view text);

// The check character the first 17 characters call for, or nothing if one is outside the alphabet.
std::optional<char> uscc_check_character(std::string_view first17);

}  // namespace kam::core::identity
