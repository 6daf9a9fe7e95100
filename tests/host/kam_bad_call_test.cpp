// kam_bad_call_test.cpp - bad calls through the raw C table of the real libkam.so: NULLs, structs
// smaller than 1.0 or larger with unknown members set, reserved members, filled buffers. Each is an
// error status with a message, never a crash.
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

}  // namespace
