// kam_host_test.cpp - instances of the real libkam.so through the C++ host SDK (kam/host.hpp), as an
// ERP would use them: create, info, config check and reload, actors and roles, the host clock,
// ingest, invalid UTF-8, and the lifetime of what came from the plugin.
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

// ------------------------------------------------------------------------------------------------
// Instances through the C++ wrapper
// ------------------------------------------------------------------------------------------------

TEST_F(InstanceTest, CreateInfoDestroy) {
  json info;
  {
    Instance instance = make();
    info = json::parse(instance.info());
  }
  EXPECT_EQ(info.at("plugin_version"), plugin.plugin_version());
  EXPECT_EQ(info.at("abi").at("major"), 1);
  EXPECT_EQ(info.at("abi").at("minor"), plugin.abi_minor());
  const json& config = info.at("config");
  EXPECT_EQ(config.at("version"), 1);
  EXPECT_TRUE(config.at("hash").is_string());
  EXPECT_FALSE(config.at("hash").get<std::string>().empty());
  EXPECT_EQ(config.at("instance_name"), "alpha");
  EXPECT_TRUE(config.at("summary").is_string());
  EXPECT_EQ(info.at("database").at("kind"), "sqlite");
  EXPECT_GE(info.at("database").at("schema_version").get<int>(), 1);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "kam.db"));
}

TEST_F(InstanceTest, CreateFromFile) {
  const std::string path = dir.write("kam.yaml", config_text(dir.path(), "from-file"));
  Instance instance(plugin, ConfigSource::file(path));
  EXPECT_EQ(json::parse(instance.info()).at("config").at("instance_name"), "from-file");
}

TEST_F(InstanceTest, CheckConfigOpensNoDatabase) {
  const std::string summary = plugin.check_config(ConfigSource::text(config_text(dir.path(), "checked")));
  EXPECT_NE(summary.find("checked"), std::string::npos) << summary;
  EXPECT_EQ(summary.find('\n'), std::string::npos) << "summary is one line: " << summary;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "kam.db"));
  Error e = expect_error(KAM_ERR_CONFIG, [&] { plugin.check_config(ConfigSource::text(bad_config_text(dir.path()), "bad.yaml")); });
  EXPECT_NE(e.message().find("bad.yaml:4:1"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("config_check"), std::string::npos) << e.what();
}

TEST_F(InstanceTest, ReloadReplacesConfigAndCountsVersions) {
  Instance instance = make("alpha");
  const json before = json::parse(instance.info()).at("config");
  instance.reload_config(kAdmin, ConfigSource::text(config_text(dir.path(), "beta"), "beta.yaml"));
  const json after = json::parse(instance.info()).at("config");
  EXPECT_EQ(after.at("instance_name"), "beta");
  EXPECT_EQ(after.at("version"), before.at("version").get<int>() + 1);
  EXPECT_NE(after.at("hash"), before.at("hash"));
}

TEST_F(InstanceTest, ReloadWithBadConfigKeepsTheOldOne) {
  Instance instance = make("alpha");
  const json before = json::parse(instance.info());
  Error e = expect_error(KAM_ERR_CONFIG, [&] {
    instance.reload_config(kAdmin, ConfigSource::text(bad_config_text(dir.path()), "bad.yaml"));
  });
  EXPECT_TRUE(std::regex_search(e.message(), std::regex(R"(bad\.yaml:4:1: )"))) << e.message();
  const json after = json::parse(instance.info());
  EXPECT_EQ(after.at("config"), before.at("config"));
  EXPECT_EQ(after.at("database"), before.at("database"));
  // The same with a file that does not exist.
  expect_error(KAM_ERR_CONFIG, [&] { instance.reload_config(kAdmin, ConfigSource::file(dir.file("missing.yaml"))); });
  EXPECT_EQ(json::parse(instance.info()).at("config"), before.at("config"));
}

TEST_F(InstanceTest, ReloadToAnotherDatabaseIsUnsupported) {
  Instance instance = make("alpha");
  TempDir other;
  expect_error(KAM_ERR_UNSUPPORTED, [&] {
    instance.reload_config(kAdmin, ConfigSource::text(config_text(other.path(), "alpha"), "other.yaml"));
  });
  EXPECT_EQ(json::parse(instance.info()).at("config").at("version"), 1);
}

TEST_F(InstanceTest, ActorWithoutTheRoleIsRefused) {
  Instance instance = make("alpha");
  const ConfigSource beta = ConfigSource::text(config_text(dir.path(), "beta"));
  for (const Actor& actor : {kFeed, Actor("nobody"), Actor("stranger", {"no.such.role", "kam.Admin"})}) {
    Error e = expect_error(KAM_ERR_PERMISSION, [&] { instance.reload_config(actor, beta); });
    EXPECT_NE(e.message().find("config.reload"), std::string::npos) << e.message();
    expect_error(KAM_ERR_PERMISSION, [&] { instance.audit_query(actor); });
    expect_error(KAM_ERR_PERMISSION, [&] { instance.notifications_poll(actor); });
    expect_error(KAM_ERR_PERMISSION, [&] { instance.notifications_ack(actor, {1, 2}); });
  }
  EXPECT_EQ(json::parse(instance.info()).at("config").at("instance_name"), "alpha");
}

TEST_F(InstanceTest, CallbacksAndAuditUseTheHostClock) {
  constexpr int64_t kNow = 1'700'000'000'123;
  std::vector<std::string> lines;
  kam::host::HostCallbacks callbacks;
  callbacks.now_ms = [] { return kNow; };
  callbacks.log = [&lines](kam_log_level, std::string_view message) { lines.emplace_back(message); };
  Instance instance = make("alpha", callbacks);
  instance.reload_config(kAdmin, ConfigSource::text(config_text(dir.path(), "beta")));
  kam::host::AuditQuery query;
  query.entity_type = "config";
  const json audit = json::parse(instance.audit_query(kAdmin, query));
  ASSERT_TRUE(audit.is_array());
  ASSERT_FALSE(audit.empty()) << "the reload is audited";
  EXPECT_EQ(audit.at(0).at("user_id"), "admin-1");
  EXPECT_EQ(audit.at(0).at("at_ms"), kNow);
  EXPECT_EQ(json::parse(instance.notifications_poll(kAdmin)), json::array());
  EXPECT_NO_THROW(instance.notifications_ack(kAdmin, {}));
}

TEST_F(InstanceTest, DeliverWithoutNotifyIsUnsupported) {
  Instance instance = make();
  expect_error(KAM_ERR_UNSUPPORTED, [&] { instance.notifications_deliver(); });
  kam::host::HostCallbacks callbacks;
  callbacks.notify = [](const kam_notification&) -> kam_status { throw std::runtime_error("host bug"); };
  Instance with_notify = make("alpha", callbacks);
  EXPECT_EQ(with_notify.notifications_deliver(), 0u);
}

TEST_F(InstanceTest, IngestPassesThrough) {
  Instance instance = make();
  kam_event_account account{};
  account.header.struct_size = sizeof account;
  account.header.kind = KAM_EVENT_ACCOUNT_UPSERTED;
  account.header.event_id = "acc-1";
  account.header.occurred_at_ms = 1'700'000'000'000;
  account.account_id = "C-1";
  account.name = "Acme GmbH";
  const kam_event_header* events[] = {&account.header};
  kam_batch batch{};
  batch.struct_size = sizeof batch;
  batch.events = events;
  batch.event_count = 1;
  batch.source = "test";
  kam_batch_summary summary{};
  summary.struct_size = sizeof summary;
  instance.ingest(kFeed, batch, &summary);
  EXPECT_EQ(summary.accepted, 1u);
  instance.ingest(kFeed, batch, &summary);
  EXPECT_EQ(summary.duplicates, 1u);
  expect_error(KAM_ERR_PERMISSION, [&] { instance.ingest(Actor("nobody"), batch); });
}

TEST_F(InstanceTest, InvalidUtf8IsAnInvalidArgument) {
  const std::string bad_text = "kam: 1\ninstance:\n  name: caf\xe9\n";  // Latin-1, not UTF-8
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { plugin.check_config(ConfigSource::text(bad_text)); });
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { Instance refused(plugin, ConfigSource::text(bad_text)); });
  expect_error(KAM_ERR_INVALID_ARGUMENT,
               [&] { plugin.check_config(ConfigSource::text(config_text(dir.path()), "n\xc3\x28.yaml")); });
  Instance instance = make();
  const ConfigSource beta = ConfigSource::text(config_text(dir.path(), "beta"));
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { instance.reload_config(Actor("admin\xc3\x28", {"kam.admin"}), beta); });
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { instance.reload_config(Actor("admin", {"kam.admin", "\xff"}), beta); });
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { instance.reload_config(kAdmin, ConfigSource::text(bad_text)); });
  // Overlong encoding and a UTF-16 surrogate are not UTF-8 either.
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { instance.reload_config(Actor("\xc0\xaf", {"kam.admin"}), beta); });
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { instance.reload_config(Actor("\xed\xa0\x80", {"kam.admin"}), beta); });
  EXPECT_EQ(json::parse(instance.info()).at("config").at("instance_name"), "alpha");
  // Valid multi-byte UTF-8 is fine.
  EXPECT_NO_THROW(instance.reload_config(Actor("张伟", {"kam.admin"}), beta));
}

TEST(Lifetime, ObjectsKeepTheLibraryLoaded) {
  TempDir dir;
  std::optional<Instance> instance;
  std::optional<kam::host::Buffer> buffer;
  {
    Plugin local = Plugin::load(kPluginPath);
    instance.emplace(local, ConfigSource::text(config_text(dir.path())));
    buffer.emplace(local.new_buffer());
  }
  // Only the Instance and the Buffer hold the library now.
  ASSERT_FALSE(kam::host_test::plugin_mappings().empty());
  ASSERT_EQ(instance->api().instance_info(instance->handle(), buffer->get()), KAM_OK);
  EXPECT_EQ(buffer->view().substr(0, 1), "{");
  kam::host::Buffer moved = std::move(*buffer);
  buffer.reset();
  EXPECT_EQ(json::parse(moved.str()).at("config").at("version"), 1);
  moved.reset();
  EXPECT_TRUE(moved.empty());
  EXPECT_EQ(moved.str(), "");
  EXPECT_NO_THROW(instance->info());
  instance.reset();  // the Buffer still holds the library; the instance is gone
  ASSERT_FALSE(kam::host_test::plugin_mappings().empty());
  {
    kam::host::Buffer last = std::move(moved);
  }
  EXPECT_EQ(kam::host_test::plugin_mappings(), "") << "unloaded when the last object is gone";
}

TEST(ActorTest, CopiesAndMovesKeepPointersValid) {
  Actor a("user-with-a-long-id-beyond-small-string-optimisation", {"r1", "a-long-role-name-beyond-sso-xxxxxxx"});
  Actor b = a;
  Actor c = std::move(a);
  Actor d("x");
  d = c;
  Actor e("y");
  e = std::move(b);
  for (const Actor* x : {&c, &d, &e}) {
    const kam_actor* k = x->get();
    EXPECT_EQ(k->struct_size, sizeof(kam_actor));
    ASSERT_EQ(k->role_count, 2u);
    EXPECT_STREQ(k->user_id, "user-with-a-long-id-beyond-small-string-optimisation");
    EXPECT_STREQ(k->roles[0], "r1");
    EXPECT_STREQ(k->roles[1], "a-long-role-name-beyond-sso-xxxxxxx");
  }
  EXPECT_EQ(Actor("solo").get()->roles, nullptr);
}

}  // namespace
