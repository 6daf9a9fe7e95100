// The import file formats without a plugin: the CSV reader and the CSV mapping with derived event
// ids (docs/import.md).
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>

#include "import_format.hpp"

namespace {

using namespace kamhost::import;

std::string str(const char* s) { return s ? s : "<null>"; }

// ---- CSV ----

std::vector<CsvRecord> read_csv(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<CsvRecord> out;
  CsvRecord r;
  while (reader.next(r)) out.push_back(r);
  EXPECT_EQ(reader.bytes_read(), text.size());
  return out;
}

TEST(ImportCsv, Rfc4180) {
  auto records = read_csv(
      "\xEF\xBB\xBF"
      "a,b,c\r\n"
      "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
      "\r\n"
      "2,\"two\r\nlines\",\n"
      ",,\n"
      "3,last,no newline");
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(records[0].line, 1u);
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_EQ(records[1].raw, "1,\"x, y\",\"say \"\"hi\"\"\"");
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"2", "two\r\nlines", ""}));
  EXPECT_EQ(records[2].line, 4u);  // line 3 is empty
  EXPECT_EQ(records[3].fields, (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(records[3].line, 6u);
  EXPECT_EQ(records[4].fields, (std::vector<std::string>{"3", "last", "no newline"}));
  EXPECT_EQ(records[4].line, 7u);
  for (const auto& r : records) EXPECT_EQ(r.error, "") << r.raw;
}

TEST(ImportCsv, Malformed) {
  auto records = read_csv("a,b\n1,x\"y\n\"2\"z,b\n3,\"open\n4,b\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].error, "");
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_NE(records[1].error.find("quote inside the unquoted field in column 2"), std::string::npos);
  EXPECT_EQ(records[2].line, 3u);
  EXPECT_NE(records[2].error.find("text after the closing quote in column 1"), std::string::npos);
  // The record at line 4 opens a quote that the end of the file never closes.
  EXPECT_EQ(records[3].line, 4u);
  EXPECT_NE(records[3].error.find("never closed"), std::string::npos);
}

CsvRecord row(const std::vector<std::string>& fields, uint64_t line = 2) {
  CsvRecord r;
  r.line = line;
  r.fields = fields;
  return r;
}

std::string csv_error(Format format, const std::vector<std::string>& header, const std::vector<std::string>& fields) {
  CsvMapper mapper(format, header);
  Arena arena;
  AnyEvent e;
  try {
    mapper.to_event(row(fields), arena, e);
  } catch (const ParseError& err) {
    return err.what();
  }
  return "";
}

TEST(ImportCsv, AccountsWithDerivedIds) {
  Arena arena;
  CsvMapper mapper(Format::accounts_csv, {"account_id", "name", "region", "flags", "occurred_at"});
  ASSERT_EQ(mapper.header_error(), "");
  AnyEvent e;
  mapper.to_event(row({"2001", "Müller GmbH", "Europe", " strategic ; ;reference_customer", "2026-01-03"}), arena, e);
  EXPECT_EQ(e.header.kind, KAM_EVENT_ACCOUNT_UPSERTED);
  EXPECT_EQ(e.header.struct_size, sizeof(kam_event_account));
  EXPECT_EQ(e.header.occurred_at_ms, parse_time("2026-01-03"));
  EXPECT_EQ(str(e.account.account_id), "2001");
  EXPECT_EQ(str(e.account.name), "Müller GmbH");
  EXPECT_EQ(str(e.account.region), "Europe");
  EXPECT_EQ(e.account.tax_id, nullptr);
  ASSERT_EQ(e.account.flag_count, 2u);
  EXPECT_EQ(str(e.account.flags[0]), "strategic");
  EXPECT_EQ(str(e.account.flags[1]), "reference_customer");
  const std::string id = str(e.header.event_id);
  ASSERT_EQ(id.size(), std::string("csv-account:2001:").size() + 16) << id;
  EXPECT_EQ(id.rfind("csv-account:2001:", 0), 0u) << id;
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 17), std::string::npos) << id;

  // The same values in another column order, with an extra empty column: the same id.
  CsvMapper other(Format::accounts_csv, {"occurred_at", "flags", "tax_id", "region", "name", "account_id"});
  AnyEvent same;
  other.to_event(row({"2026-01-03T00:00:00Z", "strategic;reference_customer", "", "Europe", "Müller GmbH", "2001"}), arena,
                 same);
  EXPECT_EQ(str(same.header.event_id), id);
  // A changed value: another id.
  AnyEvent changed;
  mapper.to_event(row({"2001", "Müller GmbH", "Europe", "strategic", "2026-01-03"}), arena, changed);
  EXPECT_NE(str(changed.header.event_id), id);
  EXPECT_EQ(str(changed.header.event_id).rfind("csv-account:2001:", 0), 0u);

  // Without occurred_at the account counts from the epoch.
  CsvMapper minimal(Format::accounts_csv, {"account_id", "name"});
  AnyEvent m;
  minimal.to_event(row({"9", "n"}), arena, m);
  EXPECT_EQ(m.header.occurred_at_ms, 0);

  // An event_id column wins; an empty cell falls back to the derived id.
  CsvMapper with_id(Format::accounts_csv, {"event_id", "account_id", "name"});
  AnyEvent given;
  with_id.to_event(row({"acc-9-v3", "9", "n"}), arena, given);
  EXPECT_EQ(str(given.header.event_id), "acc-9-v3");
  with_id.to_event(row({"", "9", "n"}), arena, given);
  EXPECT_EQ(str(given.header.event_id).rfind("csv-account:9:", 0), 0u);
}

TEST(ImportCsv, Orders) {
  Arena arena;
  CsvMapper mapper(Format::orders_csv,
                   {"order_id", "account_id", "occurred_at", "amount_minor", "currency", "margin_minor", "document_type"});
  ASSERT_EQ(mapper.header_error(), "");
  AnyEvent e;
  mapper.to_event(row({"SO-1", "2001", "2026-02-01T10:00:00+08:00", " 1000 ", "EUR", "-5", "invoice"}), arena, e);
  EXPECT_EQ(e.header.kind, KAM_EVENT_ORDER_POSTED);
  EXPECT_EQ(e.header.struct_size, sizeof(kam_event_order));
  EXPECT_EQ(e.header.occurred_at_ms, parse_time("2026-02-01T02:00:00Z"));
  EXPECT_EQ(str(e.order.order_id), "SO-1");
  EXPECT_EQ(str(e.order.account_id), "2001");
  EXPECT_EQ(e.order.amount.minor_units, 1000);
  EXPECT_STREQ(e.order.amount.currency, "EUR");
  EXPECT_EQ(e.order.margin.minor_units, -5);
  EXPECT_STREQ(e.order.margin.currency, "EUR");
  EXPECT_EQ(e.order.document_type, KAM_DOCUMENT_INVOICE);
  const std::string id = str(e.header.event_id);
  EXPECT_EQ(id.rfind("csv-order:SO-1:", 0), 0u) << id;
  EXPECT_EQ(id.size(), std::string("csv-order:SO-1:").size() + 16);

  // The fingerprint is FNV-1a 64 of the values as sent, each followed by 0x1F.
  const std::string expected = fnv1a64_hex(std::string("order\x1fSO-1\x1f" "2001\x1f") +
                                           std::to_string(*parse_time("2026-02-01T02:00:00Z")) +
                                           "\x1f" "1000\x1f" "EUR\x1f-5\x1finvoice\x1f");
  EXPECT_EQ(id, "csv-order:SO-1:" + expected);
  EXPECT_EQ(fnv1a64_hex(""), "cbf29ce484222325");
  EXPECT_EQ(fnv1a64_hex("a"), "af63dc4c8601ec8c");
}

TEST(ImportCsv, Errors) {
  const std::vector<std::string> h = {"order_id", "account_id", "occurred_at", "amount_minor", "currency"};
  EXPECT_NE(csv_error(Format::orders_csv, h, {"o", "a", "2026-02-30", "1", "CNY"}).find("occurred_at: '2026-02-30'"),
            std::string::npos);
  EXPECT_NE(csv_error(Format::orders_csv, h, {"o", "a", "", "1", "CNY"}).find("occurred_at: is required"),
            std::string::npos);
  EXPECT_NE(csv_error(Format::orders_csv, h, {"o", "a", "2026-02-01", "1.50", "CNY"}).find("amount_minor: '1.50' is not an integer"),
            std::string::npos);
  EXPECT_NE(csv_error(Format::orders_csv, h, {"o", "a", "2026-02-01", "1", "Euro"}).find("currency: 'Euro'"),
            std::string::npos);
  EXPECT_NE(csv_error(Format::orders_csv, h, {"", "a", "2026-02-01", "1", "CNY"}).find("order_id: is required"),
            std::string::npos);
  EXPECT_NE(csv_error(Format::orders_csv, h, {"o", "a", "2026-02-01", "1"}).find("the row has 4 fields, the header has 5"),
            std::string::npos);
  EXPECT_NE(csv_error(Format::orders_csv, h, {"o", "a\xff", "2026-02-01", "1", "CNY"}).find("account_id: is not valid UTF-8"),
            std::string::npos);
  EXPECT_EQ(csv_error(Format::orders_csv, h, {"o", "a", "2026-02-01", "1", "CNY"}), "");

  CsvMapper unknown(Format::accounts_csv, {"account_id", "name", "colour"});
  EXPECT_NE(unknown.header_error().find("unknown column 'colour'"), std::string::npos) << unknown.header_error();
  EXPECT_NE(csv_error(Format::accounts_csv, {"account_id", "name", "colour"}, {"1", "n", "red"}).find("'colour'"),
            std::string::npos);
  CsvMapper twice(Format::accounts_csv, {"account_id", "name", "name"});
  EXPECT_NE(twice.header_error().find("column 'name' appears twice"), std::string::npos);
  CsvMapper missing(Format::orders_csv, {"order_id", "account_id", "amount_minor", "currency"});
  EXPECT_NE(missing.header_error().find("required column 'occurred_at' is missing"), std::string::npos);
  CsvMapper spaced(Format::accounts_csv, {" account_id ", "name"});
  EXPECT_EQ(spaced.header_error(), "");
}

TEST(ImportFormat, FromFileName) {
  EXPECT_EQ(format_from_file_name("/x/events.jsonl"), Format::jsonl);
  EXPECT_EQ(format_from_file_name("feed.NDJSON"), Format::jsonl);
  EXPECT_EQ(format_from_file_name("/data/accounts-2026.csv"), Format::accounts_csv);
  EXPECT_EQ(format_from_file_name("Orders_march.CSV"), Format::orders_csv);
  EXPECT_FALSE(format_from_file_name("customers.csv").has_value());
  EXPECT_FALSE(format_from_file_name("accounts/x.json").has_value());
  EXPECT_EQ(format_from_name("orders-csv"), Format::orders_csv);
  EXPECT_FALSE(format_from_name("csv").has_value());
}

}  // namespace
