// blocking_test.cpp - blocking keys meet across scripts and typos; candidate pairs come from shared
// keys, tax ids always, oversized name blocks as sorted neighbours; clusters refuse unions across different valid
// tax ids or regions.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/identity/matcher.hpp"
#include "generated_set.hpp"

namespace kam::core::identity {
namespace {

const Preparer& prep() {
  static const Preparer p;
  return p;
}

bool shares_key(const Record& a, const Record& b) {
  std::vector<std::string> x = blocking_keys(a), y = blocking_keys(b), both;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
  return !both.empty();
}

TEST(Blocking, KeysMeetAcrossScriptsAndTypos) {
  Record han = prep().prepare("华东电子科技（上海）有限公司");
  std::vector<std::string> keys = blocking_keys(han);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "h:华东"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "d:huadong"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "d:hadong"), keys.end());  // a one-letter deletion
  EXPECT_TRUE(shares_key(han, prep().prepare("Huadong Electronics Technology (Shanghai) Co., Ltd.")));
  EXPECT_TRUE(shares_key(han, prep().prepare("上海花东电子科技有限公司")));  // same sound
  EXPECT_TRUE(shares_key(prep().prepare("Huadong Co Ltd"), prep().prepare("Huadnog Co Ltd")));
  EXPECT_FALSE(shares_key(han, prep().prepare("Siemens AG")));
}

TEST(Blocking, CandidatePairsFromSharedKeysTaxIdsAlways) {
  std::vector<std::vector<std::string>> keys = {{"d:a", "t:X"}, {"d:a"}, {"d:b", "t:X"}, {"d:c"}};
  EXPECT_EQ(candidate_pairs(keys), (std::vector<RecordPair>{{0, 1}, {0, 2}}));
  // A tax-id block is always paired all-to-all.
  std::vector<std::vector<std::string>> taxed(6, {"t:X"});
  EXPECT_EQ(candidate_pairs(taxed, {}, 4).size(), 15u);
  // A name block larger than max_block pairs each record with its next five in order.
  std::vector<std::vector<std::string>> common(8, {"d:common"});
  std::vector<RecordPair> pairs = candidate_pairs(common, {}, 4);
  EXPECT_EQ(pairs.size(), 25u);  // 28 pairs less 0-6, 0-7, 1-7
  EXPECT_EQ(std::find(pairs.begin(), pairs.end(), RecordPair{0, 6}), pairs.end());
  EXPECT_NE(std::find(pairs.begin(), pairs.end(), RecordPair{0, 5}), pairs.end());
  // The order puts record 7 first: now 0 is its neighbour, and 6 is not.
  std::vector<RecordPair> reordered = candidate_pairs(common, {"b", "b", "b", "b", "b", "b", "b", "a"}, 4);
  EXPECT_NE(std::find(reordered.begin(), reordered.end(), RecordPair{0, 7}), reordered.end());
  EXPECT_EQ(std::find(reordered.begin(), reordered.end(), RecordPair{6, 7}), reordered.end());
}

TEST(Cluster, RefusesUnionsAcrossDifferentTaxIdsOrRegions) {
  std::string x = test::make_uscc(1), y = test::make_uscc(2);
  std::vector<Record> r = {prep().prepare("华东电子有限公司", x), prep().prepare("华东电子有限公司"),
                           prep().prepare("华东电子有限公司", y), prep().prepare("上海华东电子有限公司"),
                           prep().prepare("北京华东电子有限公司")};
  // 0-1 and 1-2 would chain two different valid codes; 1-3 and 1-4 two different regions.
  std::vector<uint32_t> c = cluster_records(r, {{0, 1, 0.99}, {1, 2, 0.98}, {1, 3, 0.97}, {1, 4, 0.96}});
  EXPECT_EQ(c[0], c[1]);
  EXPECT_NE(c[1], c[2]);
  EXPECT_EQ(c[1], c[3]);
  EXPECT_NE(c[1], c[4]);
}

TEST(Matcher, MatchRecordReturnsBestFirstWithReasons) {
  std::vector<Record> r = {prep().prepare("北京华东电子科技有限公司"), prep().prepare("华东电子科技（上海）有限公司"),
                           prep().prepare("Huadong Electronics Technology (Shanghai) Co., Ltd.")};
  std::vector<QueryMatch> m = match_record(prep().prepare("上海华东电子科技有限公司"), r, MatchParams());
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].record, 1u);
  EXPECT_FALSE(m[0].match.evidence.empty());
  EXPECT_GE(m[0].match.score, m[1].match.score);
}

// Lead bytes and their continuation bytes only (enough here: the keys come from valid text).
bool well_formed_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    i += n;
  }
  return true;
}

// Deletion keys drop one letter, not one byte: keys of non-ASCII Latin names stay UTF-8 (PostgreSQL
// refuses anything else in a text column).
TEST(Blocking, DeletionKeysOfNonAsciiNamesAreUtf8) {
  for (const char* name : {"Müller Maschinenbau GmbH", "Société Générale S.A.", "Ångström Åkeri AB"})
    for (const std::string& key : blocking_keys(prep().prepare(name)))
      EXPECT_TRUE(well_formed_utf8(key)) << name << ": " << key;
}

}  // namespace
}  // namespace kam::core::identity
