// uscc_test.cpp - GB 32100-2015 codes: valid codes pass; every single-character corruption of them
// (every other character of the alphabet, and each forbidden letter) is flagged; lengths and case.
#include "core/identity/uscc.hpp"

#include <gtest/gtest.h>

#include "generated_set.hpp"

namespace kam::core::identity {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

std::vector<std::string> valid_codes() {
  std::vector<std::string> codes = {"91350100M000100Y43"};  // the example code of the standard's guides
  for (uint64_t n : {1ull, 31ull, 123456789ull, 987654321987ull, 0xFFFFFFFFFFFFull})
    codes.push_back(test::make_uscc(n));
  return codes;
}

TEST(Uscc, ValidCodesPass) {
  for (const std::string& code : valid_codes()) {
    TaxId id = check_uscc(code);
    EXPECT_EQ(id.status, TaxIdStatus::valid) << code << ": " << id.problem;
    EXPECT_EQ(id.text, code);
  }
  EXPECT_EQ(check_uscc(" 91350100m000100y43 ").status, TaxIdStatus::valid);  // trimmed, upper-cased
  EXPECT_EQ(check_uscc(" 91350100m000100y43 ").text, "91350100M000100Y43");
}

TEST(Uscc, EverySingleCharacterCorruptionIsFlagged) {
  size_t corruptions = 0;
  for (const std::string& code : valid_codes()) {
    for (size_t i = 0; i < code.size(); ++i) {
      for (char c : std::string(kAlphabet) + "IOSVZ") {
        if (c == code[i]) continue;
        std::string bad = code;
        bad[i] = c;
        TaxId id = check_uscc(bad);
        EXPECT_EQ(id.status, TaxIdStatus::invalid) << bad;
        EXPECT_FALSE(id.problem.empty()) << bad;
        EXPECT_EQ(id.text, bad);  // kept as given
        ++corruptions;
      }
    }
  }
  EXPECT_EQ(corruptions, valid_codes().size() * 18 * 35);
}

TEST(Uscc, ProblemsAreNamed) {
  EXPECT_EQ(check_uscc("").status, TaxIdStatus::none);
  EXPECT_EQ(check_uscc("91350100M000100Y4").problem, "has 17 characters, a unified social credit code has 18");
  EXPECT_EQ(check_uscc("91350100M0001I0Y43").problem, "character 14 'I' is not in the code's alphabet");
  EXPECT_EQ(check_uscc("91350100M000100Y44").problem, "check character is '4', the first 17 characters call for '3'");
}

}  // namespace
}  // namespace kam::core::identity
