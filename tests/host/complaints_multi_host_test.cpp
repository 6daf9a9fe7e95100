// complaints_multi_host_test.cpp - the SLA check's "exactly once" through the real libkam.so, on
// config/kam.example.yaml (standard target 16h / 80h, its five-step chain), SQLite and PostgreSQL:
//   - two plugin instances on one database ticking at the same host-clock instants from two threads
//     for two weeks of complaints: every escalation of every complaint is written once, none twice,
//     none missing (the keys, counted from the notifications and from both ticks' results);
//   - kill -9 in the middle of a tick: a child process ticks a large due set and is killed while it
//     writes; then another process ticks: none lost, none doubled.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <barrier>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "complaints_fixture.hpp"

namespace kam::host_test::complaints {
namespace {

// The example chain has five steps; a complaint that nobody answers reaches all of them:
// first response 75% (12h), breach (16h), breach + 4h (20h); resolution 75% (60h), breach (80h).
constexpr int kSteps = 5;
constexpr int kWarningSteps = 2;  // steps 0 and 3

class ComplaintMultiHostTest : public ComplaintsHostTest {
 protected:
  // n complaints on one standard account, received from Mon 3/2 09:00 every 7 minutes, never answered.
  void open_many(const Instance& on, int n) {
    std::vector<Step> steps(static_cast<size_t>(n));
    std::vector<kam_event_complaint> events(steps.size());
    std::vector<const kam_event_header*> headers;
    for (int k = 0; k < n; ++k) {
      Step& s = steps[static_cast<size_t>(k)];
      s.event_id = "open-" + std::to_string(k);
      s.complaint_id = "M-" + std::to_string(k);
      s.account_id = "STD-1";
      s.at_ms = cst(3, 2, 9) + (k * 7 * kMinute) % (8 * kHour);
      s.employee = "e-ann";
      s.department = "sales";
      events[static_cast<size_t>(k)] = s.c_struct();
      headers.push_back(&events[static_cast<size_t>(k)].header);
    }
    kam_batch batch{};
    batch.struct_size = sizeof batch;
    batch.events = headers.data();
    batch.event_count = headers.size();
    batch.source = "complaints-multi-host";
    kam_batch_summary summary{};
    summary.struct_size = sizeof summary;
    on.ingest(kFeed, batch, &summary);
    ASSERT_EQ(summary.accepted, static_cast<uint64_t>(n));
  }

  // Every SLA notification in the outbox (polled and acknowledged through `on`): key -> count.
  std::map<std::string, int> sla_keys(const Instance& on) {
    std::map<std::string, int> keys;
    for (const json& n : new_sla_notifications(on)) ++keys[n.at("payload").at("key").get<std::string>()];
    return keys;
  }

  static std::set<std::string> expected_keys(int n) {
    std::set<std::string> keys;
    for (int k = 0; k < n; ++k)
      for (int step = 0; step < kSteps; ++step)
        keys.insert("M-" + std::to_string(k) + "/" + (step < 3 ? "first_response" : "resolution") + "/" +
                    std::to_string(step) + "/g1");
    return keys;
  }

  static void expect_each_once(const std::map<std::string, int>& seen, int n) {
    const std::set<std::string> expected = expected_keys(n);
    int doubled = 0, unexpected = 0;
    for (const auto& [key, count] : seen) {
      if (count != 1) ++doubled;
      if (!expected.count(key)) ++unexpected;
      EXPECT_EQ(count, 1) << key << " written " << count << " times";
    }
    int missing = 0;
    for (const std::string& key : expected)
      if (!seen.count(key)) ++missing;
    EXPECT_EQ(missing, 0) << "escalations never written";
    EXPECT_EQ(doubled, 0);
    EXPECT_EQ(unexpected, 0);
    EXPECT_EQ(seen.size(), expected.size());
  }

  void setup_org(int complaints) {
    at(cst(3, 2, 8));
    org();
    account("STD-1", /*gold=*/false);
    instance().evaluate_tiers(kAdmin);
    at(cst(3, 2, 18));  // after the last complaint is received
    open_many(instance(), complaints);
  }
};

TEST_P(ComplaintMultiHostTest, TwoInstancesTickingAtOnceWriteEachEscalationOnce) {
  constexpr int kComplaints = 60;
  setup_org(kComplaints);
  instance_.reset();

  // Two hosts, each its own instance and clock, ticking the same instants at the same time: every
  // hour from Mon 3/2 18:00 to Tue 3/17 09:00 (the last resolution breach is 80 business hours
  // = 10 working days after the last complaint, received Mon 3/2 15:53: Mon 3/16 15:53).
  struct Host {
    std::atomic<int64_t> clock{0};
    std::optional<Instance> instance;
    uint64_t warnings = 0, breaches = 0, ran = 0;
  };
  Host hosts[2];
  for (int h = 0; h < 2; ++h) {
    kam::host::HostCallbacks cb;
    cb.now_ms = [&clock = hosts[h].clock] { return clock.load(); };
    hosts[h].clock = cst(3, 2, 18);  // the tick loop sets it
    hosts[h].instance.emplace(plugin_,
                              ConfigSource::text(example_config(dir_.path(), url_, "host" + std::to_string(h)),
                                                 "host" + std::to_string(h) + ".yaml"),
                              std::move(cb));
  }
  Failures failures;
  std::barrier step(2);
  // Both start each instant together; host 1's clock is 5 minutes ahead of host 0's, so at one
  // instant both may run the check (host 0 first) or only host 1 (first: host 0 is then behind).
  auto run = [&](Host& host, int64_t offset) {
    for (int64_t t = cst(3, 2, 18); t <= cst(3, 17, 9); t += kHour) {
      step.arrive_and_wait();
      host.clock = t + offset;
      for (int attempt = 0;; ++attempt) {
        try {
          const kam_tick_result r = host.instance->tick(kAdmin);
          host.warnings += r.sla_warnings;
          host.breaches += r.sla_breaches;
          host.ran += r.sla_ran;
          break;
        } catch (const kam::host::Error& e) {
          if (e.status() != KAM_ERR_BUSY || attempt > 50) {
            failures.add(e.what());
            step.arrive_and_drop();
            return;
          }
        }
      }
    }
  };
  std::thread a(run, std::ref(hosts[0]), 0), b(run, std::ref(hosts[1]), 5 * kMinute);
  a.join();
  b.join();
  ASSERT_EQ(failures.count(), 0) << failures.messages();

  const std::map<std::string, int> seen = sla_keys(*hosts[0].instance);
  expect_each_once(seen, kComplaints);
  EXPECT_EQ(hosts[0].warnings + hosts[1].warnings, static_cast<uint64_t>(kComplaints * kWarningSteps));
  EXPECT_EQ(hosts[0].breaches + hosts[1].breaches, static_cast<uint64_t>(kComplaints * (kSteps - kWarningSteps)));
  std::printf("two hosts: %llu + %llu SLA checks ran, %zu escalations written once each\n",
              static_cast<unsigned long long>(hosts[0].ran), static_cast<unsigned long long>(hosts[1].ran),
              seen.size());
  EXPECT_GT(hosts[0].ran, 0u);
  EXPECT_GT(hosts[1].ran, 0u);
}

// A child process's tick writes the escalations of a large due set and is killed with SIGKILL in the
// middle; then this process ticks: every escalation is there once.
TEST_P(ComplaintMultiHostTest, KillNineInTheMiddleOfATickLosesAndDoublesNone) {
  constexpr int kComplaints = 3000;  // 15,000 escalations due at once
  setup_org(kComplaints);
  instance_.reset();  // no open connection or file lock across fork()
  const int64_t all_due = cst(3, 30, 9);

  int to_parent[2];
  ASSERT_EQ(::pipe(to_parent), 0);
  std::fflush(nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(to_parent[0]);
    // The child: one host whose clock says every escalation is due. 'S' before the tick, 'D' after.
    int code = 0;
    try {
      at(all_due);
      Instance host = make("killed-host");
      (void)!::write(to_parent[1], "S", 1);
      host.tick(kAdmin);
      (void)!::write(to_parent[1], "D", 1);
    } catch (...) {
      code = 3;
    }
    ::_exit(code);
  }
  ::close(to_parent[1]);
  char c = 0;
  ASSERT_EQ(::read(to_parent[0], &c, 1), 1);
  ASSERT_EQ(c, 'S');
  // Kill it while it writes: once the first escalations are in the database (the check commits them
  // in chunks), or after a moment if none shows up first.
  const auto started = std::chrono::steady_clock::now();
  std::string stored = "0";
  const std::string count_sql = "SELECT count(*) FROM notifications WHERE kind IN (2, 3)";
  while (std::chrono::steady_clock::now() - started < std::chrono::seconds(20)) {
    try {
      stored = scalar(count_sql);
    } catch (const std::exception&) {
      // SQLite busy or the table not readable yet: look again
    }
    if (stored != "0" && !stored.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child ended by itself: status " << status;
  pollfd p{to_parent[0], POLLIN, 0};
  const bool finished = ::poll(&p, 1, 0) == 1 && ::read(to_parent[0], &c, 1) == 1 && c == 'D';
  ::close(to_parent[0]);
  const long long at_kill = std::stoll(scalar(count_sql));
  std::printf("killed after %lld of %d escalations were stored\n", at_kill, kComplaints * kSteps);
  ASSERT_FALSE(finished) << "the tick ended before the kill: make the due set larger";
  ASSERT_LT(at_kill, kComplaints * kSteps) << "the tick had written everything before the kill";

  // Another process (this one) ticks at the same instant: the killed run did not complete, so it is
  // due again at once, as soon as the dead process's claim is gone (PostgreSQL releases a killed
  // connection's advisory lock a moment after it notices the connection closed).
  at(all_due);
  kam_tick_result r{};
  for (int attempt = 0; attempt < 200 && r.sla_ran == 0; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = instance().tick(kAdmin);
  }
  EXPECT_EQ(r.sla_ran, 1u) << "the killed run is due again";
  EXPECT_EQ(static_cast<long long>(r.sla_warnings + r.sla_breaches), kComplaints * kSteps - at_kill);
  at(all_due + kHour);
  EXPECT_EQ(instance().tick(kAdmin).sla_warnings, 0u);
  expect_each_once(sla_keys(instance()), kComplaints);
}

INSTANTIATE_TEST_SUITE_P(Backends, ComplaintMultiHostTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace kam::host_test::complaints
