// concurrency_test.cpp - the loader keeps no shared mutable state: loads from many threads at once
// give the same results as one load alone (run under -DKAM_SANITIZE=thread to check for races).
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.hpp"

namespace kam::config {
namespace {

// What a load produced, as one comparable string.
std::string outcome_of_file(const std::string& path) {
  try {
    const Config c = load_config_file(path);
    return c.summary() + " " + c.content_hash;
  } catch (const ConfigError& e) {
    return e.what();
  }
}

std::string outcome_of_text(const std::string& text) {
  try {
    return load_config_text(text, "kam.yaml").summary();
  } catch (const ConfigError& e) {
    return e.what();
  }
}

TEST(Concurrency, EightThreadsGetIdenticalResults) {
  const std::string bad =
      "kam: 1\nbusiness:\n  time_zone: Europe/Berln\n  reporting_currency: eur\naccess:\n  roles:\n"
      "    x: [ingestt]\n";
  const std::string good = "kam: 1\nbusiness:\n  time_zone: Europe/Berlin\n";
  const std::string bad_file = std::string(KAM_CONFIG_TEST_DIR) + "/bad/unknown_permission.yaml";

  // Expected outcomes come from threads too, so no thread starts with a warmed-up tz database.
  std::vector<std::string> expected(4);
  std::vector<std::vector<std::string>> results(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        results[t].push_back(outcome_of_file(KAM_EXAMPLE_CONFIG));
        results[t].push_back(outcome_of_file(bad_file));
        results[t].push_back(outcome_of_text(bad));
        results[t].push_back(outcome_of_text(good));
      }
    });
  }
  for (auto& th : threads) th.join();

  expected = {outcome_of_file(KAM_EXAMPLE_CONFIG), outcome_of_file(bad_file), outcome_of_text(bad),
              outcome_of_text(good)};
  EXPECT_NE(expected[0].find("config OK"), std::string::npos) << expected[0];
  EXPECT_NE(expected[2].find("did you mean 'Europe/Berlin'?"), std::string::npos) << expected[2];
  for (const auto& r : results) {
    ASSERT_EQ(r.size(), 100u);
    for (std::size_t i = 0; i < r.size(); ++i) EXPECT_EQ(r[i], expected[i % 4]);
  }
}

}  // namespace
}  // namespace kam::config
