// instance_fixture.hpp - what the host SDK suites on one instance share: InstanceTest (a fresh
// directory, the loaded plugin, an instance from a valid config), the two actors of config_text, and
// expect_refused for calls through the raw C table.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string>

#include <gtest/gtest.h>

#include "host_test_support.hpp"
#include "kam/host.hpp"

namespace kam::host_test {

// Raw-table helper: the status was an error and the thread's message is set.
inline void expect_refused(const kam_api_v1& api, kam_status status, const char* what) {
  EXPECT_NE(status, KAM_OK) << what;
  const char* message = api.last_error_message();
  ASSERT_NE(message, nullptr) << what;
  EXPECT_STRNE(message, "") << what;
  const char* name = api.status_name(status);
  ASSERT_NE(name, nullptr) << what;
  EXPECT_EQ(std::string(name).rfind("KAM_ERR_", 0), 0u) << what << ": " << name;
}

// The same, and the status is one of `allowed`.
inline void expect_refused(const kam_api_v1& api, kam_status status, const char* what,
                    std::initializer_list<kam_status> allowed) {
  expect_refused(api, status, what);
  EXPECT_NE(std::find(allowed.begin(), allowed.end(), status), allowed.end())
      << what << ": unexpected " << api.status_name(status);
}

inline const kam::host::Actor kAdmin("admin-1", {"kam.admin"});
inline const kam::host::Actor kFeed("feed-1", {"erp.feed"});

class InstanceTest : public ::testing::Test {
 protected:
  TempDir dir;
  kam::host::Plugin plugin = kam::host::Plugin::load(kPluginPath);

  kam::host::Instance make(const std::string& name = "alpha", kam::host::HostCallbacks callbacks = {}) {
    return kam::host::Instance(plugin, kam::host::ConfigSource::text(config_text(dir.path(), name), name + ".yaml"), std::move(callbacks));
  }
};

}  // namespace kam::host_test
