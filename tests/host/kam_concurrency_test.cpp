// kam_concurrency_test.cpp - one instance, 8 threads: 4 reload the config back and forth between two
// valid configs while 4 read instance_info, and every thread provokes errors of its own.
//
// What it would catch (also built under ThreadSanitizer by CI, KAM_SANITIZE=thread):
//   - no lock (or no atomic snapshot) around the instance's current config: a data race TSan reports,
//     and in a plain build a torn read or a use-after-free of the replaced config (crash), or an
//     info whose instance name and hash come from different configs (checked on every read);
//   - a config version that is not a counter of successful reloads (checked per reader: never goes
//     down; and at the end: exactly 1 + the number of successful reloads);
//   - a last-error message that is not per thread: each thread checks right after each failed call
//     that the message names its own file and its own key, never another thread's.
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "host_test_support.hpp"
#include "kam/host.hpp"

namespace {

using kam::host::Actor;
using kam::host::ConfigSource;
using kam::host::Error;
using kam::host::Instance;
using kam::host::Plugin;
using kam::host_test::config_text;
using kam::host_test::kPluginPath;
using kam::host_test::TempDir;
using json = nlohmann::json;

constexpr int kReloaders = 4;
constexpr int kReaders = 4;
constexpr int kReloadsPerThread = 150;
constexpr int kMinReadsPerThread = 200;

using kam::host_test::Failures;

// A config that fails validation with an error naming this thread's file and key.
std::string own_bad_config(int thread) {
  return "kam: 1\nthread_" + std::to_string(thread) + "_bogus_key: 1\n";
}

// Checks that an Error is KAM_ERR_CONFIG naming only `thread`'s file and key.
void check_own_error(const Error& e, int thread, int threads, Failures& failures) {
  const std::string mine = "thread-" + std::to_string(thread) + ".yaml:2:1";
  const std::string key = "thread_" + std::to_string(thread) + "_bogus_key";
  if (e.status() != KAM_ERR_CONFIG) failures.add("thread " + std::to_string(thread) + ": unexpected " + e.what());
  if (e.message().find(mine) == std::string::npos || e.message().find(key) == std::string::npos)
    failures.add("thread " + std::to_string(thread) + " got a message not its own: " + e.message());
  for (int other = 0; other < threads; ++other) {
    if (other != thread && e.message().find("thread-" + std::to_string(other) + ".yaml") != std::string::npos)
      failures.add("thread " + std::to_string(thread) + " got thread " + std::to_string(other) +
                   "'s message: " + e.message());
  }
}

TEST(Concurrency, ReloadWhileReadingKeepsEveryAnswerConsistent) {
  TempDir dir;
  Plugin plugin = Plugin::load(kPluginPath);
  const Actor admin("admin", {"kam.admin"});
  const ConfigSource alpha = ConfigSource::text(config_text(dir.path(), "alpha"), "alpha.yaml");
  const ConfigSource beta = ConfigSource::text(config_text(dir.path(), "beta"), "beta.yaml");

  Instance instance(plugin, beta);
  const std::string beta_hash = json::parse(instance.info()).at("config").at("hash");
  instance.reload_config(admin, alpha);
  const std::string alpha_hash = json::parse(instance.info()).at("config").at("hash");
  ASSERT_NE(alpha_hash, beta_hash);
  const int start_version = json::parse(instance.info()).at("config").at("version");
  ASSERT_EQ(start_version, 2);

  constexpr int kThreads = kReloaders + kReaders;
  Failures failures;
  std::atomic<int> reloads_ok{0};
  std::atomic<int> reloaders_running{kReloaders};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;

  for (int t = 0; t < kReloaders; ++t) {
    threads.emplace_back([&, t] {
      const ConfigSource bad = ConfigSource::text(own_bad_config(t), "thread-" + std::to_string(t) + ".yaml");
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < kReloadsPerThread; ++i) {
        try {
          instance.reload_config(admin, (i + t) % 2 == 0 ? beta : alpha);
          reloads_ok.fetch_add(1);
        } catch (const Error& e) {
          failures.add("reloader " + std::to_string(t) + ": " + e.what());
        }
        try {
          instance.reload_config(admin, bad);
          failures.add("reloader " + std::to_string(t) + ": a bad config was accepted");
        } catch (const Error& e) {
          check_own_error(e, t, kThreads, failures);
        }
      }
      reloaders_running.fetch_sub(1);
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&, r] {
      const int t = kReloaders + r;
      const ConfigSource bad = ConfigSource::text(own_bad_config(t), "thread-" + std::to_string(t) + ".yaml");
      int last_version = 0;
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < kMinReadsPerThread || reloaders_running.load() > 0; ++i) {
        try {
          const json config = json::parse(instance.info()).at("config");
          const std::string name = config.at("instance_name");
          const std::string hash = config.at("hash");
          const int version = config.at("version");
          if (!((name == "alpha" && hash == alpha_hash) || (name == "beta" && hash == beta_hash)))
            failures.add("reader " + std::to_string(r) + ": inconsistent info: " + config.dump());
          if (version < last_version)
            failures.add("reader " + std::to_string(r) + ": version went back from " +
                         std::to_string(last_version) + " to " + std::to_string(version));
          last_version = version;
        } catch (const std::exception& e) {
          failures.add("reader " + std::to_string(r) + ": " + e.what());
        }
        if (i % 4 == 0) {
          try {
            plugin.check_config(bad);
            failures.add("reader " + std::to_string(r) + ": a bad config passed config_check");
          } catch (const Error& e) {
            check_own_error(e, t, kThreads, failures);
          }
        }
      }
    });
  }
  go.store(true);
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(failures.count(), 0) << failures.messages();
  EXPECT_EQ(reloads_ok.load(), kReloaders * kReloadsPerThread);
  const json config = json::parse(instance.info()).at("config");
  EXPECT_EQ(config.at("version"), start_version + reloads_ok.load())
      << "the version counts successful reloads, and only those";
}

// Many instances created and destroyed concurrently on one database, each used at once.
TEST(Concurrency, InstancesCreatedAndDestroyedInParallel) {
  TempDir dir;
  Plugin plugin = Plugin::load(kPluginPath);
  Failures failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        try {
          Instance instance(plugin, ConfigSource::text(config_text(dir.path(), "t" + std::to_string(t))));
          const json info = json::parse(instance.info());
          if (info.at("config").at("instance_name") != "t" + std::to_string(t))
            failures.add("thread " + std::to_string(t) + ": wrong instance: " + info.dump());
        } catch (const std::exception& e) {
          failures.add("thread " + std::to_string(t) + ": " + e.what());
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.count(), 0) << failures.messages();
}

}  // namespace
