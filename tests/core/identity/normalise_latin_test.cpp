// normalise_latin_test.cpp - every normalisation rule on Latin names: case and width folding,
// punctuation inside abbreviations, legal forms per country (with and without spaces and dots, as a
// suffix and Dutch-style as a prefix), regions in brackets, first or last, industry words.
#include <gtest/gtest.h>

#include "core/identity/record.hpp"

namespace kam::core::identity {
namespace {

const Preparer& prep() {
  static const Preparer p;
  return p;
}

NameParts parts(const char* name) { return prep().prepare(name).parts; }

TEST(NormaliseLatin, CaseWidthAndPunctuation) {
  EXPECT_EQ(prep().canonical("ＨＵＡＤＯＮＧ　Ｃｏ．，Ｌｔｄ．"), "huadong co ltd");
  EXPECT_EQ(prep().canonical("* AKZO NOBEL N.V."), "akzo nobel nv");
  EXPECT_EQ(prep().canonical("Philips' Gloeilampenfabrieken"), "philips gloeilampenfabrieken");
  EXPECT_EQ(prep().canonical("Smith  &  Wesson / Inc."), "smith wesson inc");
  EXPECT_EQ(prep().canonical("Müller GmbH"), "müller gmbh");
}

TEST(NormaliseLatin, ChineseEnglishLegalFormsWithAndWithoutSpaces) {
  for (const char* name :
       {"Huadong Co., Ltd.", "Huadong Co.,Ltd.", "HUADONG CO LTD", "Huadong Company Limited", "Huadong Co. Limited"}) {
    NameParts p = parts(name);
    EXPECT_EQ(p.brand, "huadong") << name;
    EXPECT_EQ(p.legal_class, "limited") << name;
    EXPECT_EQ(p.legal_family, "limited") << name;
  }
}

TEST(NormaliseLatin, LegalFormsPerCountry) {
  struct Case {
    const char* name;
    const char* brand;
    const char* cls;
  };
  for (const Case& c : {Case{"Agilent Technologies, Inc.", "agilent", "inc"}, Case{"Siemens AG", "siemens", "ag"},
                        Case{"Bosch GmbH", "bosch", "gmbh"}, Case{"Bosch GmbH & Co. KG", "bosch", "gmbh_co_kg"},
                        Case{"Akzo Nobel B.V.", "akzo nobel", "bv"}, Case{"AKZO NOBEL NV", "akzo nobel", "nv"},
                        Case{"Total S.A.", "total", "sa"}, Case{"Fiat S.p.A.", "fiat", "spa"},
                        Case{"Tesco PLC", "tesco", "plc"}, Case{"Volvo AB", "volvo", "ab"},
                        Case{"Nokia Oyj", "nokia", "oyj"}, Case{"Acme Corp.", "acme", "corporation"}}) {
    NameParts p = parts(c.name);
    EXPECT_EQ(p.brand, c.brand) << c.name;
    EXPECT_EQ(p.legal_class, c.cls) << c.name;
  }
}

TEST(NormaliseLatin, DutchFormAsAPrefixAndFormsOnlyAsWholeWords) {
  NameParts p = parts("N.V. Philips' Gloeilampenfabrieken");
  EXPECT_EQ(p.legal_class, "nv");
  EXPECT_EQ(p.brand, "philips gloeilampenfabrieken");
  EXPECT_EQ(parts("Incas").brand, "incas");  // "inc" inside a word is no form
  EXPECT_EQ(parts("Ltd").brand, "ltd");      // a form alone stays the name
}

TEST(NormaliseLatin, RegionInBracketsFirstOrLast) {
  NameParts b = parts("Huadong Electronics Technology (Shanghai) Co., Ltd.");
  EXPECT_EQ(b.region, "shanghai");
  EXPECT_EQ(b.region_how, "brackets");
  EXPECT_EQ(b.brand, "huadong");
  EXPECT_EQ(b.industry, "electronics,technology");
  EXPECT_EQ(parts("Shanghai Huadong Electronics Co., Ltd.").region_how, "prefix");
  EXPECT_EQ(parts("Huadong Electronics Shanghai Co., Ltd.").region_how, "suffix");
  EXPECT_EQ(parts("Huadong (Hong Kong) Limited").region, "hongkong");
  EXPECT_EQ(parts("Canton Trading Co").region, "guangzhou");  // the conventional English name
  EXPECT_EQ(parts("Shanghai Co Ltd").region, "");             // nothing would remain
}

TEST(NormaliseLatin, IndustryWordsIncludingMultiWordRenderings) {
  EXPECT_EQ(parts("Huadong Science & Technology Co Ltd").industry, "technology");
  EXPECT_EQ(parts("Huadong Science & Technology Co Ltd").brand, "huadong");
  EXPECT_EQ(parts("Huadong Import and Export Co").industry, "import export");
  EXPECT_EQ(parts("Philips Electronics N.V.").brand, "philips");
  EXPECT_EQ(parts("Electronics Inc").brand, "electronics");             // one word at least stays the trade name
  EXPECT_EQ(parts("Philips Electonics N.V.").industry, "electronics");  // one slip in a long word
  EXPECT_EQ(parts("Philips Elctrnics N.V.").industry, "");              // two are too many
}

TEST(NormaliseLatin, LatinRecordsKeepTheirTokensAsTheLatinForm) {
  Record r = prep().prepare("Koninklijke Philips Electronics N.V.");
  EXPECT_EQ(r.parts.script, Script::latin);
  EXPECT_EQ(r.latin, "koninklijke philips");
  EXPECT_EQ(r.key, "koninklijke philips|electronics|");
}

// "Group" is 集团 in Latin letters: a flag, so that "Huadong Electric Group" is Huadong + electric as
// 华东电气集团 is 华东 + 电气 (and "Huadong Pharmaceutical Group" does not contain "Huadong").
TEST(NormaliseLatin, GroupIsAFlagNotPartOfTheTradeName) {
  const NameParts p = parts("Huadong Electric Group Co., Ltd.");
  EXPECT_EQ(p.brand, "huadong");
  EXPECT_EQ(p.industry, "electric");
  EXPECT_TRUE(p.group);
  EXPECT_EQ(parts("Group Co., Ltd.").brand, "group");  // a name that is only the word keeps it
  EXPECT_EQ(parts("Hexi Plastics Group Co., Ltd.").industry, "plastics");
}

}  // namespace
}  // namespace kam::core::identity
