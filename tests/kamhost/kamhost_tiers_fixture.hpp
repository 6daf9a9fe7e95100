// kamhost_tiers_fixture.hpp - the tier tests' fixture: a 4-tier config on SQLite and four accounts
// whose numbers are computed by hand (revenues 500,000 / 300,000 / 150,000 / 50,000 CNY: the top
// 80 % are two accounts), imported by the built kamhost with the built plugin.
#pragma once

#include <stdlib.h>
#include <time.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "kamhost_test_support.hpp"
#include "kamhost_tiers_support.hpp"

namespace kamhost_test {

using nlohmann::json;

class KamhostTiersTest : public testing::Test {
 protected:
  void SetUp() override {
    ::setenv("TZ", "UTC", 1);  // kamhost prints local dates; the children inherit this
    ::tzset();
    config_ = dir_.write("kam.yaml", tier_config(dir_.path()));
    // A1 500,000.00 (two orders), A2 300,000.00, A3 150,000.00, A4 50,000.00: total 1,000,000.00.
    const std::string feed = account_line("A1", "Alpha Industrial") + account_line("A2", "Beta & Sons") +
                             account_line("A3", "Gamma Trading") + account_line("A4", "Delta Shop") +
                             order_line("SO-1", "A1", 30'000'000, 40) + order_line("SO-2", "A1", 20'000'000, 10) +
                             order_line("SO-3", "A2", 30'000'000, 20) + order_line("SO-4", "A3", 15'000'000, 30) +
                             order_line("SO-5", "A4", 5'000'000, 5);
    dir_.write("feed.jsonl", feed);
    Result r = run({"import", "feed.jsonl", "--config", config_});
    ASSERT_EQ(r.exit, 0) << r;
    ASSERT_TRUE(contains(r.out, ": 9 accepted, 0 duplicates, 0 rejected")) << r;
  }

  Result run(std::vector<std::string> args) { return kamhost(dir_.path(), args); }
  Result with_config(std::vector<std::string> args) {
    args.push_back("--config");
    args.push_back(config_);
    return run(args);
  }
  json card(const std::string& id) {
    Result r = with_config({"account", "show", id, "--json"});
    EXPECT_EQ(r.exit, 0) << r;
    return json::parse(r.out);
  }
  void import_lines(const std::string& name, const std::string& lines) {
    dir_.write(name, lines);
    Result r = run({"import", name, "--config", config_});
    ASSERT_EQ(r.exit, 0) << r;
  }

  TempDir dir_;
  std::string config_;
};

inline const char* kFirstEvaluation =
    "evaluated 4 accounts: 4 initial, 0 upgraded, 0 downgraded, 0 pending downgrades, 0 churn alerts, "
    "0 notifications, 0 skipped (";

}  // namespace kamhost_test
