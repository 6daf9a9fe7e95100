// The registry of periodic jobs and the tick that runs them, on the store directly (both
// backends): the registry holds the tier evaluation under its claim and permission; a job runs
// when due and once per interval across stores, a failed run stays due, and the tick reports and
// logs the tier evaluation only when it ran.
#include <stdexcept>
#include <string>

#include "app/periodic.hpp"
#include "app/tick.hpp"
#include "config/config.hpp"
#include "store/store_fixture.hpp"

namespace kam::store::test {
namespace {

constexpr int64_t kT0 = 1781496000000;  // 2026-06-15 04:00 UTC
constexpr int64_t kHour = 3600000;

config::Config tiers_config() {
  return config::load_config_text(
      "kam: 1\n"
      "database: {url: \"sqlite:/tmp/kam-periodic-unused.db\"}\n"
      "business: {time_zone: UTC, reporting_currency: EUR}\n"
      "tiers:\n"
      "  evaluate_every: 1h\n"
      "  levels:\n"
      "    - {name: gold, rule: {all: [{metric: revenue, op: \">=\", value: \"100.00\"}]}}\n"
      "    - {name: standard, default: true}\n",
      "periodic_test.yaml");
}

const core::Actor kAdmin{"admin", {"kam.admin"}};

class PeriodicTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = open();
    ASSERT_TRUE(store_->ingestion().ingest(items({account_event("a1", "A1"), account_event("a2", "A2")}), options()).committed);
  }

  app::JobContext context(Store& store, int64_t now, app::LogFn log = nullptr) {
    return app::JobContext{store, config_, kAdmin, now, std::move(log)};
  }

  // A job of its own (not in the registry): a full, unaudited evaluation that completes `name`.
  app::PeriodicJob job(const char* name, int* runs, bool fail = false) {
    app::PeriodicJob j;
    j.name = name;
    j.permission = "tiers.evaluate";
    j.every_ms = [](const config::Config&) { return kHour; };
    j.run = [name, runs, fail](const app::JobContext& c, app::TickResult&) {
      ++*runs;
      if (fail) throw std::runtime_error("the job failed");
      app::EvaluationRequest r;
      r.now_ms = c.now_ms;
      r.actor = c.actor;
      r.completes_job = name;
      app::evaluate_tiers(c.store, c.config, r, c.log);
    };
    return j;
  }

  config::Config config_ = tiers_config();
  std::unique_ptr<Store> store_;
};

TEST_P(PeriodicTest, TheRegistryHoldsTheTierEvaluationUnderItsClaimAndPermission) {
  const std::vector<app::PeriodicJob>& jobs = app::periodic_jobs();
  ASSERT_GE(jobs.size(), 3u);
  EXPECT_STREQ(jobs[0].name, app::kTiersJob);
  EXPECT_STREQ(jobs[0].permission, "tiers.evaluate");
  EXPECT_EQ(jobs[0].every_ms(config_), kHour) << "evaluate_every: 1h";
  // 1.3: the SLA check of complaints, every complaints.check_every (default 1 minute).
  EXPECT_STREQ(jobs[1].name, app::kSlaJob);
  EXPECT_STREQ(jobs[1].permission, "complaints.tick");
  EXPECT_EQ(jobs[1].every_ms(config_), 60000);
  // 1.4: the visit plan check, every visits.check_every (default 1 hour).
  EXPECT_STREQ(jobs[2].name, app::kVisitPlanJob);
  EXPECT_STREQ(jobs[2].permission, "visits.tick");
  EXPECT_EQ(jobs[2].every_ms(config_), kHour);
}

TEST_P(PeriodicTest, TheTickRunsOnlyTheJobsTheActorMayRun) {
  config::Config config = config::load_config_text(
      "kam: 1\naccess: {roles: {scheduler: [tiers.evaluate]}}\n", "periodic_test.yaml");
  const core::Actor scheduler{"cron", {"scheduler"}};
  const app::TickResult r = app::tick(app::JobContext{*store_, config, scheduler, kT0, nullptr});
  EXPECT_TRUE(r.tiers);
  EXPECT_FALSE(r.sla);
  EXPECT_EQ(r.skipped_jobs,
            (std::vector<std::string>{app::kSlaJob, app::kVisitPlanJob, app::kServiceJob, app::kDealExpiryJob}));
  // With the admin's "*" every job runs.
  const app::TickResult all = app::tick(context(*store_, kT0 + 2 * kHour));
  EXPECT_TRUE(all.tiers);
  ASSERT_TRUE(all.sla);
  EXPECT_EQ(all.sla->complaints, 0u);
  ASSERT_TRUE(all.visits);
  EXPECT_EQ(all.visits->due, 0u);
  EXPECT_TRUE(all.skipped_jobs.empty());
}

TEST_P(PeriodicTest, AJobRunsOncePerIntervalAcrossStoresAndAFailedRunStaysDue) {
  std::unique_ptr<Store> other = open();
  int runs = 0, failed_runs = 0;
  app::TickResult result;
  EXPECT_TRUE(app::run_when_due(job("test.job", &runs), context(*store_, kT0), result));
  EXPECT_FALSE(app::run_when_due(job("test.job", &runs), context(*other, kT0 + 1000), result)) << "done this hour";
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(store_->jobs().last_job_run("test.job"), kT0);
  EXPECT_TRUE(app::run_when_due(job("test.job", &runs), context(*other, kT0 + kHour), result));
  EXPECT_EQ(runs, 2);

  // Another name is another claim; a run that throws is not recorded, so the job stays due.
  EXPECT_THROW(app::run_when_due(job("test.failing", &failed_runs, true), context(*store_, kT0), result),
               std::runtime_error);
  EXPECT_FALSE(store_->jobs().last_job_run("test.failing"));
  EXPECT_TRUE(app::run_when_due(job("test.failing", &failed_runs), context(*other, kT0 + 1), result));
  EXPECT_EQ(failed_runs, 2);
  EXPECT_FALSE(result.tiers) << "only the tier job reports into TickResult::tiers";
}

TEST_P(PeriodicTest, TheTickReportsAndLogsTheTierEvaluationOnlyWhenItRan) {
  std::vector<std::string> lines;
  auto log = [&](core::LogLevel level, const std::string& m) {
    if (level == core::LogLevel::info) lines.push_back(m);
  };
  const app::TickResult first = app::tick(context(*store_, kT0, log));
  ASSERT_TRUE(first.tiers);
  EXPECT_EQ(first.tiers->accounts, 2u);
  EXPECT_EQ(first.tiers->initial, 2u);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "periodic tier evaluation: 2 accounts, 2 changes, 0 notifications");

  EXPECT_FALSE(app::tick(context(*store_, kT0 + kHour - 1, log)).tiers) << "not due yet";
  EXPECT_EQ(lines.size(), 1u);
  EXPECT_TRUE(app::tick(context(*store_, kT0 + kHour, log)).tiers);
  EXPECT_EQ(query_int(*store_, "SELECT COUNT(*) FROM audit WHERE action = 'tiers.evaluate.periodic'"), 2);
}

KAM_STORE_INSTANTIATE(PeriodicTest);

}  // namespace
}  // namespace kam::store::test
