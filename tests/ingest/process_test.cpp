// process_test - durability and multi-process ingestion through the real plugin:
//  * kill -9: a worker process ingests and acknowledges batches; it is killed with SIGKILL at a
//    random moment; afterwards every acknowledged event is there, and the batch in flight is either
//    wholly stored or not at all (SQLite with synchronous=FULL, and PostgreSQL).
//  * four worker processes ingest overlapping events into one PostgreSQL at once: none is lost,
//    none stored twice, and each shared event is accepted by exactly one of them.
// Workers are separate programs started with posix_spawn (exec), never forks of this process.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>
#include <thread>

#include "db_probe.hpp"
#include "order_feed.hpp"
#include "plugin_loader.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using kam::test::LoadedPlugin;

struct Worker {
  pid_t pid = -1;
  FILE* out = nullptr;

  explicit Worker(const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    std::vector<char*> argv;
    std::string exe = KAM_INGEST_WORKER_PATH;
    argv.push_back(exe.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) throw std::runtime_error("posix_spawn failed");
    out = fdopen(fds[0], "r");
  }
  ~Worker() {
    if (out) fclose(out);
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }

  // Next line from the worker, or "" at end of output.
  std::string line() {
    char buf[512];
    if (fgets(buf, sizeof buf, out) == nullptr) return "";
    std::string s(buf);
    if (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
  }
  int wait() {
    int status = 0;
    waitpid(pid, &status, 0);
    pid = -1;
    return status;
  }
};

struct Ack {
  uint64_t first, last, accepted, duplicates;
};

bool parse_ack(const std::string& line, Ack& ack) {
  unsigned long long a, b, c, d;
  if (std::sscanf(line.c_str(), "ACK %llu %llu %llu %llu", &a, &b, &c, &d) != 4) return false;
  ack = {a, b, c, d};
  return true;
}

// Replays orders prefix-first..last and returns the summary (nothing new must be accepted for
// acknowledged events).
kam_batch_summary replay(const LoadedPlugin& p, kam_instance* inst, const std::string& prefix,
                         uint64_t first, uint64_t count, uint32_t accounts) {
  kam::test::OrderFeed feed(accounts);
  kam_batch_summary s;
  p.check(p.ingest(inst, feed.orders(prefix, first, count), "replay", s), "replay ingest");
  return s;
}

enum class Backend { sqlite, postgresql };

class CrashTest : public ::testing::TestWithParam<Backend> {};

std::string pg_admin_url() {
  const char* url = std::getenv("KAM_TEST_PG_URL");
  return url ? url : "";
}

void skip_or_fail_without_pg() {
  if (!pg_admin_url().empty()) return;
  const char* req = std::getenv("KAM_REQUIRE_PG");
  if (req && std::string(req) == "1") FAIL() << "KAM_TEST_PG_URL is not set but KAM_REQUIRE_PG=1";
  GTEST_SKIP() << "KAM_TEST_PG_URL not set: PostgreSQL tests skipped";
}

TEST_P(CrashTest, KillNineLosesNoAcknowledgedEventAndHalfWritesNothing) {
  if (GetParam() == Backend::postgresql) {
    skip_or_fail_without_pg();
    if (IsSkipped() || HasFatalFailure()) return;
  }
  std::mt19937 rng(std::random_device{}());
  const uint32_t accounts = 20;
  const uint64_t batch = 50;
  for (int round = 0; round < 5; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    fs::path dir = fs::temp_directory_path() /
                   ("kam-crash-" + std::to_string(getpid()) + "-" + std::to_string(round));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string db_file = (dir / "kam.db").string();
    std::string url = GetParam() == Backend::sqlite
                          ? "sqlite:" + db_file
                          : kam::test::fresh_pg_database(pg_admin_url(), "crash");

    std::vector<Ack> acks;
    {
      Worker w({"--plugin", KAM_PLUGIN_PATH, "--db", url, "--prefix", "crash", "--count",
                "100000000", "--batch", std::to_string(batch), "--accounts",
                std::to_string(accounts)});
      int kill_after = std::uniform_int_distribution<int>(2, 40)(rng);
      for (std::string l; static_cast<int>(acks.size()) < kill_after && !(l = w.line()).empty();) {
        Ack a;
        ASSERT_TRUE(parse_ack(l, a)) << "worker said: " << l;
        acks.push_back(a);
      }
      // A random moment inside the next batch.
      std::this_thread::sleep_for(
          std::chrono::microseconds(std::uniform_int_distribution<int>(0, 20000)(rng)));
      kill(w.pid, SIGKILL);
      int status = w.wait();
      ASSERT_TRUE(WIFSIGNALED(status)) << "the worker ended before it was killed";
      // Lines written before the kill are acknowledgements too.
      for (std::string l; !(l = w.line()).empty();) {
        Ack a;
        if (parse_ack(l, a)) acks.push_back(a);
      }
    }
    ASSERT_FALSE(acks.empty());
    const uint64_t acked = acks.back().last + 1;

    if (GetParam() == Backend::sqlite) {
      EXPECT_EQ("ok", kam::test::sqlite_scalar(db_file, "PRAGMA integrity_check"));
    }

    LoadedPlugin plugin(KAM_PLUGIN_PATH);
    kam_instance* inst = plugin.create(kam::test::feed_config(url));
    // Every acknowledged event is there: replaying them stores nothing new.
    auto again = replay(plugin, inst, "crash", 0, acked, accounts);
    EXPECT_EQ(0u, again.accepted) << "acknowledged events were lost";
    EXPECT_EQ(acked, again.duplicates);
    // The batch in flight at the kill is all there or not at all.
    auto in_flight = replay(plugin, inst, "crash", acked, batch, accounts);
    EXPECT_TRUE(in_flight.accepted == 0 || in_flight.accepted == batch)
        << "half-written batch: " << in_flight.accepted << " of " << batch << " were missing";
    // Now exactly acked + batch orders exist, each once.
    std::string count_sql = "SELECT COUNT(*) FROM orders";
    std::string count = GetParam() == Backend::sqlite ? kam::test::sqlite_scalar(db_file, count_sql)
                                                      : kam::test::pg_scalar(url, count_sql);
    EXPECT_EQ(std::to_string(acked + batch), count);
    plugin.check(plugin.api->instance_destroy(inst), "destroy");
    fs::remove_all(dir);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) {
                           return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
                         });

TEST(MultiProcess, FourProcessesIntoOnePostgresLoseAndDuplicateNothing) {
  skip_or_fail_without_pg();
  if (IsSkipped() || HasFatalFailure()) return;
  const std::string url = kam::test::fresh_pg_database(pg_admin_url(), "multi");
  const uint64_t own = 1500, shared = 1500;
  const uint32_t accounts = 25;
  const int batch_sizes[] = {50, 70, 110, 130};

  std::vector<std::unique_ptr<Worker>> workers;
  for (int k = 0; k < 4; ++k)
    workers.push_back(std::make_unique<Worker>(std::vector<std::string>{
        "--plugin", KAM_PLUGIN_PATH, "--db", url, "--prefix", "own" + std::to_string(k),
        "--count", std::to_string(own), "--batch", std::to_string(batch_sizes[k]), "--accounts",
        std::to_string(accounts), "--shared-count", std::to_string(shared)}));
  uint64_t accepted = 0, duplicates = 0;
  for (auto& w : workers) {
    std::string last;
    for (std::string l; !(l = w->line()).empty();) last = l;
    unsigned long long a = 0, d = 0;
    ASSERT_EQ(2, std::sscanf(last.c_str(), "DONE %llu %llu", &a, &d)) << "worker said: " << last;
    accepted += a;
    duplicates += d;
    int status = w->wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_EQ(4 * own + shared, accepted) << "some shared event was accepted twice or not at all";
  EXPECT_EQ(3 * shared, duplicates);
  EXPECT_EQ(std::to_string(4 * own + shared), kam::test::pg_scalar(url, "SELECT COUNT(*) FROM orders"));
  EXPECT_EQ("0", kam::test::pg_scalar(
                     url, "SELECT COUNT(*) FROM (SELECT order_id FROM orders GROUP BY order_id "
                          "HAVING COUNT(*) > 1) d"));

  LoadedPlugin plugin(KAM_PLUGIN_PATH);
  kam_instance* inst = plugin.create(kam::test::feed_config(url));
  EXPECT_EQ(0u, replay(plugin, inst, "shared", 0, shared, accounts).accepted);
  for (int k = 0; k < 4; ++k)
    EXPECT_EQ(0u, replay(plugin, inst, "own" + std::to_string(k), 0, own, accounts).accepted);
  plugin.check(plugin.api->instance_destroy(inst), "destroy");
}

}  // namespace
