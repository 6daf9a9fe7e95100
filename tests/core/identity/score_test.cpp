// score_test.cpp - the score's pieces and its explanation: tax ids decide with certainty (invalid
// ones are ignored, and said so), trade names by characters, sound, Latin vs pinyin and Latin words
// contained in the other name, regions keep
// same-brand companies of other cities apart, legal forms, branches, the threshold.
#include "core/identity/score.hpp"

#include <gtest/gtest.h>

#include "generated_set.hpp"

namespace kam::core::identity {
namespace {

const Preparer& prep() {
  static const Preparer p;
  return p;
}

Match match(const char* a, const char* b, const std::string& tax_a = "", const std::string& tax_b = "") {
  return compare(prep().prepare(a, tax_a), prep().prepare(b, tax_b), MatchParams());
}

const Evidence* piece(const Match& m, Piece p) {
  for (const Evidence& e : m.evidence)
    if (e.piece == p) return &e;
  return nullptr;
}

TEST(Score, EqualValidTaxIdsMatchWithCertaintyDifferentOnesNever) {
  std::string code = test::make_uscc(42), other = test::make_uscc(43);
  Match same = match("上海华东电子科技有限公司", "Totally Different Trading GmbH", code, code);
  EXPECT_TRUE(same.certain);
  EXPECT_TRUE(same.matched);
  EXPECT_EQ(same.score, 1.0);
  EXPECT_EQ(piece(same, Piece::tax_id)->agreement, Agreement::agree);
  Match differ = match("上海华东电子科技有限公司", "上海华东电子科技有限公司", code, other);
  EXPECT_TRUE(differ.certain);
  EXPECT_FALSE(differ.matched);
  EXPECT_EQ(piece(differ, Piece::tax_id)->agreement, Agreement::differ);
}

TEST(Score, InvalidTaxIdIsKeptButNeverUsedToMatch) {
  std::string code = test::make_uscc(42), bad = code;
  bad[5] = bad[5] == '7' ? '8' : '7';
  Match m = match("上海华东电子科技有限公司", "北京华东电子科技有限公司", bad, bad);
  EXPECT_FALSE(m.certain);
  EXPECT_FALSE(m.matched);  // equal but invalid codes do not make a match: the names decide
  EXPECT_NE(explain(m).find("tax id " + bad + " not used: check character"), std::string::npos) << explain(m);
  EXPECT_TRUE(match("上海华东电子科技有限公司", "华东电子科技(上海)有限公司", bad, code).matched);
}

TEST(Score, TradeNamesBySoundAndAcrossScripts) {
  Match homophone = match("上海华东电子有限公司", "上海花东电子有限公司");  // an input-method typo
  EXPECT_TRUE(homophone.matched) << explain(homophone);
  EXPECT_NE(piece(homophone, Piece::trade_name)->detail.find("pinyin hua dong / hua dong"), std::string::npos);
  Match other_brand = match("上海华东电子有限公司", "上海华南电子有限公司");
  EXPECT_FALSE(other_brand.matched) << explain(other_brand);
  Match english = match("上海华东电子有限公司", "Shanghai Huadong Electronics Co.,Ltd.");
  EXPECT_TRUE(english.matched) << explain(english);
  EXPECT_EQ(piece(english, Piece::trade_name)->agreement, Agreement::agree);
  EXPECT_TRUE(match("Huadong Electronics (Shanghai) Co Ltd", "Huadnog Electronics (Shanghai) Co Ltd").matched);
  EXPECT_FALSE(match("Kaidong Electronics (Shanghai) Co Ltd", "Taidong Electronics (Shanghai) Co Ltd").matched);
}

TEST(Score, LatinNameContainedInTheOther) {
  Match m = match("Philips Electronics N.V.", "Koninklijke Philips Electronics N.V.");
  EXPECT_TRUE(m.matched) << explain(m);
  EXPECT_NE(explain(m).find("the words of one are in the other"), std::string::npos);
  EXPECT_TRUE(match("Unilever", "Unilevr Companhia Holandesa").matched);  // each word within one slip
  EXPECT_FALSE(match("DSM N.V.", "DSM IP Assets B.V.").matched);          // too short to say
}

TEST(Score, RegionsKeepSameBrandInAnotherCityApart) {
  Match other_city = match("上海华东电子科技有限公司", "北京华东电子科技有限公司");
  EXPECT_FALSE(other_city.matched);
  EXPECT_LE(other_city.score, 0.5);
  EXPECT_EQ(piece(other_city, Piece::region)->agreement, Agreement::differ);
  Match one_side = match("上海华东电子科技有限公司", "华东电子科技有限公司");
  EXPECT_TRUE(one_side.matched) << explain(one_side);
  EXPECT_EQ(piece(one_side, Piece::region)->agreement, Agreement::unknown);
}

TEST(Score, LegalFormsAgreeAreCompatibleOrDiffer) {
  EXPECT_EQ(piece(match("华东电子有限公司", "华东电子有限责任公司"), Piece::legal_form)->agreement, Agreement::agree);
  EXPECT_EQ(piece(match("华东电子有限公司", "华东电子股份有限公司"), Piece::legal_form)->agreement,
            Agreement::compatible);
  Match differ = match("Akzo Nobel B.V.", "Akzo Nobel N.V.");
  EXPECT_EQ(piece(differ, Piece::legal_form)->agreement, Agreement::differ);
  EXPECT_LT(differ.score, match("Akzo Nobel N.V.", "Akzo Nobel NV").score);
}

TEST(Score, BranchIsSaidAndMatchesItsCompany) {
  Match m = match("上海华东电子科技有限公司北京分公司", "上海华东电子科技有限公司");
  EXPECT_TRUE(m.matched);
  ASSERT_NE(piece(m, Piece::branch), nullptr);
  EXPECT_NE(explain(m).find("is a branch (北京) of the company"), std::string::npos) << explain(m);
}

TEST(Score, ThresholdDecidesAndReasonsAreOptional) {
  Record a = prep().prepare("上海华东电子科技有限公司"), b = prep().prepare("上海华东电子有限公司");
  MatchParams loose, strict;
  strict.threshold = 0.99;
  Match l = compare(a, b, loose), s = compare(a, b, strict);
  EXPECT_EQ(l.score, s.score);
  EXPECT_TRUE(l.matched);
  EXPECT_FALSE(s.matched);
  Match quiet = compare(a, b, loose, false);
  EXPECT_EQ(quiet.score, l.score);
  EXPECT_TRUE(quiet.evidence.empty());
  EXPECT_EQ(explain(quiet).substr(0, 11), explain(l).substr(0, 11));
}

}  // namespace
}  // namespace kam::core::identity
