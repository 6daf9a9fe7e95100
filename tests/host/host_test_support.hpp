// host_test_support.hpp - shared helpers for the host SDK tests: the plugin path, a fresh temporary
// directory per test, config texts, and a look at /proc/self/maps.
#pragma once

#include "../support/temp_dir.hpp"

#include <gtest/gtest.h>

#include "kam/host.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>

#ifndef KAM_PLUGIN_PATH
#error "the build passes KAM_PLUGIN_PATH, the path of the built libkam.so"
#endif

namespace kam::host_test {

inline const std::string kPluginPath = KAM_PLUGIN_PATH;

using kam::test::TempDir;

// Expects `call` to throw kam::host::Error with `status` and a non-empty message; returns it.
template <typename F>
kam::host::Error expect_error(kam_status status, F&& call) {
  try {
    call();
  } catch (const kam::host::Error& e) {
    EXPECT_EQ(e.status(), status) << e.what();
    EXPECT_FALSE(e.message().empty()) << e.what();
    return e;
  }
  ADD_FAILURE() << "no kam::host::Error thrown, expected status " << status;
  return kam::host::Error(KAM_OK, "KAM_OK", "");
}

// A valid config naming instance `name`, a SQLite database in `dir`, and the roles the tests use:
// kam.admin may do everything, erp.feed may only ingest.
inline std::string config_text(const std::filesystem::path& dir, const std::string& name = "alpha") {
  return "kam: 1\n"
         "instance:\n"
         "  name: " + name + "\n"
         "database:\n"
         "  url: sqlite:" + (dir / "kam.db").string() + "\n"
         "  synchronous: normal\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "    erp.feed: [ingest]\n";
}

// A config with one unknown key on line 4, column 1 (valid YAML, invalid config).
inline std::string bad_config_text(const std::filesystem::path& dir, const std::string& key = "no_such_key") {
  return "kam: 1\n"
         "database:\n"
         "  url: sqlite:" + (dir / "kam.db").string() + "\n" +
         key + ": 1\n";
}

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizerBuild = true;
#else
inline constexpr bool kSanitizerBuild = false;
#endif

// Lines of /proc/self/maps that map a file named like the plugin. In a sanitizer build, the
// sanitizer's symbolizer maps the file read-only to read its debug info after a report; those
// mappings (no execute bit) are ignored there, and only there.
inline std::string plugin_mappings(const std::string& plugin_path = kPluginPath) {
  const std::string name = std::filesystem::path(plugin_path).filename().string();
  std::ifstream maps("/proc/self/maps");
  std::string line, found;
  while (std::getline(maps, line)) {
    const auto slash = line.rfind('/');
    if (slash == std::string::npos || line.compare(slash + 1, std::string::npos, name) != 0) continue;
    std::istringstream fields(line);
    std::string range, perms;
    fields >> range >> perms;
    if (kSanitizerBuild && perms.find('x') == std::string::npos) continue;
    found += line + "\n";
  }
  return found;
}

// The first failures of threads, reported after they are joined (any count > 0 fails the test).
class Failures {
 public:
  void add(const std::string& what) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (++count_ <= 20) messages_ += what + "\n";
  }
  int count() const { return count_; }
  const std::string& messages() const { return messages_; }

 private:
  std::mutex mutex_;
  int count_ = 0;
  std::string messages_;
};

}  // namespace kam::host_test
