// normalise_test.cpp - core/contacts: phone numbers in every common format to one E.164 form (in
// the default region and with a country code), e-mail addresses trimmed and NFKC case-folded, and
// what does not normalise kept as given and flagged.
#include "core/contacts/normalise.hpp"

#include <gtest/gtest.h>

namespace kam::core::contacts {
namespace {

TEST(NormalisePhone, CommonFormatsOfOneNumberAgree) {
  for (const char* raw : {"010 6552 9988", "(010) 6552-9988", "+86 10 6552 9988", "0086 10 65529988", "+861065529988",
                          " 010-65529988 "}) {
    const Normalised n = normalise_phone(raw, "CN");
    EXPECT_TRUE(n.valid) << raw;
    EXPECT_EQ(n.value, "+861065529988") << raw;
  }
  EXPECT_EQ(normalise_phone("138 0013 8000", "CN").value, "+8613800138000");
  // The region matters only for national numbers.
  EXPECT_EQ(normalise_phone("030 1234567", "DE").value, "+49301234567");
  EXPECT_EQ(normalise_phone("+86 138 0013 8000", "DE").value, "+8613800138000");
}

TEST(NormalisePhone, WhatDoesNotParseIsKeptAndFlagged) {
  for (const char* raw : {"not a number", "", "12", "+86 1"}) {
    const Normalised n = normalise_phone(raw, "CN");
    EXPECT_FALSE(n.valid) << raw;
  }
  EXPECT_EQ(normalise_phone("  ext. office  ", "CN").value, "ext. office");
}

TEST(NormaliseEmail, TrimmedAndCaseFolded) {
  EXPECT_EQ(normalise_email("  Li.Wei@ACME.cn ").value, "li.wei@acme.cn");
  EXPECT_EQ(normalise_email("ＩＮＦＯ@acme.cn").value, "info@acme.cn");  // full-width: NFKC
  EXPECT_EQ(normalise_email("Straße@Example.DE").value, "strasse@example.de");  // full case fold
  for (const char* bad : {"no-at-sign", "@acme.cn", "li@", "a@b@c", "li wei@acme.cn"}) EXPECT_FALSE(normalise_email(bad).valid) << bad;
}

TEST(ClassifyQuery, AnAtMakesItAnAddress) {
  EXPECT_EQ(classify("a@b.cn", "CN").kind, PointKind::email);
  EXPECT_EQ(classify("13800138000", "CN").kind, PointKind::phone);
  EXPECT_TRUE(is_phone_region("CN"));
  EXPECT_FALSE(is_phone_region("XX"));
  EXPECT_FALSE(is_phone_region("cn"));
}

}  // namespace
}  // namespace kam::core::contacts
