// acceptance_test.cpp - issue 12's acceptance line: three spellings of one Shanghai company are one
// company, with reasons; the Beijing company of the same brand is not.
#include <gtest/gtest.h>

#include "core/identity/matcher.hpp"

namespace kam::core::identity {
namespace {

TEST(Acceptance, ThreeSpellingsOneCompanyBeijingAnother) {
  Preparer prep;
  std::vector<Record> records = {
      prep.prepare("华东电子科技（上海）有限公司"),
      prep.prepare("上海华东电子科技有限公司"),
      prep.prepare("Huadong Electronics Technology (Shanghai) Co., Ltd."),
      prep.prepare("北京华东电子科技有限公司"),
  };
  MatchParams params;
  std::vector<ScoredPair> pairs = find_matches(records, params);
  std::vector<uint32_t> cluster = cluster_records(records, pairs);
  EXPECT_EQ(cluster[0], cluster[1]);
  EXPECT_EQ(cluster[0], cluster[2]);
  EXPECT_NE(cluster[0], cluster[3]);
  for (int i = 0; i < 3; ++i)
    for (int j = i + 1; j < 4; ++j) {
      Match m = compare(records[i], records[j], params);
      std::cout << records[i].name << " ~ " << records[j].name << ": " << explain(m) << "\n";
      EXPECT_EQ(m.matched, j < 3) << explain(m);
    }
  // The reasons name the pieces that agreed.
  Match cross = compare(records[0], records[2], params);
  std::string words = explain(cross);
  EXPECT_NE(words.find("pinyin hua dong"), std::string::npos) << words;
  EXPECT_NE(words.find("region shanghai agrees (brackets / brackets)"), std::string::npos) << words;
  EXPECT_NE(words.find("industry electronics,technology agrees"), std::string::npos) << words;
  EXPECT_NE(words.find("legal forms agree: 有限公司 / co ltd"), std::string::npos) << words;
  Match other = compare(records[1], records[3], params);
  EXPECT_NE(explain(other).find("regions differ: shanghai vs beijing"), std::string::npos) << explain(other);
}

}  // namespace
}  // namespace kam::core::identity
