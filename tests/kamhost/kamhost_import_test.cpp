// kamhost import run as an admin would: the demo feed, 100,000 events twice, CSV, rejects files and
// --atomic, checking standard output, the rejects file and exit codes (docs/import.md).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include "kamhost_commands_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using namespace kamhost_test;
using nlohmann::json;

// The demo feed: its last line names an unknown account
// ---------------------------------------------------------------------------------------------------

TEST_F(KamhostTest, DemoFeed) {
  // The demo's own config (database under demo-data next to it) and feed, as .ci/demo runs them.
  fs::copy_file(fs::path(kDemoDir) / "kam.yaml", dir_.path() / "demo.yaml");
  fs::copy_file(fs::path(kDemoDir) / "events.jsonl", dir_.path() / "events.jsonl");
  const std::vector<std::string> demo_lines = lines_of(read_file(dir_.path() / "events.jsonl"));
  ASSERT_GE(demo_lines.size(), 3u);
  const std::size_t last = demo_lines.size();  // the bad line's number
  std::size_t events = 0;
  for (const auto& l : demo_lines)
    if (!l.empty() && l[0] != '#') ++events;
  const std::string good = std::to_string(events - 1);

  Result first = run({"import", "events.jsonl", "--config", "demo.yaml"});
  EXPECT_EQ(first.exit, 3) << first;
  EXPECT_EQ(first.out, "imported events.jsonl: " + good + " accepted, 0 duplicates, 1 rejected (batches of 10000)\n"
                       "rejects: events.jsonl.rejects (1 line)\n")
      << first;
  EXPECT_EQ(first.err, "") << "no progress bar and no per-batch warning when stderr is not a terminal";
  EXPECT_TRUE(fs::exists(dir_.path() / "demo-data" / "kam.db"));

  const std::string rejects = read_file(dir_.path() / "events.jsonl.rejects");
  const std::vector<std::string> fields = [&] {
    std::vector<std::string> f;
    std::string line = rejects.substr(0, rejects.find('\n'));
    for (int i = 0; i < 3; ++i) {
      f.push_back(line.substr(0, line.find('\t')));
      line.erase(0, line.find('\t') + 1);
    }
    f.push_back(line);
    return f;
  }();
  EXPECT_EQ(lines_of(rejects).size(), 1u) << rejects;
  EXPECT_EQ(fields[0], std::to_string(last));
  EXPECT_EQ(fields[1], "KAM_ERR_NOT_FOUND");
  EXPECT_TRUE(contains(fields[2], "account '9999' is unknown")) << fields[2];
  EXPECT_EQ(fields[3], demo_lines.back());

  // Again: every good line is a duplicate, the bad one is rejected again.
  Result second = run({"import", "events.jsonl", "--config", "demo.yaml"});
  EXPECT_EQ(second.exit, 3) << second;
  EXPECT_TRUE(contains(second.out, "imported events.jsonl: 0 accepted, " + good + " duplicates, 1 rejected (batches of 10000)\n"))
      << second;
  EXPECT_EQ(read_file(dir_.path() / "events.jsonl.rejects"), rejects);

  // Small batches: the same outcome, the summary names the batch size.
  Result small = run({"import", "events.jsonl", "--config", "demo.yaml", "--batch", "4"});
  EXPECT_EQ(small.exit, 3) << small;
  EXPECT_TRUE(contains(small.out, ": 0 accepted, " + good + " duplicates, 1 rejected (batches of 4)\n")) << small;

  // The account arrives; the rejected line is fixed: the rejects file goes away, exit 0.
  std::string fixed;
  for (std::size_t i = 0; i + 1 < demo_lines.size(); ++i) fixed += demo_lines[i] + "\n";
  fixed += R"({"kind":"account_upserted","event_id":"acc-9999-v1","occurred_at":"2026-02-01","account_id":"9999","name":"Late Account"})" "\n";
  fixed += demo_lines.back() + "\n";
  std::ofstream(dir_.path() / "events.jsonl", std::ios::binary | std::ios::trunc) << fixed;
  Result third = run({"import", "events.jsonl", "--config", "demo.yaml"});
  EXPECT_EQ(third.exit, 0) << third;
  EXPECT_EQ(third.out, "imported events.jsonl: 2 accepted, " + good + " duplicates, 0 rejected (batches of 10000)\n") << third;
  EXPECT_FALSE(fs::exists(dir_.path() / "events.jsonl.rejects")) << "a stale rejects file is removed";

  // The audit trail has one entry per batch, the source being the file name.
  Result audit = run({"audit", "--config", "demo.yaml", "--entity-type", "batch"});
  EXPECT_EQ(audit.exit, 0) << audit;
  const auto rows = lines_of(audit.out);
  ASSERT_EQ(rows.size(), 1u + 1 + 1 + 4 + 1) << audit;  // header; first; second; 4 small batches; third
  EXPECT_TRUE(std::regex_search(rows[0], std::regex("^ID +TIME \\(UTC\\) +USER +ACTION +ENTITY +AFTER$"))) << rows[0];
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_TRUE(std::regex_search(rows[i], std::regex("^[0-9]+ +20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z +"
                                                      "kamhost +ingest\\.batch +batch events\\.jsonl +\\{\"accepted\":")))
        << rows[i];
  }
  const json entries = json::parse(run({"audit", "--config", "demo.yaml", "--json", "--entity-id", "events.jsonl"}).out);
  ASSERT_EQ(entries.size(), 7u);
  EXPECT_EQ(entries[0]["after"]["accepted"], 2);  // newest first
  EXPECT_EQ(entries[6]["after"]["accepted"], events - 1);
  EXPECT_EQ(entries[6]["after"]["rejected"], 1);
  EXPECT_EQ(entries[6]["user_id"], "kamhost");
  EXPECT_EQ(entries[6]["roles"], json::array({"kam.admin"}));
}

// ---------------------------------------------------------------------------------------------------
// 100,000 events: the issue's acceptance line
// ---------------------------------------------------------------------------------------------------

TEST_F(KamhostTest, HundredThousandEventsThenAllDuplicates) {
  const std::string path = dir_.file("big.jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    for (int a = 0; a < 1000; ++a)
      out << R"({"kind":"account_upserted","event_id":"acc-)" << a << R"(","occurred_at":"2026-01-01","account_id":"A)" << a
          << R"(","name":"Account )" << a << R"(","region":"East China","flags":["strategic"]})" << "\n";
    for (int o = 0; o < 99'000; ++o)
      out << R"({"kind":"order_posted","event_id":"so-)" << o << R"(","occurred_at_ms":)" << 1767225600000 + int64_t{o} * 60'000
          << R"(,"order_id":"SO-)" << o << R"(","account_id":"A)" << o % 1000 << R"(","amount_minor":)" << 100000 + o
          << R"(,"margin_minor":20000,"currency":"CNY"})" << "\n";
  }
  Result first = import(path);
  EXPECT_EQ(first.exit, 0) << first;
  EXPECT_EQ(first.out, "imported " + path + ": 100000 accepted, 0 duplicates, 0 rejected (batches of 10000)\n") << first;
  EXPECT_EQ(first.err, "") << first;
  Result second = import(path);
  EXPECT_EQ(second.exit, 0) << second;
  EXPECT_EQ(second.out, "imported " + path + ": 0 accepted, 100000 duplicates, 0 rejected (batches of 10000)\n") << second;
  EXPECT_FALSE(fs::exists(path + ".rejects"));
  EXPECT_EQ(count("orders"), 99'000);

  // Speed and memory are figures for bench/, not assertions here. A smaller batch size gives the
  // same outcome.
  Result small = import(path, {"--batch", "1000"});
  EXPECT_EQ(small.exit, 0) << small;
  EXPECT_TRUE(contains(small.out, ": 0 accepted, 100000 duplicates, 0 rejected (batches of 1000)")) << small;
}

// ---------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------

TEST_F(KamhostTest, CsvAccountsAndOrders) {
  dir_.write("accounts.csv",
             "account_id,name,name_latin,region,industry,account_manager_id,flags,occurred_at\r\n"
             "2001,\"Müller GmbH, Berlin\",,Europe,machinery,u.berg,strategic;reference_customer,2026-01-03\r\n"
             "2002,\"The \"\"Quoted\"\" Co\",,Asia,paper,,,\r\n"
             // ABI 1.2 refuses control characters (a line break too) in names: one line here.
             "2003,\"苏州新材料 Two Words\",Suzhou,East China,chemicals,u.li,,2026-01-04T10:00:00+08:00\r\n");
  dir_.write("orders.csv",
             "order_id,account_id,occurred_at,amount_minor,currency,margin_minor,document_type\n"
             "SO-1,2001,2026-02-01,1000,EUR,100,\n"
             "SO-2,2002,2026-02-02T09:00:00Z,2000,CNY,,invoice\n"
             "SO-3,2003,2026-02-03,3000,CNY,-10,credit_note\n");
  Result accounts = import("accounts.csv");
  EXPECT_EQ(accounts.exit, 0) << accounts;
  EXPECT_EQ(accounts.out, "imported accounts.csv: 3 accepted, 0 duplicates, 0 rejected (batches of 10000)\n") << accounts;
  Result orders = import("orders.csv");
  EXPECT_EQ(orders.exit, 0) << orders;
  EXPECT_EQ(orders.out, "imported orders.csv: 3 accepted, 0 duplicates, 0 rejected (batches of 10000)\n") << orders;
  EXPECT_EQ(count("orders"), 3);
  EXPECT_EQ(count("ingested_events WHERE event_id LIKE 'csv-account:2003:%'"), 1);

  // Unchanged rows: duplicates. A changed row: a new event under a new derived id.
  EXPECT_TRUE(contains(import("accounts.csv").out, ": 0 accepted, 3 duplicates, 0 rejected")) << accounts;
  EXPECT_TRUE(contains(import("orders.csv").out, ": 0 accepted, 3 duplicates, 0 rejected")) << orders;
  dir_.write("accounts-v2.csv",
             "occurred_at,account_id,name,region,flags,name_latin,industry,account_manager_id\n"
             "2026-01-03,2001,\"Müller GmbH, Berlin\",Europe,strategic;reference_customer,,machinery,u.berg\n"
             "2026-03-01,2002,The New Name,Asia,,,paper,\n");
  Result changed = import("accounts-v2.csv");
  EXPECT_EQ(changed.exit, 0) << changed;
  EXPECT_TRUE(contains(changed.out, ": 1 accepted, 1 duplicates, 0 rejected")) << changed;

  // --format for names that do not tell; an explicit event_id column.
  dir_.write("erp-export.csv", "event_id,order_id,account_id,occurred_at,amount_minor,currency\n"
                               "so-9,SO-9,2001,2026-02-09,900,EUR\n");
  Result explicit_id = import("erp-export.csv", {"--format", "orders-csv"});
  EXPECT_EQ(explicit_id.exit, 0) << explicit_id;
  EXPECT_EQ(count("ingested_events WHERE event_id = 'so-9'"), 1);
}

// A quoted accounts-CSV name over two lines: the tokenizer reads it as one record (numbered by its
// first line, the line break kept in the field), the ABI refuses the control character in the name
// (ABI 1.2), and the rows around it keep their own line numbers.
TEST_F(KamhostTest, CsvQuotedNameOverTwoLinesIsRefusedOnItsLine) {
  dir_.write("accounts.csv",
             "account_id,name,region\r\n"
             "3001,Before,Asia\r\n"
             "3002,\"Two\r\nLines\",Asia\r\n"
             "3003,After,Europe\r\n");
  Result r = import("accounts.csv");
  EXPECT_EQ(r.exit, 3) << r;
  EXPECT_EQ(r.out, "imported accounts.csv: 2 accepted, 0 duplicates, 1 rejected (batches of 10000)\n"
                   "rejects: accounts.csv.rejects (1 line)\n")
      << r;
  const auto rejects = lines_of(read_file(dir_.file("accounts.csv.rejects")));
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].rfind("3\tKAM_ERR_INVALID_ARGUMENT\t", 0), 0u) << rejects[0];
  EXPECT_TRUE(contains(rejects[0], "name")) << rejects[0];
  EXPECT_TRUE(contains(rejects[0], "control character")) << rejects[0];
  EXPECT_EQ(rejects[0].substr(rejects[0].rfind('\t')), "\t3002,\"Two  Lines\",Asia") << rejects[0];
  EXPECT_EQ(count("accounts"), 2);
  EXPECT_EQ(count("accounts WHERE account_id = '3003'"), 1);
}

TEST_F(KamhostTest, CsvRowAndHeaderErrors) {
  dir_.write("accounts.csv", "account_id,name\n1001,Known\n");
  ASSERT_EQ(import("accounts.csv").exit, 0);
  dir_.write("orders.csv",
             "order_id,account_id,occurred_at,amount_minor,currency\n"
             "SO-1,1001,2026-02-01,1000,CNY\n"
             "SO-2,9999,2026-02-01,1000,CNY\n"
             "SO-3,1001,2026-02-30,1000,CNY\n"
             "SO-4,1001,2026-02-01,ten,CNY\n"
             "\"SO-5\nstill SO-5\",1001,2026-02-01,5,XXXX\n"
             "SO-6,1001,2026-02-01\n"
             "SO-7,1001,2026-02-01,7,CNY\n");
  Result r = import("orders.csv");
  EXPECT_EQ(r.exit, 3) << r;
  EXPECT_EQ(r.out, "imported orders.csv: 2 accepted, 0 duplicates, 5 rejected (batches of 10000)\n"
                   "rejects: orders.csv.rejects (5 lines)\n")
      << r;
  const auto rejects = lines_of(read_file(dir_.file("orders.csv.rejects")));
  ASSERT_EQ(rejects.size(), 5u);
  EXPECT_EQ(rejects[0], "3\tKAM_ERR_NOT_FOUND\taccount '9999' is unknown: send its account_upserted first; this event may be sent again\tSO-2,9999,2026-02-01,1000,CNY");
  EXPECT_TRUE(contains(rejects[1], "4\tKAM_ERR_INVALID_ARGUMENT\toccurred_at: '2026-02-30' is not")) << rejects[1];
  EXPECT_TRUE(contains(rejects[2], "5\tKAM_ERR_INVALID_ARGUMENT\tamount_minor: 'ten' is not an integer\tSO-4,")) << rejects[2];
  // A record over two lines: its first line's number; its line break written as a space.
  EXPECT_EQ(rejects[3], "6\tKAM_ERR_INVALID_ARGUMENT\tcurrency: 'XXXX' is not a three-letter ISO 4217 code\t\"SO-5 still SO-5\",1001,2026-02-01,5,XXXX");
  EXPECT_EQ(rejects[4], "8\tKAM_ERR_INVALID_ARGUMENT\tthe row has 3 fields, the header has 5\tSO-6,1001,2026-02-01");

  // An unknown column: every row is rejected with a message naming it; nothing is stored.
  dir_.write("accounts-colour.csv", "account_id,name,colour\n1,One,red\n2,Two,blue\n");
  Result header = import("accounts-colour.csv");
  EXPECT_EQ(header.exit, 3) << header;
  EXPECT_TRUE(contains(header.out, ": 0 accepted, 0 duplicates, 2 rejected")) << header;
  EXPECT_TRUE(contains(header.err, "unknown column 'colour'")) << header;
  const auto header_rejects = lines_of(read_file(dir_.file("accounts-colour.csv.rejects")));
  ASSERT_EQ(header_rejects.size(), 2u);
  EXPECT_EQ(header_rejects[0].rfind("2\tKAM_ERR_INVALID_ARGUMENT\theader (line 1): unknown column 'colour'", 0), 0u)
      << header_rejects[0];
  EXPECT_EQ(header_rejects[1].substr(header_rejects[1].rfind('\t')), "\t2,Two,blue");
  EXPECT_EQ(count("accounts"), 1);
}

// ---------------------------------------------------------------------------------------------------
// JSON-lines parse errors, --atomic
// ---------------------------------------------------------------------------------------------------

TEST_F(KamhostTest, JsonParseErrorsGoToRejectsWithLineNumbers) {
  const std::string bad_json = R"({"kind":"order_posted","event_id":"o2",)";
  const std::string bad_date =
      R"({"kind":"order_posted","event_id":"o3","occurred_at":"2026-02-30","order_id":"SO-3","account_id":"1","amount_minor":5,"currency":"CNY"})";
  const std::string bad_kind = R"({"kind":"order_shipped","event_id":"o4","occurred_at":"2026-01-02"})";
  const std::string tabbed = "{\"kind\":\"account_upserted\",\t\"event_id\":\"a2\",\"occurred_at\":\"2026-01-01\",\"account_id\":\"2\",\"name\":\"Two\"}";
  dir_.write("feed.jsonl", std::string("# comment\n") + kAccount1 + "\n\n" + bad_json + "\n" + kOrder1 + "\r\n" + bad_date +
                               "\n" + bad_kind + "\n" + tabbed + "\n");
  Result r = import("feed.jsonl");
  EXPECT_EQ(r.exit, 3) << r;
  EXPECT_EQ(r.out, "imported feed.jsonl: 3 accepted, 0 duplicates, 3 rejected (batches of 10000)\n"
                   "rejects: feed.jsonl.rejects (3 lines)\n")
      << r;
  const auto rejects = lines_of(read_file(dir_.file("feed.jsonl.rejects")));
  ASSERT_EQ(rejects.size(), 3u);
  EXPECT_TRUE(std::regex_match(rejects[0], std::regex("4\tKAM_ERR_INVALID_ARGUMENT\tnot valid JSON: [^\t]+\t.*")))
      << rejects[0];
  EXPECT_EQ(rejects[0].substr(rejects[0].rfind('\t') + 1), bad_json);
  EXPECT_EQ(rejects[1].rfind("6\tKAM_ERR_INVALID_ARGUMENT\toccurred_at: '2026-02-30' is not an RFC 3339 time", 0), 0u)
      << rejects[1];
  EXPECT_EQ(rejects[1].substr(rejects[1].rfind('\t') + 1), bad_date);
  EXPECT_EQ(rejects[2].rfind("7\tKAM_ERR_INVALID_ARGUMENT\tkind: 'order_shipped' is not an event kind", 0), 0u)
      << rejects[2];

  // Fix the rejected lines and import again: the good ones are duplicates, the fixed ones accepted.
  dir_.write("feed.jsonl", std::string(kAccount1) + "\n" + kOrder1 + "\n" +
                               R"({"kind":"order_posted","event_id":"o3","occurred_at":"2026-02-28","order_id":"SO-3","account_id":"1","amount_minor":5,"currency":"CNY"})" "\n");
  Result again = import("feed.jsonl");
  EXPECT_EQ(again.exit, 0) << again;
  EXPECT_EQ(again.out, "imported feed.jsonl: 1 accepted, 2 duplicates, 0 rejected (batches of 10000)\n") << again;
  EXPECT_FALSE(fs::exists(dir_.file("feed.jsonl.rejects")));
}

TEST_F(KamhostTest, RejectsOption) {
  dir_.write("feed.jsonl", std::string("{oops\n") + kAccount1 + "\n");
  Result r = import("feed.jsonl", {"--rejects", "elsewhere.txt"});
  EXPECT_EQ(r.exit, 3) << r;
  EXPECT_TRUE(contains(r.out, "rejects: elsewhere.txt (1 line)\n")) << r;
  EXPECT_TRUE(fs::exists(dir_.file("elsewhere.txt")));
  EXPECT_FALSE(fs::exists(dir_.file("feed.jsonl.rejects")));
}

TEST_F(KamhostTest, AtomicStoresNothingFromABatchWithABadLine) {
  const std::string unknown_account =
      R"({"kind":"order_posted","event_id":"o9","occurred_at":"2026-01-02","order_id":"SO-9","account_id":"404","amount_minor":5,"currency":"CNY"})";
  dir_.write("feed.jsonl", std::string(kAccount1) + "\n" + kOrder1 + "\n" + unknown_account + "\n");
  Result r = import("feed.jsonl", {"--atomic", "--source", "atomic-feed"});
  EXPECT_EQ(r.exit, 3) << r;
  EXPECT_EQ(r.out, "imported feed.jsonl: 0 accepted, 0 duplicates, 1 rejected, 2 not applied (batches of 10000)\n"
                   "rejects: feed.jsonl.rejects (1 line)\n")
      << r;
  EXPECT_EQ(lines_of(read_file(dir_.file("feed.jsonl.rejects"))).at(0).rfind("3\tKAM_ERR_NOT_FOUND\taccount '404'", 0), 0u);
  EXPECT_EQ(count("accounts"), 0);
  EXPECT_EQ(count("ingested_events"), 0);
  EXPECT_TRUE(audit_json({"--entity-id", "atomic-feed"}).empty()) << "a rejected atomic batch leaves no audit entry";

  // A line that does not parse rejects its atomic batch too: the batch is not sent.
  dir_.write("feed2.jsonl", std::string(kAccount1) + "\n{not json\n" + kOrder1 + "\n");
  Result p = import("feed2.jsonl", {"--atomic"});
  EXPECT_EQ(p.exit, 3) << p;
  EXPECT_TRUE(contains(p.out, ": 0 accepted, 0 duplicates, 1 rejected, 2 not applied (batches of 10000)\n")) << p;
  EXPECT_EQ(count("ingested_events"), 0);

  // Atomic per batch: with batches of 2 the first batch (account, order) is stored.
  Result batches = import("feed.jsonl", {"--atomic", "--batch", "2"});
  EXPECT_EQ(batches.exit, 3) << batches;
  EXPECT_TRUE(contains(batches.out, ": 2 accepted, 0 duplicates, 1 rejected (batches of 2)\n")) << batches;
  EXPECT_EQ(count("ingested_events"), 2);

  // Without --atomic the good lines are stored.
  dir_.write("feed3.jsonl", std::string(R"({"kind":"account_upserted","event_id":"a3","occurred_at":"2026-01-01","account_id":"3","name":"Three"})") +
                                "\n" + unknown_account + "\n");
  Result skip = import("feed3.jsonl");
  EXPECT_EQ(skip.exit, 3) << skip;
  EXPECT_TRUE(contains(skip.out, ": 1 accepted, 0 duplicates, 1 rejected (batches of 10000)\n")) << skip;
}

// ---------------------------------------------------------------------------------------------------
}  // namespace
