// kamhost's text pieces without a plugin: printable() escaping, times in a business zone (date/tz),
// and the one trimming rule for list items in both import formats.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "import_format.hpp"
#include "text/escape.hpp"
#include "time_text.hpp"

namespace {

using namespace kamhost;
using namespace kamhost::import;

TEST(KamhostTextTest, PrintableEscapesWhatActsOnATerminal) {
  EXPECT_EQ(printable("华东精密 Ltd. & Co"), "华东精密 Ltd. & Co");
  EXPECT_EQ(printable("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(printable("\x1b[2J\x07\x7f"), "\\x1b[2J\\x07\\x7f");
  EXPECT_EQ(printable(std::string("nul\0x", 5)), "nul\\x00x");
  EXPECT_EQ(printable("back\\slash"), "back\\\\slash") << "an escape cannot be faked";
  EXPECT_EQ(printable("\xc2\x9b" "31m"), "\\u{009b}31m") << "C1 CSI";
  EXPECT_EQ(printable("abc\xe2\x80\xae" "cba"), "abc\\u{202e}cba") << "right-to-left override";
  EXPECT_EQ(printable("bad \xff\xe2\x82"), "bad \\xff\\xe2\\x82") << "bytes that are not UTF-8";
  EXPECT_EQ(printable_lines("a.yaml:1:1: x\nb\x1b"), "a.yaml:1:1: x\nb\\x1b");
}

TEST(KamhostTextTest, TimesInTheBusinessZone) {
  const date::time_zone* shanghai = find_zone("Asia/Shanghai");
  const date::time_zone* new_york = find_zone("America/New_York");
  EXPECT_THROW(find_zone("Mars/Olympus"), std::runtime_error);
  EXPECT_EQ(parse_zone_time("2027-01-20", shanghai), 1800374400000);  // 2027-01-19T16:00:00Z
  EXPECT_EQ(parse_zone_time("2027-01-20T08:00", shanghai), 1800374400000 + 8 * 3'600'000);
  EXPECT_EQ(parse_zone_time("2027-01-20T08:00:00Z", shanghai), 1800374400000 + 16 * 3'600'000) << "an offset wins";
  EXPECT_EQ(parse_zone_time("2026-03-08T02:30", new_york), parse_zone_time("2026-03-08T07:00:00Z", new_york))
      << "a time in the spring-forward gap moves to the transition";
  EXPECT_FALSE(parse_zone_time("2027-02-29", shanghai).has_value());
  EXPECT_FALSE(parse_zone_time("tomorrow", shanghai).has_value());
  EXPECT_EQ(zone_date(1800374400000, shanghai), "2027-01-20");
  EXPECT_EQ(zone_date(1800374400000 - 1, shanghai), "2027-01-19");
  EXPECT_EQ(zone_time(1800374400000, shanghai), "2027-01-20 00:00");
  EXPECT_EQ(parse_until("2027-01-20", 0, shanghai), 1800374400000);
  EXPECT_EQ(parse_until("1800374400000", 0, shanghai), 1800374400000);
  EXPECT_EQ(parse_until("+2h", 1000, shanghai), 1000 + 2 * 3'600'000);
  EXPECT_FALSE(parse_until("2027-01-20T00:00", 0, shanghai).has_value());
  EXPECT_FALSE(parse_until("+0d", 0, shanghai).has_value());
}

// One rule (docs/import.md): list items are trimmed of white space and empty items left out, in
// JSON lines as in CSV, so the same account sent either way gets the same flags.
TEST(KamhostTextTest, ListItemsAreTrimmedInBothFormats) {
  Arena arena;
  AnyEvent json_event;
  parse_json_event(R"({"kind":"account_upserted","event_id":"e","occurred_at":"2026-01-01","account_id":"a",)"
                   R"("name":"n","flags":[" strategic ","","\tkey\t","  "]})",
                   arena, json_event);
  ASSERT_EQ(json_event.account.flag_count, 2u);
  EXPECT_STREQ(json_event.account.flags[0], "strategic");
  EXPECT_STREQ(json_event.account.flags[1], "key");

  std::istringstream in("account_id,name,flags\na,n, strategic ;;\tkey\t;  \n");
  CsvReader reader(in);
  CsvRecord header, row;
  ASSERT_TRUE(reader.next(header));
  ASSERT_TRUE(reader.next(row));
  CsvMapper mapper(Format::accounts_csv, header.fields);
  AnyEvent csv_event;
  mapper.to_event(row, arena, csv_event);
  ASSERT_EQ(csv_event.account.flag_count, 2u);
  EXPECT_STREQ(csv_event.account.flags[0], "strategic");
  EXPECT_STREQ(csv_event.account.flags[1], "key");
}

}  // namespace
