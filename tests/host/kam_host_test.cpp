// kam_host_test.cpp - the real libkam.so, loaded through the C++ host SDK (kam/host.hpp) and through
// the raw C table, as an ERP would: negotiation, instances, errors, refused structs, unloading.
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


// Raw-table helper: the status was an error and the thread's message is set.
void expect_refused(const kam_api_v1& api, kam_status status, const char* what) {
  EXPECT_NE(status, KAM_OK) << what;
  const char* message = api.last_error_message();
  ASSERT_NE(message, nullptr) << what;
  EXPECT_STRNE(message, "") << what;
  const char* name = api.status_name(status);
  ASSERT_NE(name, nullptr) << what;
  EXPECT_EQ(std::string(name).rfind("KAM_ERR_", 0), 0u) << what << ": " << name;
}

// The same, and the status is one of `allowed`.
void expect_refused(const kam_api_v1& api, kam_status status, const char* what,
                    std::initializer_list<kam_status> allowed) {
  expect_refused(api, status, what);
  EXPECT_NE(std::find(allowed.begin(), allowed.end(), status), allowed.end())
      << what << ": unexpected " << api.status_name(status);
}

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

const Actor kAdmin("admin-1", {"kam.admin"});
const Actor kFeed("feed-1", {"erp.feed"});

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
// Instances through the C++ wrapper
// ------------------------------------------------------------------------------------------------

class InstanceTest : public ::testing::Test {
 protected:
  TempDir dir;
  Plugin plugin = Plugin::load(kPluginPath);

  Instance make(const std::string& name = "alpha", kam::host::HostCallbacks callbacks = {}) {
    return Instance(plugin, ConfigSource::text(config_text(dir.path(), name), name + ".yaml"), std::move(callbacks));
  }
};

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

// ------------------------------------------------------------------------------------------------
// Bad calls through the raw table: an error status and a message, never a crash
// ------------------------------------------------------------------------------------------------

class BadCallTest : public InstanceTest {
 protected:
  const kam_api_v1& api = plugin.api();
  std::string text = config_text(dir.path());
  kam_config_source source = make_source();
  kam_instance_options options = make_options();
  kam_buffer buffer = make_buffer();

  kam_config_source make_source() {
    kam_config_source s{};
    s.struct_size = sizeof s;
    s.text = text.c_str();
    s.name = "test.yaml";
    return s;
  }
  kam_instance_options make_options() {
    kam_instance_options o{};
    o.struct_size = sizeof o;
    o.config = &source;
    return o;
  }
  static kam_buffer make_buffer() {
    kam_buffer b{};
    b.struct_size = sizeof b;
    return b;
  }
  // Creates an instance from `o`: returns the status, destroys the instance if one was made.
  kam_status create_with(const kam_instance_options* o) {
    kam_instance* instance = reinterpret_cast<kam_instance*>(&buffer);  // must be overwritten
    kam_status status = api.instance_create(o, &instance);
    if (status == KAM_OK) {
      EXPECT_NE(instance, nullptr);
      api.instance_destroy(instance);
    } else {
      EXPECT_EQ(instance, nullptr) << "out_instance is NULL on failure";
    }
    return status;
  }
};

// A copy of `value` in a buffer `extra` bytes larger, struct_size set to the larger size and the
// trailing bytes filled with `fill`.
template <typename T>
struct Larger {
  alignas(std::max_align_t) unsigned char bytes[sizeof(T) + 64];
  Larger(const T& value, std::size_t extra, unsigned char fill) {
    std::memset(bytes, fill, sizeof bytes);
    std::memcpy(bytes, &value, sizeof(T));
    const uint32_t size = static_cast<uint32_t>(sizeof(T) + extra);
    std::memcpy(bytes, &size, sizeof size);  // struct_size is the first member
  }
  T* get() { return reinterpret_cast<T*>(bytes); }
};

TEST_F(BadCallTest, NullInstance) {
  kam_audit_query query{};
  query.struct_size = sizeof query;
  int64_t ids[] = {1};
  uint32_t delivered = 0;
  expect_refused(api, api.instance_info(nullptr, &buffer), "instance_info(NULL)");
  expect_refused(api, api.config_reload(nullptr, kAdmin.get(), &source), "config_reload(NULL)");
  expect_refused(api, api.notifications_poll(nullptr, kAdmin.get(), 0, &buffer), "notifications_poll(NULL)");
  expect_refused(api, api.notifications_ack(nullptr, kAdmin.get(), ids, 1), "notifications_ack(NULL)");
  expect_refused(api, api.notifications_deliver(nullptr, 0, &delivered), "notifications_deliver(NULL)");
  expect_refused(api, api.audit_query(nullptr, kAdmin.get(), &query, &buffer), "audit_query(NULL)");
  kam_batch batch{};
  batch.struct_size = sizeof batch;
  expect_refused(api, api.ingest(nullptr, kFeed.get(), &batch, nullptr), "ingest(NULL)");
  EXPECT_EQ(buffer.data, nullptr);
  EXPECT_EQ(api.instance_info(nullptr, &buffer), KAM_ERR_INVALID_ARGUMENT);
}

TEST_F(BadCallTest, NullPointers) {
  kam_instance* instance = nullptr;
  expect_refused(api, api.instance_create(nullptr, &instance), "instance_create(NULL options)");
  EXPECT_EQ(instance, nullptr);
  expect_refused(api, api.instance_create(&options, nullptr), "instance_create(NULL out)");
  kam_instance_options no_config = options;
  no_config.config = nullptr;
  expect_refused(api, api.instance_create(&no_config, &instance), "instance_create(NULL config)");
  expect_refused(api, api.config_check(nullptr, &buffer), "config_check(NULL)");
  EXPECT_EQ(api.config_check(&source, nullptr), KAM_OK) << "summary is optional";
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "kam.db"));

  kam_config_source neither{};
  neither.struct_size = sizeof neither;
  expect_refused(api, api.config_check(&neither, nullptr), "config_check(no path, no text)");
  kam_config_source both = source;
  both.path = "/etc/kam/kam.yaml";
  expect_refused(api, api.config_check(&both, nullptr), "config_check(path and text)");

  Instance owner = make();
  kam_instance* inst = owner.handle();
  expect_refused(api, api.instance_info(inst, nullptr), "instance_info(NULL out)");
  expect_refused(api, api.config_reload(inst, nullptr, &source), "config_reload(NULL actor)");
  expect_refused(api, api.config_reload(inst, kAdmin.get(), nullptr), "config_reload(NULL source)");
  expect_refused(api, api.notifications_poll(inst, kAdmin.get(), 0, nullptr), "notifications_poll(NULL out)");
  expect_refused(api, api.notifications_ack(inst, kAdmin.get(), nullptr, 3), "notifications_ack(NULL ids, 3)");
  expect_refused(api, api.audit_query(inst, kAdmin.get(), nullptr, &buffer), "audit_query(NULL query)");
  expect_refused(api, api.ingest(inst, kFeed.get(), nullptr, nullptr), "ingest(NULL batch)");

  kam_actor empty_user = *kAdmin.get();
  empty_user.user_id = "";
  expect_refused(api, api.config_reload(inst, &empty_user, &source), "actor with empty user_id");
  kam_actor null_user = *kAdmin.get();
  null_user.user_id = nullptr;
  expect_refused(api, api.config_reload(inst, &null_user, &source), "actor with NULL user_id");
  kam_actor null_roles = *kAdmin.get();
  null_roles.roles = nullptr;
  expect_refused(api, api.config_reload(inst, &null_roles, &source), "role_count 1, roles NULL");
  const char* roles_with_null[] = {"kam.admin", nullptr};
  kam_actor null_role = *kAdmin.get();
  null_role.roles = roles_with_null;
  null_role.role_count = 2;
  expect_refused(api, api.config_reload(inst, &null_role, &source), "a NULL role");
  EXPECT_EQ(json::parse(owner.info()).at("config").at("version"), 1);
}

TEST_F(BadCallTest, StructSmallerThanOneZero) {
  for (uint32_t size : {0u, 4u, static_cast<uint32_t>(sizeof(kam_instance_options) - 1)}) {
    kam_instance_options small = options;
    small.struct_size = size;
    expect_refused(api, create_with(&small), "small kam_instance_options", {KAM_ERR_INVALID_ARGUMENT});
  }
  for (uint32_t size : {0u, 8u, static_cast<uint32_t>(sizeof(kam_config_source) - 8)}) {
    kam_config_source small = source;
    small.struct_size = size;
    expect_refused(api, api.config_check(&small, nullptr), "small kam_config_source", {KAM_ERR_INVALID_ARGUMENT});
  }
  kam_buffer small_buffer = make_buffer();
  small_buffer.struct_size = sizeof(kam_buffer) - 8;
  expect_refused(api, api.config_check(&source, &small_buffer), "small kam_buffer", {KAM_ERR_INVALID_ARGUMENT});
  EXPECT_EQ(small_buffer.data, nullptr);

  kam_host host{};
  host.struct_size = 8;
  kam_instance_options with_host = options;
  with_host.host = &host;
  expect_refused(api, create_with(&with_host), "small kam_host", {KAM_ERR_INVALID_ARGUMENT});

  Instance owner = make();
  kam_actor small_actor = *kAdmin.get();
  small_actor.struct_size = sizeof(kam_actor) - 8;
  expect_refused(api, api.config_reload(owner.handle(), &small_actor, &source), "small kam_actor", {KAM_ERR_INVALID_ARGUMENT});
  kam_audit_query query{};
  query.struct_size = 4;
  expect_refused(api, api.audit_query(owner.handle(), kAdmin.get(), &query, &buffer), "small kam_audit_query", {KAM_ERR_INVALID_ARGUMENT});
  EXPECT_EQ(json::parse(owner.info()).at("config").at("version"), 1);
}

// kam.h does not name the status for a struct from a newer host with members set that this plugin does
// not know; the plugin answers KAM_ERR_UNSUPPORTED ("needs something this plugin does not have").
// KAM_ERR_VERSION ("struct version cannot be served") would fit the header's words too.
constexpr std::initializer_list<kam_status> kNewerStruct = {KAM_ERR_UNSUPPORTED, KAM_ERR_VERSION};

TEST_F(BadCallTest, LargerStructNeedsZeroTrailingBytes) {
  for (std::size_t extra : {8u, 40u}) {
    SCOPED_TRACE("extra bytes: " + std::to_string(extra));
    // kam_instance_options
    Larger<kam_instance_options> bad_options(options, extra, 0x5a);
    expect_refused(api, create_with(bad_options.get()), "kam_instance_options with non-zero tail", kNewerStruct);
    Larger<kam_instance_options> good_options(options, extra, 0);
    EXPECT_EQ(create_with(good_options.get()), KAM_OK) << api.last_error_message();

    // kam_config_source (inside options, and to config_check)
    Larger<kam_config_source> bad_source(source, extra, 1);
    expect_refused(api, api.config_check(bad_source.get(), nullptr), "kam_config_source with non-zero tail", kNewerStruct);
    kam_instance_options o = options;
    o.config = bad_source.get();
    expect_refused(api, create_with(&o), "options -> kam_config_source with non-zero tail", kNewerStruct);
    Larger<kam_config_source> good_source(source, extra, 0);
    EXPECT_EQ(api.config_check(good_source.get(), nullptr), KAM_OK) << api.last_error_message();

    // kam_host
    kam_host host{};
    host.struct_size = sizeof host;
    Larger<kam_host> bad_host(host, extra, 0xff);
    o = options;
    o.host = bad_host.get();
    expect_refused(api, create_with(&o), "kam_host with non-zero tail", kNewerStruct);
    Larger<kam_host> good_host(host, extra, 0);
    o.host = good_host.get();
    EXPECT_EQ(create_with(&o), KAM_OK) << api.last_error_message();

    // kam_buffer
    Larger<kam_buffer> bad_buffer(make_buffer(), extra, 7);
    expect_refused(api, api.config_check(&source, bad_buffer.get()), "kam_buffer with non-zero tail", kNewerStruct);
    Larger<kam_buffer> good_buffer(make_buffer(), extra, 0);
    EXPECT_EQ(api.config_check(&source, good_buffer.get()), KAM_OK) << api.last_error_message();
    EXPECT_NE(good_buffer.get()->data, nullptr);
    EXPECT_EQ(api.buffer_free(good_buffer.get()), KAM_OK);

    // kam_actor and kam_audit_query, on an instance
    Instance owner = make();
    Larger<kam_actor> bad_actor(*kAdmin.get(), extra, 0x80);
    expect_refused(api, api.config_reload(owner.handle(), bad_actor.get(), &source), "kam_actor with non-zero tail", kNewerStruct);
    Larger<kam_actor> good_actor(*kAdmin.get(), extra, 0);
    EXPECT_EQ(api.config_reload(owner.handle(), good_actor.get(), &source), KAM_OK) << api.last_error_message();
    kam_audit_query query{};
    query.struct_size = sizeof query;
    Larger<kam_audit_query> bad_query(query, extra, 3);
    kam::host::Buffer out = plugin.new_buffer();
    expect_refused(api, api.audit_query(owner.handle(), kAdmin.get(), bad_query.get(), out.get()),
                   "kam_audit_query with non-zero tail");
    Larger<kam_audit_query> good_query(query, extra, 0);
    EXPECT_EQ(api.audit_query(owner.handle(), kAdmin.get(), good_query.get(), out.get()), KAM_OK)
        << api.last_error_message();
    EXPECT_EQ(out.view().substr(0, 1), "[");
  }
}

TEST_F(BadCallTest, ReservedMembersAndFlagsMustBeZero) {
  kam_instance_options flagged = options;
  flagged.flags = 1;
  expect_refused(api, create_with(&flagged), "options.flags = 1", {KAM_ERR_INVALID_ARGUMENT, KAM_ERR_UNSUPPORTED});
  kam_config_source reserved = source;
  reserved.reserved0 = 1;
  expect_refused(api, api.config_check(&reserved, nullptr), "config_source.reserved0 = 1", {KAM_ERR_INVALID_ARGUMENT});
  kam_buffer reserved_buffer = make_buffer();
  reserved_buffer.reserved0 = 1;
  expect_refused(api, api.config_check(&source, &reserved_buffer), "buffer.reserved0 = 1", {KAM_ERR_INVALID_ARGUMENT});
  kam_host host{};
  host.struct_size = sizeof host;
  host.reserved0 = 1;
  kam_instance_options o = options;
  o.host = &host;
  expect_refused(api, create_with(&o), "host.reserved0 = 1", {KAM_ERR_INVALID_ARGUMENT});
}

TEST_F(BadCallTest, FilledBufferDoesNotCrash) {
  ASSERT_EQ(api.config_check(&source, &buffer), KAM_OK);
  char* first = buffer.data;
  // Passing a buffer that still holds data must not leak or clobber it silently.
  kam_status status = api.config_check(&source, &buffer);
  if (status != KAM_OK) {
    expect_refused(api, status, "config_check into a filled buffer", {KAM_ERR_INVALID_ARGUMENT});
    EXPECT_EQ(buffer.data, first) << "a refused call must leave the host's buffer alone";
  }
  EXPECT_EQ(api.buffer_free(&buffer), KAM_OK);
  EXPECT_EQ(buffer.data, nullptr);
  EXPECT_EQ(buffer.length, 0u);
}

TEST_F(BadCallTest, StatusNamesAndEmptyMessage) {
  EXPECT_STREQ(api.status_name(KAM_OK), "KAM_OK");
  EXPECT_STREQ(api.status_name(KAM_ERR_INTERNAL), "KAM_ERR_INTERNAL");
  EXPECT_NE(api.status_name(12345), nullptr);
  EXPECT_NE(api.status_name(-1), nullptr);
  EXPECT_NE(api.last_error_message(), nullptr);
  EXPECT_EQ(api.get_extension(nullptr), nullptr);
  EXPECT_EQ(api.get_extension("\xff"), nullptr);
  EXPECT_EQ(api.buffer_free(nullptr), KAM_OK);
  EXPECT_EQ(api.instance_destroy(nullptr), KAM_OK);
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
