// store_fixture.hpp - the parameterised fixture every store test uses, and event builders.
//
// StoreTest runs each test once per backend: SQLite on a fresh file in a fresh temporary directory,
// PostgreSQL in a fresh database created on the server named by KAM_TEST_PG_URL (dropped afterwards).
// Without KAM_TEST_PG_URL the PostgreSQL instances are skipped, or fail when KAM_REQUIRE_PG=1.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database/backend.hpp"
#include "store/database/database.hpp"
#include "store/store.hpp"

namespace kam::store::test {

using detail::Backend;

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  Backend backend() const { return GetParam(); }
  bool is_sqlite() const { return backend() == Backend::sqlite; }

  // Opens a Store on this test's database; its log lines go to logs().
  std::unique_ptr<Store> open();
  std::unique_ptr<Store> open(const config::DatabaseConfig& db);

  int64_t count(Store& s, const std::string& table);
  int64_t query_int(Store& s, const std::string& sql);
  std::string query_text(Store& s, const std::string& sql);
  void exec(Store& s, const std::string& sql);

  std::vector<std::string> logs();
  LogFn log_fn();

  config::DatabaseConfig db_;

 private:
  std::string temp_dir_;
  std::string pg_admin_url_, pg_database_;
  std::shared_ptr<std::mutex> log_mu_ = std::make_shared<std::mutex>();
  std::shared_ptr<std::vector<std::string>> logs_ = std::make_shared<std::vector<std::string>>();
};

std::string backend_param_name(const ::testing::TestParamInfo<Backend>& info);

#define KAM_STORE_INSTANTIATE(Suite)                                                   \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                            \
                           ::testing::Values(::kam::store::detail::Backend::sqlite,   \
                                             ::kam::store::detail::Backend::postgresql), \
                           ::kam::store::test::backend_param_name)

// --- event builders ------------------------------------------------------------------------------

core::Event account_event(const std::string& event_id, const std::string& account_id,
                          int64_t at_ms = 1000, const std::string& name = "Acme GmbH");
core::Event order_event(const std::string& event_id, const std::string& order_id,
                        const std::string& account_id, int64_t amount_minor = 10000,
                        int64_t at_ms = 2000);
core::Event cancel_event(const std::string& event_id, const std::string& order_id,
                         const std::string& reason = "customer request", int64_t at_ms = 3000);
core::Event complaint_event(const std::string& event_id, const std::string& complaint_id,
                            int32_t action, const std::string& employee_id,
                            int64_t at_ms = 4000, const std::string& account_id = "A1");
core::Event service_event(const std::string& event_id, const std::string& request_id,
                          int32_t action, const std::string& employee_id, int64_t at_ms = 5000,
                          const std::string& account_id = "A1");
core::Event visit_event(const std::string& event_id, const std::string& visit_id,
                        const std::string& account_id, int32_t status, int64_t at_ms = 6000);
core::Event distributor_event(const std::string& event_id, const std::string& distributor_id,
                              int64_t at_ms = 7000);

BatchItem item(core::Event e);
BatchItem early_rejection(Status status, const std::string& message);
std::vector<BatchItem> items(std::vector<core::Event> events);
IngestOptions options(bool skip_rejected = false, const std::string& source = "test-feed",
                      int64_t now_ms = 100000);

}  // namespace kam::store::test
