// uscc.cpp - GB 32100-2015 check character.
#include "core/identity/uscc.hpp"

#include <cctype>

namespace kam::core::identity {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // 31 characters, value = index
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int value_of(char c) {
  size_t at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

}  // namespace

std::optional<char> uscc_check_character(std::string_view first17) {
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    int v = value_of(first17[i]);
    if (v < 0) return std::nullopt;
    sum += v * kWeights[i];
  }
  return kAlphabet[static_cast<size_t>((31 - sum % 31) % 31)];
}

TaxId check_uscc(std::string_view text) {
  TaxId id;
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  for (size_t i = b; i < e; ++i) id.text += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
  if (id.text.empty()) return id;
  id.status = TaxIdStatus::invalid;
  if (id.text.size() != 18) {
    id.problem = "has " + std::to_string(id.text.size()) + " characters, a unified social credit code has 18";
    return id;
  }
  for (size_t i = 0; i < 18; ++i) {
    if (value_of(id.text[i]) < 0) {
      id.problem = "character " + std::to_string(i + 1) + " '" + id.text[i] + "' is not in the code's alphabet";
      return id;
    }
  }
  char expected = *uscc_check_character(std::string_view(id.text).substr(0, 17));
  if (id.text[17] != expected) {
    id.problem =
        std::string("check character is '") + id.text[17] + "', the first 17 characters call for '" + expected + "'";
    return id;
  }
  id.status = TaxIdStatus::valid;
  return id;
}

}  // namespace kam::core::identity
