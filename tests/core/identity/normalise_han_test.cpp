// normalise_han_test.cpp - every normalisation rule on Chinese names: width and brackets, spacing,
// Traditional to Simplified, organisational forms, 集团, branches, regions as prefix, in brackets or
// before the form, industry words; and that nothing splits CJK text on spaces.
#include <gtest/gtest.h>

#include "core/identity/record.hpp"

namespace kam::core::identity {
namespace {

const Preparer& prep() {
  static const Preparer p;  // created once: OpenCC and ICU load their data
  return p;
}

NameParts parts(const char* name) { return prep().prepare(name).parts; }

TEST(NormaliseHan, FullWidthBracketsAndPunctuationBecomeCanonical) {
  EXPECT_EQ(prep().canonical("华东电子科技（上海）有限公司"), "华东电子科技(上海)有限公司");
  EXPECT_EQ(prep().canonical("华东电子科技【上海】有限公司"), "华东电子科技(上海)有限公司");
  EXPECT_EQ(prep().canonical("华东·电子、科技。"), "华东电子科技");
  EXPECT_EQ(prep().canonical("ＡＢＣ电子"), "abc电子");  // full-width Latin to half width, case folded
}

TEST(NormaliseHan, SpacesNextToHanGoAndNothingSplitsOnThem) {
  EXPECT_EQ(prep().canonical("  华东 电子  科技 （上海） 有限公司 "), "华东电子科技(上海)有限公司");
  EXPECT_EQ(parts("华东 电子 科技 有限 公司").brand, "华东");
  EXPECT_EQ(parts("华东 电子 科技 有限 公司").legal_form, "有限公司");
}

TEST(NormaliseHan, TraditionalBecomesSimplified) {
  EXPECT_EQ(prep().canonical("華東電子科技(上海)有限公司"), "华东电子科技(上海)有限公司");
  Record t = prep().prepare("臺灣華東電子股份有限公司"), s = prep().prepare("台湾华东电子股份有限公司");
  EXPECT_EQ(t.key, s.key);
  EXPECT_EQ(t.parts.region, "taiwan");
}

TEST(NormaliseHan, OrganisationalFormsAreStrippedFromTheEndLongestFirst) {
  EXPECT_EQ(parts("上海华东电子有限公司").legal_class, "limited");
  EXPECT_EQ(parts("上海华东电子有限责任公司").legal_class, "limited");
  NameParts js = parts("上海华东电子股份有限公司");
  EXPECT_EQ(js.legal_form, "股份有限公司");
  EXPECT_EQ(js.legal_class, "joint_stock");
  EXPECT_EQ(js.legal_family, "limited");
  EXPECT_EQ(js.brand, "华东");
  EXPECT_EQ(parts("华东电子公司").legal_class, "company");
  EXPECT_EQ(parts("华东电子").legal_form, "");
  // A form inside the name is not stripped: only anchored at the end.
  EXPECT_EQ(parts("有限公司华东").brand, "有限公司华东");
}

TEST(NormaliseHan, GroupMarkerIsStrippedBesideTheForm) {
  NameParts g = parts("上海华东电子集团有限公司");
  EXPECT_TRUE(g.group);
  EXPECT_EQ(g.brand, "华东");
  EXPECT_EQ(g.legal_class, "limited");
  EXPECT_TRUE(parts("华东电子(集团)股份有限公司").group);
  EXPECT_EQ(parts("华东电子(集团)股份有限公司").brand, "华东");
}

TEST(NormaliseHan, BranchIsTheParentCompanyWithABranchName) {
  NameParts b = parts("上海华东电子科技有限公司北京分公司");
  EXPECT_TRUE(b.branch);
  EXPECT_EQ(b.branch_name, "北京");
  EXPECT_EQ(b.region, "shanghai");  // the parent's region, not the branch's city
  EXPECT_EQ(b.brand, "华东");
  EXPECT_EQ(prep().prepare("上海华东电子科技有限公司北京分公司").key, prep().prepare("上海华东电子科技有限公司").key);
  NameParts office = parts("华东电子科技有限公司广州办事处");
  EXPECT_TRUE(office.branch);
  EXPECT_EQ(office.branch_name, "广州");
  EXPECT_FALSE(parts("上海华东电子科技有限公司").branch);
}

TEST(NormaliseHan, RegionAsPrefixFullNameBracketsOrBeforeTheForm) {
  NameParts prefix = parts("上海华东电子科技有限公司");
  EXPECT_EQ(prefix.region, "shanghai");
  EXPECT_EQ(prefix.region_code, "310000");
  EXPECT_EQ(prefix.region_how, "prefix");
  EXPECT_EQ(parts("上海市华东电子科技有限公司").region, "shanghai");
  EXPECT_EQ(parts("上海市华东电子科技有限公司").brand, "华东");
  NameParts brackets = parts("华东电子科技（上海）有限公司");
  EXPECT_EQ(brackets.region, "shanghai");
  EXPECT_EQ(brackets.region_how, "brackets");
  EXPECT_EQ(brackets.brand, "华东");
  EXPECT_EQ(parts("西门子(中国)有限公司").region, "china");
  EXPECT_EQ(parts("华东电子科技上海有限公司").region_how, "suffix");
  EXPECT_EQ(parts("广西壮族自治区华东电子有限公司").region, "guangxi");
  // Same brand, other city: the region is kept apart, so the keys differ.
  EXPECT_NE(prep().prepare("北京华东电子科技有限公司").key, prep().prepare("上海华东电子科技有限公司").key);
}

TEST(NormaliseHan, RegionIsNotTakenWhenLittleNameWouldRemain) {
  EXPECT_EQ(parts("上海有限公司").region, "");  // the name is the region: it stays the trade name
  EXPECT_EQ(parts("上海有限公司").brand, "上海");
  // A bracketed word that is no region stays in the name, without its brackets.
  EXPECT_EQ(parts("华东(亚洲)电子有限公司").brand, "华东亚洲");
}

TEST(NormaliseHan, IndustryWordsAreSeparatedFromTheTradeName) {
  NameParts p = parts("上海华东电子科技有限公司");
  EXPECT_EQ(p.industry, "electronics,technology");
  EXPECT_EQ(parts("华为技术有限公司").industry, "technology");
  EXPECT_EQ(parts("华为技术有限公司").brand, "华为");
  EXPECT_EQ(parts("电子科技有限公司").brand, "电子");  // two characters at least stay the trade name
  EXPECT_EQ(parts("电子科技有限公司").industry, "technology");
}

TEST(NormaliseHan, PinyinOfTheTradeNameIsComputedWhenPrepared) {
  Record r = prep().prepare("華東電子科技（上海）有限公司");
  EXPECT_EQ(r.parts.script, Script::han);
  EXPECT_EQ(r.latin, "hua dong");
  EXPECT_EQ(r.key, "华东|electronics,technology|shanghai");
}

}  // namespace
}  // namespace kam::core::identity
