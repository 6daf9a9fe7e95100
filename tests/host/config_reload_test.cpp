// config_reload_test.cpp - config_reload through the real libkam.so: a change the running store
// cannot take names its key (KAM_ERR_UNSUPPORTED), a file that grants config.reload to nobody is
// refused (KAM_ERR_CONFIG) and the old config keeps serving; config_check refuses what
// instance_create refuses; and no URL with a password reaches check-config or instance_info.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "host_test_support.hpp"
#include "kam/host.hpp"

namespace {

using kam::host::Actor;
using kam::host::ConfigSource;
using kam::host::Instance;
using kam::host::Plugin;
using kam::host_test::config_text;
using kam::host_test::expect_error;
using kam::host_test::kPluginPath;
using kam::host_test::TempDir;
using json = nlohmann::json;

const Actor kAdmin("admin-1", {"kam.admin"});

class ConfigReloadTest : public ::testing::Test {
 protected:
  TempDir dir;
  Plugin plugin = Plugin::load(kPluginPath);
  Instance instance{plugin, ConfigSource::text(config_text(dir.path()), "alpha.yaml")};

  int version() { return json::parse(instance.info()).at("config").at("version").get<int>(); }
};

// config_text() with one line replaced.
std::string edited(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST_F(ConfigReloadTest, OnlySynchronousChangedNamesTheKey) {
  const std::string next = edited(config_text(dir.path()), "synchronous: normal", "synchronous: full");
  auto e = expect_error(KAM_ERR_UNSUPPORTED, [&] { instance.reload_config(kAdmin, ConfigSource::text(next, "next.yaml")); });
  EXPECT_NE(e.message().find("changes database.synchronous (normal to full)"), std::string::npos) << e.message();
  EXPECT_EQ(e.message().find(" vs "), std::string::npos) << e.message();
  EXPECT_EQ(version(), 1);
}

TEST_F(ConfigReloadTest, RemovingEveryRoleThatMayReloadIsRefused) {
  const std::string next = edited(config_text(dir.path(), "beta"), "kam.admin: [\"*\"]", "kam.admin: [audit.read]");
  auto e = expect_error(KAM_ERR_CONFIG, [&] { instance.reload_config(kAdmin, ConfigSource::text(next, "next.yaml")); });
  EXPECT_NE(e.message().find("next.yaml: access.roles grants config.reload to no role"), std::string::npos)
      << e.message();
  EXPECT_EQ(version(), 1);
  // The admin can still reload: a file that keeps the permission in one role is taken.
  const std::string keeps = edited(next, "erp.feed: [ingest]", "erp.feed: [ingest]\n    kam.ops: [config.reload]");
  instance.reload_config(kAdmin, ConfigSource::text(keeps, "keeps.yaml"));
  EXPECT_EQ(version(), 2);
}

TEST_F(ConfigReloadTest, CheckRefusesWhatCreateRefuses) {
  for (const std::string url : {"sqlite::memory:", "sqlite:file:kam.db?vfs=unix-none", "sqlite:../../escape/kam.db"}) {
    const std::string text = "kam: 1\ninstance:\n  data_dir: " + dir.path().string() + "\ndatabase:\n  url: \"" + url + "\"\n";
    auto e = expect_error(KAM_ERR_CONFIG, [&] { plugin.check_config(ConfigSource::text(text, "k.yaml")); });
    EXPECT_NE(e.message().find("k.yaml:5:8: database.url: "), std::string::npos) << e.message();
    expect_error(KAM_ERR_CONFIG, [&] { Instance(plugin, ConfigSource::text(text, "k.yaml")); });
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path().parent_path().parent_path() / "escape"));
}

TEST_F(ConfigReloadTest, PasswordSpellingsNeverReachCheckConfig) {
  for (const std::string url : {"postgresql://u?x:Hunter2@db/kam", "postgresql://kam@db/kam?pass%77ord=Hunter2"}) {
    auto e = expect_error(KAM_ERR_CONFIG, [&] {
      plugin.check_config(ConfigSource::text("kam: 1\ndatabase:\n  url: \"" + url + "\"\n", "k.yaml"));
    });
    EXPECT_NE(e.message().find("must not contain a password"), std::string::npos) << e.message();
    EXPECT_EQ(std::string(e.what()).find("Hunter2"), std::string::npos) << e.what();
  }
}

}  // namespace
