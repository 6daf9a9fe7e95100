// tables_test.cpp - the data tables: compiled in, each naming its source, parsed into entries; a bad
// row is an error naming file and line.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/identity/record.hpp"
#include "core/identity/text.hpp"

namespace kam::core::identity {
namespace {

TEST(Tables, EmbeddedTablesNameTheirSourceAndParse) {
  for (const char* name : {"regions.tsv", "legal_forms_zh.tsv", "legal_forms_latin.tsv", "industry_terms.tsv"})
    EXPECT_NE(embedded_table(name).find("Source:"), std::string_view::npos) << name;
  Preparer prep;
  const Tables& t = prep.tables();
  EXPECT_GE(t.regions.size(), 80u);
  EXPECT_EQ(t.han_forms.front().text, "股份有限公司");  // longest first
  EXPECT_EQ(t.latin_forms.front().tokens, (std::vector<std::string>{"gmbh", "co", "kg"}));
  bool shanghai = false;
  for (const Region& r : t.regions)
    if (r.code == "310000")
      shanghai = r.han == std::vector<std::string>{"上海", "上海市"} && r.latin.front() == "shanghai";
  EXPECT_TRUE(shanghai);
}

TEST(Tables, BadRowsNameFileAndLine) {
  auto parse = [](std::string_view regions, std::string_view forms) {
    return parse_tables(regions, forms, "", "", &tokens_of);
  };
  try {
    parse("# comment\n310000\t上海\n", "");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::config);
    EXPECT_STREQ(e.what(), "data/identity/regions.tsv:2: expected 4 tab-separated columns, found 2");
  }
  try {
    parse("", "有限公司\tlimited\tlimited\tsomething\n");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "data/identity/legal_forms_zh.tsv:1: kind must be form, group or branch, not 'something'");
  }
  EXPECT_THROW(embedded_table("missing.tsv"), Error);
}

}  // namespace
}  // namespace kam::core::identity
