// kam_load_test.cpp - the real libkam.so loaded through the C++ host SDK (kam/host.hpp) and through
// dlopen and the raw entry point, as an ERP would: version negotiation, load errors, and unloading.
#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "host_test_support.hpp"
#include "instance_fixture.hpp"
#include "kam/host.hpp"

namespace {

using kam::host::Actor;
using kam::host::ConfigSource;
using kam::host::Error;
using kam::host::Instance;
using kam::host::Plugin;
using kam::host_test::bad_config_text;
using kam::host_test::config_text;
using kam::host_test::expect_error;
using kam::host_test::kPluginPath;
using kam::host_test::TempDir;
using json = nlohmann::json;
using kam::host_test::expect_refused;
using kam::host_test::InstanceTest;
using kam::host_test::kAdmin;
using kam::host_test::kFeed;

// The raw kam_get_api of a dlopen()ed plugin.
struct RawPlugin {
  void* handle = nullptr;
  kam_get_api_fn get_api = nullptr;
  RawPlugin() {
    handle = dlopen(kPluginPath.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) throw std::runtime_error(dlerror());
    void* sym = dlsym(handle, KAM_ENTRY_SYMBOL);
    if (sym == nullptr) throw std::runtime_error("no " KAM_ENTRY_SYMBOL);
    std::memcpy(&get_api, &sym, sizeof get_api);
  }
  ~RawPlugin() { dlclose(handle); }
  RawPlugin(const RawPlugin&) = delete;
  RawPlugin& operator=(const RawPlugin&) = delete;
};

// True when `text` names version `major` as a number of its own ("major version 2"), not as a part of
// a dotted version ("0.1.0") or of another number.
bool names_version(const std::string& text, uint32_t major) {
  return std::regex_search(text, std::regex("(^|[^0-9.])" + std::to_string(major) + "([^0-9.]|[.]([^0-9]|$)|$)"));
}

// ------------------------------------------------------------------------------------------------
// Loading and version negotiation
// ------------------------------------------------------------------------------------------------

TEST(Load, NegotiatesMajorOne) {
  Plugin plugin = Plugin::load(kPluginPath);
  EXPECT_EQ(plugin.abi_major(), 1u);
  EXPECT_GE(plugin.abi_minor(), static_cast<uint32_t>(KAM_ABI_VERSION_MINOR));
  EXPECT_FALSE(plugin.plugin_version().empty());
  EXPECT_GE(plugin.api().struct_size, kam::host::kApiV1_0Size);
  EXPECT_TRUE(KAM_API_HAS(&plugin.api(), audit_query));
  EXPECT_EQ(plugin.status_name(KAM_ERR_CONFIG), "KAM_ERR_CONFIG");
  EXPECT_EQ(plugin.get_extension("kam.no-such-extension/1"), nullptr);
  EXPECT_STREQ(plugin.api().last_error_message(), plugin.api().last_error_message());
}

TEST(Load, MissingFileIsALoadError) {
  Error e = expect_error(kam::host::kErrLoad, [] { Plugin::load("/nonexistent/dir/libkam.so"); });
  EXPECT_NE(e.message().find("/nonexistent/dir/libkam.so"), std::string::npos) << e.what();
  EXPECT_EQ(e.status_name(), "KAMHOST_ERR_LOAD");
}

TEST(Load, BareNameMeansWorkingDirectory) {
  const auto cwd = std::filesystem::current_path();
  const auto dir = std::filesystem::path(kPluginPath).parent_path();
  const std::string name = std::filesystem::path(kPluginPath).filename().string();
  {
    TempDir empty;
    std::filesystem::current_path(empty.path());
    expect_error(kam::host::kErrLoad, [&] { Plugin::load(name); });
    std::filesystem::current_path(dir);
    EXPECT_NO_THROW(Plugin::load(name));
    std::filesystem::current_path(cwd);
  }
}

TEST(Load, RequiredMinorNewerThanPluginIsRefused) {
  kam::host::LoadOptions options;
  options.required_minor = 1000;
  Error e = expect_error(KAM_ERR_VERSION, [&] { Plugin::load(kPluginPath, options); });
  EXPECT_NE(e.message().find("1.1000"), std::string::npos) << e.what();
}

TEST(Load, WrongMajorRefusedNamingBothVersions) {
  RawPlugin raw;
  for (uint32_t major : {0u, 2u, 99u}) {
    char reason[256];
    std::memset(reason, 'x', sizeof reason);
    EXPECT_EQ(raw.get_api(major, reason, sizeof reason), nullptr) << major;
    ASSERT_NE(std::memchr(reason, '\0', sizeof reason), nullptr) << "not NUL-terminated";
    const std::string why = reason;
    EXPECT_TRUE(names_version(why, major)) << "does not name the host's major: " << why;
    EXPECT_TRUE(names_version(why, KAM_ABI_VERSION_MAJOR)) << "does not name the plugin's major: " << why;
    // No buffer, and a buffer too small for the whole reason: refused, truncated, NUL-terminated.
    EXPECT_EQ(raw.get_api(major, nullptr, 0), nullptr);
    char tiny[8];
    std::memset(tiny, 'x', sizeof tiny);
    EXPECT_EQ(raw.get_api(major, tiny, sizeof tiny), nullptr);
    EXPECT_NE(std::memchr(tiny, '\0', sizeof tiny), nullptr) << "truncated reason not NUL-terminated";
  }
  char reason[256] = "";
  const kam_api_v1* api = raw.get_api(KAM_ABI_VERSION_MAJOR, reason, sizeof reason);
  ASSERT_NE(api, nullptr) << reason;
  EXPECT_EQ(api->abi_major, 1u);
}

TEST(Load, WrongMajorRefusedThroughBoostDll) {
  namespace mode = boost::dll::load_mode;
  boost::dll::shared_library lib(kPluginPath, mode::rtld_now | mode::rtld_local);
  auto& get_api = lib.get<kam::host::kam_get_api_fn_type>(KAM_ENTRY_SYMBOL);
  char reason[256] = "";
  EXPECT_EQ(get_api(2, reason, sizeof reason), nullptr);
  EXPECT_TRUE(names_version(reason, 2)) << reason;
  EXPECT_TRUE(names_version(reason, KAM_ABI_VERSION_MAJOR)) << reason;
}


// ------------------------------------------------------------------------------------------------
// Unloading: nothing of the plugin outlives the last reference
// ------------------------------------------------------------------------------------------------

TEST(Unload, LoadUnloadLoopLeavesNothingMapped) {
  TempDir dir;
  const std::string text = config_text(dir.path(), "loop");
  ASSERT_TRUE(kam::host_test::plugin_mappings().empty())
      << "mapped before the loop (an earlier test leaked a reference):\n" << kam::host_test::plugin_mappings();
  for (int i = 0; i < 200; ++i) {
    Plugin plugin = Plugin::load(kPluginPath);
    Instance instance(plugin, ConfigSource::text(text));
    ASSERT_FALSE(instance.info().empty());
    if (i == 0) {
      ASSERT_FALSE(kam::host_test::plugin_mappings().empty());
    }
  }
  EXPECT_EQ(kam::host_test::plugin_mappings(), "") << "libkam.so is still mapped after 200 Boost.DLL loads";
  for (int i = 0; i < 50; ++i) {
    RawPlugin raw;
    char reason[128];
    const kam_api_v1* api = raw.get_api(KAM_ABI_VERSION_MAJOR, reason, sizeof reason);
    ASSERT_NE(api, nullptr) << reason;
    kam_config_source source{};
    source.struct_size = sizeof source;
    source.text = text.c_str();
    kam_instance_options options{};
    options.struct_size = sizeof options;
    options.config = &source;
    kam_instance* instance = nullptr;
    ASSERT_EQ(api->instance_create(&options, &instance), KAM_OK) << api->last_error_message();
    ASSERT_EQ(api->instance_destroy(instance), KAM_OK);
  }
  EXPECT_EQ(kam::host_test::plugin_mappings(), "") << "libkam.so is still mapped after 50 dlopen/dlclose";
  // The dynamic loader agrees: the library is not loaded any more.
  void* still = dlopen(kPluginPath.c_str(), RTLD_NOW | RTLD_NOLOAD);
  EXPECT_EQ(still, nullptr) << "dlopen(RTLD_NOLOAD) finds libkam.so still loaded";
  if (still != nullptr) dlclose(still);
}

}  // namespace
