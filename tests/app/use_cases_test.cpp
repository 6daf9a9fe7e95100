// The evaluation use cases below the ABI, on the store directly (both backends): an evaluation is
// never applied without its audit entry; the periodic job (tick) is due by the host clock only
// forwards, runs once across stores with real clocks, and is due again at once after the process
// running it is killed (kill -9 of a helper process holding the claim); a missing exchange rate
// is refused at ingestion and never demotes an account at evaluation (card, report, summary).
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <thread>

#include "config/config.hpp"
#include "app/tiers/tiers.hpp"
#include "store/store_fixture.hpp"

extern char** environ;

namespace kam::store::test {
namespace {

constexpr int64_t kT0 = 1781496000000;  // 2026-06-15 04:00 UTC
constexpr int64_t kHour = 3600000;

config::Config tiers_config(const std::string& rates = "") {
  return config::load_config_text(
      "kam: 1\n"
      "database: {url: \"sqlite:/tmp/kam-use-cases-unused.db\"}\n"
      "business: {time_zone: UTC, reporting_currency: EUR}\n" + rates +
      "tiers:\n"
      "  evaluate_every: 1h\n"
      "  levels:\n"
      "    - {name: gold, rule: {all: [{metric: revenue, op: \">=\", value: \"100.00\"}]}}\n"
      "    - {name: standard, default: true}\n",
      "use_cases_test.yaml");
}

core::Actor admin() { return core::Actor{"admin", {"kam.admin"}}; }

class UseCasesTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = open();
    ASSERT_TRUE(store_->ingestion().ingest(items({account_event("a1", "A1"), account_event("a2", "A2"),
                                      order_event("o1", "O1", "A1", 50000, kT0 - 86400000)}),
                               options())
                    .committed);
  }

  app::EvaluationRequest full(const core::Actor& who) {
    app::EvaluationRequest r;
    r.now_ms = kT0;
    r.actor = who;
    return r;
  }

  int64_t audited(const std::string& action) {
    return query_int(*store_, "SELECT COUNT(*) FROM audit WHERE action = '" + action + "'");
  }

  void expect_nothing_applied() {
    EXPECT_EQ(count(*store_, "tier_state"), 0);
    EXPECT_EQ(count(*store_, "tier_history"), 0);
    EXPECT_EQ(count(*store_, "notifications"), 0);
    EXPECT_FALSE(store_->jobs().last_job_run(app::kTiersJob)) << "a failed run is not a completed run";
  }

  config::Config config_ = tiers_config();
  std::unique_ptr<Store> store_;
};

TEST_P(UseCasesTest, AnEvaluationWhoseAuditEntryCannotBeWrittenAppliesNothing) {
  if (!is_sqlite()) {
    // The case found by the probe: PostgreSQL cannot index a 1 MiB user id in the audit table.
    const core::Actor huge{std::string(1 << 20, 'u'), {"kam.admin"}};
    EXPECT_THROW(app::evaluate_on_request(*store_, config_, full(huge), nullptr), Error);
    expect_nothing_applied();
  }
  // Any failure of the audit insert (here: its table is gone) rolls the changes back with it.
  exec(*store_, "ALTER TABLE audit RENAME TO audit_gone");
  EXPECT_THROW(app::evaluate_on_request(*store_, config_, full(admin()), nullptr), Error);
  EXPECT_THROW(app::evaluate_when_due(*store_, config_, admin(), kT0, nullptr), Error);
  expect_nothing_applied();
  exec(*store_, "ALTER TABLE audit_gone RENAME TO audit");

  EXPECT_TRUE(app::evaluate_when_due(*store_, config_, admin(), kT0, nullptr)) << "still due";
  EXPECT_EQ(count(*store_, "tier_state"), 2);
  EXPECT_EQ(audited("tiers.evaluate.periodic"), 1);
  EXPECT_EQ(store_->jobs().last_job_run(app::kTiersJob), kT0);
  const std::string summary = query_text(*store_, "SELECT after_json FROM audit WHERE action = "
                                                  "'tiers.evaluate.periodic'");
  EXPECT_NE(summary.find("\"initial\":2"), std::string::npos) << summary;
}

TEST_P(UseCasesTest, ThePeriodicJobIsNotDueWhenTheHostClockGoesBack) {
  ASSERT_TRUE(app::evaluate_when_due(*store_, config_, admin(), kT0, nullptr));
  for (int64_t earlier : {int64_t{1000}, int64_t{30 * 60000}, int64_t{59 * 60000}, 48 * kHour})
    EXPECT_FALSE(app::evaluate_when_due(*store_, config_, admin(), kT0 - earlier, nullptr)) << earlier;
  EXPECT_FALSE(app::evaluate_when_due(*store_, config_, admin(), kT0 + kHour - 1, nullptr));
  int warned = 0;
  for (const std::string& line : logs()) warned += line.find("is before its last run") != std::string::npos;
  EXPECT_EQ(warned, 1) << "logged once, not every tick";
  EXPECT_TRUE(app::evaluate_when_due(*store_, config_, admin(), kT0 + kHour, nullptr));
  EXPECT_EQ(audited("tiers.evaluate.periodic"), 2);
}

TEST_P(UseCasesTest, TwoHostsWithRealClocksRunOnePeriodicEvaluation) {
  std::unique_ptr<Store> other = open();
  std::atomic<int> ran{0};
  auto host = [&](Store& store) {
    for (int i = 0; i < 40; ++i) {
      const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
      if (app::evaluate_when_due(store, config_, admin(), now, nullptr)) ++ran;
    }
  };
  std::thread a(host, std::ref(*store_)), b(host, std::ref(*other));
  a.join();
  b.join();
  EXPECT_EQ(ran.load(), 1);
  EXPECT_EQ(audited("tiers.evaluate.periodic"), 1);
}

// The helper process (job_holder.cpp), its stdout read line by line; killed with SIGKILL.
class Helper {
 public:
  explicit Helper(std::vector<std::string> args) {
    args.insert(args.begin(), KAM_JOB_HOLDER_PATH);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) throw std::runtime_error("posix_spawn failed");
    out_ = fdopen(fds[0], "r");
  }
  ~Helper() { kill9(); }
  std::string line() {
    char buf[64] = {};
    return std::fgets(buf, sizeof buf, out_) ? buf : "";
  }
  void kill9() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
    if (out_) fclose(out_);
    out_ = nullptr;
  }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
};

// A helper process claims the job, as a tick does before it evaluates, and is killed with SIGKILL.
TEST_P(UseCasesTest, ARunKilledInTheMiddleIsDueAgainAtOnce) {
  Helper helper({"claim", is_sqlite() ? "sqlite" : "postgresql", is_sqlite() ? db_.sqlite_path : db_.pg_conninfo});
  EXPECT_EQ(helper.line(), "claimed\n");
  EXPECT_EQ(store_->jobs().claim_job(app::kTiersJob, 2000, 60000).due, JobDue::running_elsewhere);
  EXPECT_FALSE(app::evaluate_when_due(*store_, config_, admin(), kT0, nullptr)) << "held by the helper";
  helper.kill9();
  // PostgreSQL ends the dead connection's session (and its lock) a moment after the process exit.
  for (int i = 0; i < 100 && store_->jobs().claim_job(app::kTiersJob, 2000, 60000).due == JobDue::running_elsewhere; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_TRUE(app::evaluate_when_due(*store_, config_, admin(), kT0, nullptr)) << "due again at once";
  EXPECT_EQ(count(*store_, "tier_state"), 2);
}

TEST_P(UseCasesTest, AnOrderInACurrencyWithoutARateIsRefusedAtIngestion) {
  const config::Config with_usd = tiers_config("exchange_rates: [{currency: USD, rate: \"0.9\", from: 2026-01-01}]\n");
  core::Event gbp = order_event("e-gbp", "O-gbp", "A1", 100, kT0);
  std::get<core::OrderPosted>(gbp.payload).amount.currency = "GBP";
  std::get<core::OrderPosted>(gbp.payload).margin.currency = "GBP";
  core::Event early_usd = order_event("e-usd", "O-usd", "A1", 100, kT0 - 200 * 86400000LL);  // 2025-11-27
  std::get<core::OrderPosted>(early_usd.payload).amount.currency = "USD";
  std::get<core::OrderPosted>(early_usd.payload).margin.currency = "USD";
  IngestOptions o = options(true, "feed", kT0);
  o.exchange_rates = &with_usd.exchange_rates;
  const BatchResult r = store_->ingestion().ingest(items({gbp, early_usd}), o);
  EXPECT_EQ(r.rejected, 2u);
  EXPECT_EQ(r.items[0].status, Status::invalid_argument);
  EXPECT_EQ(r.items[0].message, "amount.currency: no exchange rate for GBP on 2026-06-15 (the order's business "
                                "day): add one to exchange_rates and send the order again");
  EXPECT_NE(r.items[1].message.find("no exchange rate for USD on 2025-11-27"), std::string::npos) << r.items[1].message;
  EXPECT_EQ(count(*store_, "orders"), 1);
}

TEST_P(UseCasesTest, ARateRemovedLaterKeepsTheTierAndSaysWhichRateIsMissing) {
  const config::Config with_usd = tiers_config("exchange_rates: [{currency: USD, rate: \"0.9\", from: 2026-01-01}]\n");
  core::Event usd = order_event("e-usd", "O-usd", "A2", 20000, kT0 - 86400000);
  std::get<core::OrderPosted>(usd.payload).amount.currency = "USD";
  std::get<core::OrderPosted>(usd.payload).margin.currency = "USD";
  ASSERT_EQ(store_->ingestion().ingest(items({usd}), options(false, "feed", kT0)).accepted, 1u);
  const app::EvaluationSummary first = app::evaluate_on_request(*store_, with_usd, full(admin()), nullptr);
  EXPECT_EQ(first.missing_rates, 0u);
  ASSERT_EQ(query_text(*store_, "SELECT effective_tier FROM tier_state WHERE account_id = 'A2'"), "gold");

  // The config reloaded without the USD rate: A2 keeps gold, nothing is written or notified.
  app::EvaluationRequest later = full(admin());
  later.now_ms = kT0 + 86400000;
  const app::EvaluationSummary s = app::evaluate_on_request(*store_, config_, later, nullptr);
  EXPECT_EQ(s.missing_rates, 1u);
  EXPECT_EQ(s.downgraded + s.downgrades_pending + s.notifications, 0u);
  EXPECT_EQ(query_text(*store_, "SELECT effective_tier FROM tier_state WHERE account_id = 'A2'"), "gold");
  EXPECT_EQ(count(*store_, "notifications"), 0);
  EXPECT_NE(query_text(*store_, "SELECT after_json FROM audit WHERE action = 'tiers.evaluate' ORDER BY id DESC LIMIT 1")
                .find("\"missing_rates\":1"),
            std::string::npos);

  const nlohmann::json card = nlohmann::json::parse(app::account_card_json(*store_, config_, "A2", later.now_ms));
  EXPECT_EQ(card.at("tier").at("name"), "gold");
  EXPECT_EQ(card.at("change"), "kept_missing_rate");
  const std::string explanation = card.at("explanation");
  EXPECT_NE(explanation.find("Gold kept: no exchange rate for USD on 2026-06-14"), std::string::npos) << explanation;

  const nlohmann::json report = nlohmann::json::parse(app::pareto_report_json(*store_, config_, later.now_ms, 0));
  EXPECT_EQ(report.at("missing_rates"), 1);
  bool said = false;
  for (const auto& e : report.at("entries"))
    if (e.at("account_id") == "A2") said = e.value("missing_rate", "").find("USD") != std::string::npos;
  EXPECT_TRUE(said) << report.dump();
}

// kill -9 of a process in the middle of evaluations leaves state, history and notifications
// consistent: each account's state is its newest history entry, every change after the first
// classification has its one notification, and the next evaluation completes the work.
TEST_P(UseCasesTest, KillNineDuringEvaluationsLeavesStateHistoryAndNotificationsConsistent) {
  // 3,000 accounts with one order each, 0..59 days old: with a 30-day window and no downgrade wait,
  // each day's evaluation downgrades the ones whose order left the window.
  std::vector<core::Event> events;
  for (int i = 0; i < 3000; ++i) {
    const std::string id = "K" + std::to_string(i);
    events.push_back(account_event("acc-" + id, id));
    events.push_back(order_event("ord-" + id, "O" + id, id, 50000, kT0 - (i % 60) * 86400000LL));
  }
  ASSERT_TRUE(store_->ingestion().ingest(items(events), options(false, "feed", kT0)).committed);
  const std::string yaml = (is_sqlite() ? db_.sqlite_path : std::string("/tmp/kam-use-cases")) + "-" +
                           std::to_string(getpid()) + ".yaml";
  {
    std::FILE* f = std::fopen(yaml.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("kam: 1\ndatabase: {url: \"sqlite:/tmp/kam-use-cases-unused.db\"}\n"
               "business: {time_zone: UTC, reporting_currency: EUR}\n"
               "tiers:\n  window_days: 30\n  downgrade_after_days: 0\n  levels:\n"
               "    - {name: gold, rule: {all: [{metric: revenue, op: \">=\", value: \"100.00\"}]}}\n"
               "    - {name: standard, default: true}\n",
               f);
    std::fclose(f);
  }
  auto consistent = [&] {
    EXPECT_EQ(query_int(*store_, "SELECT COUNT(*) FROM tier_state s WHERE s.effective_tier <> (SELECT h.tier FROM"
                                 " tier_history h WHERE h.account_id = s.account_id ORDER BY h.id DESC LIMIT 1)"),
              0);
    EXPECT_EQ(query_int(*store_, "SELECT COUNT(*) FROM tier_state s WHERE NOT EXISTS (SELECT 1 FROM tier_history h"
                                 " WHERE h.account_id = s.account_id)"),
              0);
    EXPECT_EQ(count(*store_, "notifications"), count(*store_, "tier_history") - count(*store_, "tier_state"));
  };
  std::mt19937 rng(static_cast<unsigned>(getpid()));
  for (int kill = 0; kill < 3; ++kill) {
    Helper helper({"evaluate", is_sqlite() ? "sqlite" : "postgresql", is_sqlite() ? db_.sqlite_path : db_.pg_conninfo,
                   yaml, std::to_string(kT0 + kill * 20 * 86400000LL)});
    EXPECT_EQ(helper.line(), "run 1\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 200)(rng)));
    helper.kill9();
    consistent();
  }
  std::remove(yaml.c_str());
  const config::Config c = config::load_config_text(query_text(*store_, "SELECT yaml_text FROM config_versions"),
                                                    "from the store");
  app::EvaluationRequest r = full(admin());
  r.now_ms = kT0 + 100 * 86400000LL;
  app::evaluate_on_request(*store_, c, r, nullptr);
  consistent();
  EXPECT_EQ(query_int(*store_, "SELECT COUNT(*) FROM tier_state WHERE effective_tier = 'gold'"), 0);
}

// docs/tiers.md (Pareto report): an account without data ranks as revenue 0, after every account
// with revenue, ties by account id (byte order), in no top set.
TEST_P(UseCasesTest, AnAccountWithoutDataRanksAtRevenueZeroByAccountId) {
  ASSERT_TRUE(store_->ingestion().ingest(items({account_event("a0", "A0")}), options()).committed);
  const nlohmann::json report = nlohmann::json::parse(app::pareto_report_json(*store_, config_, kT0, 0));
  const auto& e = report.at("entries");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].at("account_id"), "A1");
  EXPECT_EQ(e[1].at("account_id"), "A0");
  EXPECT_EQ(e[2].at("account_id"), "A2");
  for (int i : {1, 2}) {
    EXPECT_EQ(e[i].at("rank"), i + 1);
    EXPECT_EQ(e[i].at("revenue"), 0);
    EXPECT_EQ(e[i].at("in_top"), false);
  }
}

KAM_STORE_INSTANTIATE(UseCasesTest);

}  // namespace
}  // namespace kam::store::test
