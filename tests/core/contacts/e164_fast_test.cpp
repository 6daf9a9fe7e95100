// e164_fast_test.cpp - core/contacts: the E.164 fast path answers exactly as libphonenumber does,
// over every region's example numbers of every type, their near misses (a trunk prefix or a zero
// after the calling code, a digit more or less, another first digit), random national digits after
// each calling code and random "+digits"; and it does answer the usual hotline input itself.
#include <gtest/gtest.h>
#include <phonenumbers/phonenumberutil.h>

#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/contacts/normalise.hpp"

namespace kam::core::contacts {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// E.164 forms to try: example numbers of every region and type, with their variants.
std::vector<std::string> candidates() {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::mt19937_64 random(11);
  std::set<std::string> regions;
  util.GetSupportedRegions(&regions);
  std::set<int> codes;
  util.GetSupportedCallingCodes(&codes);
  std::vector<std::string> out;
  const auto digits = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('0' + random() % 10);
    return s;
  };
  const auto add_variants = [&](int code, const std::string& national, const std::string& trunk) {
    const std::string cc = "+" + std::to_string(code);
    out.push_back(cc + national);
    out.push_back(cc + trunk + national);
    out.push_back(cc + "0" + national);
    out.push_back(cc + national + digits(1));
    out.push_back(cc + national + digits(2));
    if (national.size() > 1) out.push_back(cc + national.substr(0, national.size() - 1));
    for (char first = '1'; first <= '9'; ++first) out.push_back(cc + first + national.substr(1));
  };
  for (const std::string& region : regions) {
    std::string trunk;
    util.GetNddPrefixForRegion(region, true, &trunk);
    std::set<PhoneNumberUtil::PhoneNumberType> types;
    util.GetSupportedTypesForRegion(region, &types);
    for (PhoneNumberUtil::PhoneNumberType type : types) {
      PhoneNumber example;
      if (!util.GetExampleNumberForType(region, type, &example)) continue;
      std::string significant;
      util.GetNationalSignificantNumber(example, &significant);
      add_variants(example.country_code(), significant, trunk);
    }
  }
  for (int code : codes)
    for (int k = 0; k < 40; ++k) out.push_back("+" + std::to_string(code) + digits(4 + random() % 10));
  for (int k = 0; k < 50000; ++k) out.push_back("+" + std::to_string(1 + random() % 9) + digits(6 + random() % 9));
  // The example config's region: Chinese numbers of every leading pair of digits and length.
  for (int k = 0; k < 20000; ++k) out.push_back("+86" + std::to_string(10 + random() % 90) + digits(5 + random() % 8));
  return out;
}

TEST(E164FastPath, AnswersAsLibphonenumberDoes) {
  std::size_t answered = 0, tried = 0;
  for (const std::string& number : candidates()) {
    ++tried;
    const std::optional<Normalised> fast = normalise_e164_fast(number);
    if (!fast) continue;
    ++answered;
    for (const char* region : {"CN", "DE", "US", "BR"}) {
      const Normalised library = normalise_phone_with_library(number, region);
      ASSERT_TRUE(library.valid) << number << " in " << region;
      ASSERT_EQ(fast->value, library.value) << number << " in " << region;
    }
    ASSERT_TRUE(fast->valid);
  }
  // Many of them are E.164 forms the library keeps as they are: the fast path must take those.
  EXPECT_GT(answered, tried / 4) << answered << " of " << tried;
  std::printf("the fast path answered %zu of %zu numbers itself\n", answered, tried);
}

TEST(E164FastPath, TakesTheHotlinesInputAndLeavesTheRest) {
  for (const char* number : {"+8613800138000", "+861065529988", "+49301234567", "+12025550123", "+442071838750"}) {
    const std::optional<Normalised> fast = normalise_e164_fast(number);
    ASSERT_TRUE(fast) << number;
    EXPECT_EQ(fast->value, number);
    EXPECT_TRUE(fast->valid);
  }
  // Not E.164 in form, or not sure to stay as given: the library decides.
  for (const char* number : {"+86 138 0013 8000", "008613800138000", "13800138000", "+0861065529988", "+86123",
                             "+4402071838750", "+3906698321", "+80012345678", "+99912345678", "+861234567890123456"})
    EXPECT_FALSE(normalise_e164_fast(number)) << number;
  // Through normalise_phone: the same answers either way, spaces trimmed first.
  for (const char* number : {" +8613800138000 ", "+4402071838750", "+3906698321", "+86 10 6552 9988", "+99912345678"}) {
    const Normalised a = normalise_phone(number, "CN"), b = normalise_phone_with_library(number, "CN");
    EXPECT_EQ(a.value, b.value) << number;
    EXPECT_EQ(a.valid, b.valid) << number;
  }
}

}  // namespace
}  // namespace kam::core::contacts
