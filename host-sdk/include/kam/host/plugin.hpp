// kam/host/plugin.hpp - kam::host::Plugin: loads libkam.so with Boost.DLL, negotiates ABI major
// KAM_ABI_VERSION_MAJOR and checks the function table before anything else is called. Part of
// kam/host.hpp (include that).
#ifndef KAM_HOST_PLUGIN_HPP
#define KAM_HOST_PLUGIN_HPP

#include <kam/host/buffer.hpp>
#include <kam/host/callbacks.hpp>
#include <kam/host/config_source.hpp>
#include <kam/host/error.hpp>
#include <kam/host/library.hpp>
#include <kam/kam.h>

#include <boost/dll/shared_library.hpp>
#include <boost/dll/shared_library_load_mode.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace kam::host {

// The entry point's function type (not a pointer type), as boost::dll::shared_library::get wants it.
using kam_get_api_fn_type = std::remove_pointer_t<kam_get_api_fn>;

// Size of the ABI 1.0 function table: every plugin of major 1 has at least this much.
inline constexpr std::size_t kApiV1_0Size = offsetof(kam_api_v1, audit_query) + sizeof(void (*)());
// Size of the ABI 1.1 function table (account tiers): a plugin of minor >= 1 has at least this much.
inline constexpr std::size_t kApiV1_1Size = offsetof(kam_api_v1, tick) + sizeof(void (*)());
// Sizes of the 1.2 table (tiers_list) and the 1.3 table (the complaints getter).
inline constexpr std::size_t kApiV1_2Size = offsetof(kam_api_v1, tiers_list) + sizeof(void (*)());
inline constexpr std::size_t kApiV1_3Size = offsetof(kam_api_v1, complaints) + sizeof(void (*)());

// How Plugin::load loads the library.
struct LoadOptions {
  // A bare file name ("libkam.so") is loaded from the working directory ("./libkam.so") unless this is
  // set, in which case the dynamic loader's usual search (LD_LIBRARY_PATH, ld.so.cache, ...) is used.
  bool search_system_folders = false;
  // Refuse a plugin whose ABI minor is older than this (the host needs members added in that minor).
  // With 1 or more, a plugin that claims the minor but lacks one of its functions is refused too
  // (kErrBadTable). Without it, calls a plugin does not have throw KAM_ERR_UNSUPPORTED when made.
  uint32_t required_minor = 0;
};

class Instance;

// A loaded plugin with its negotiated ABI 1.x function table. Cheap to copy (shared ownership of the
// library). [thread-safe]
class Plugin {
 public:
  // Load the library at `path`, negotiate ABI major KAM_ABI_VERSION_MAJOR and check the table.
  // Throws Error: kErrLoad (cannot load, no kam_get_api), KAM_ERR_VERSION (the plugin refuses this
  // major or is older than required_minor; the message names both versions), kErrBadTable.
  static Plugin load(const std::string& path, LoadOptions options = {}) {
    namespace mode = boost::dll::load_mode;
    auto lib = std::make_shared<detail::Library>();
    lib->path = path;
    mode::type flags = mode::rtld_now | mode::rtld_local;
    if (options.search_system_folders) flags = flags | mode::search_system_folders;
    kam_get_api_fn_type* entry = nullptr;
    try {
      lib->lib.load(boost::dll::fs::path(path), flags);
      entry = &lib->lib.get<kam_get_api_fn_type>(KAM_ENTRY_SYMBOL);
    } catch (const std::exception& e) {
      throw Error(kErrLoad, builtin_status_name(kErrLoad), "cannot load plugin '" + path + "': " + e.what(),
                  "load");
    }
    char reason[512] = {0};
    const kam_api_v1* api = entry(KAM_ABI_VERSION_MAJOR, reason, sizeof reason);
    if (api == nullptr) {
      reason[sizeof reason - 1] = '\0';
      std::string why = reason[0] ? reason
                                  : "plugin '" + path + "' does not serve ABI major " +
                                        std::to_string(KAM_ABI_VERSION_MAJOR) + " (no reason given)";
      throw Error(KAM_ERR_VERSION, builtin_status_name(KAM_ERR_VERSION), why, "kam_get_api");
    }
    validate_table(*api, path, options);
    lib->api = api;
    return Plugin(std::move(lib));
  }

  const kam_api_v1& api() const noexcept { return *lib_->api; }
  uint32_t abi_major() const noexcept { return lib_->api->abi_major; }
  uint32_t abi_minor() const noexcept { return lib_->api->abi_minor; }
  std::string plugin_version() const { return lib_->api->plugin_version ? lib_->api->plugin_version : ""; }
  const std::string& path() const noexcept { return lib_->path; }

  // The plugin's name for a status ("KAM_ERR_CONFIG").
  std::string status_name(kam_status status) const {
    if (status < 0) return builtin_status_name(status);
    const char* n = lib_->api->status_name(status);
    return n ? n : builtin_status_name(status);
  }

  // An optional capability ("kam.reports/1"), or nullptr. The pointer is valid while any object from
  // this plugin lives (keep a Plugin copy next to it).
  const void* get_extension(const std::string& id) const { return lib_->api->get_extension(id.c_str()); }

  // Validate a config without creating an instance or touching a database. Returns the one-line
  // summary. Throws Error (KAM_ERR_CONFIG: message() has one "file:line:column: message" per line).
  std::string check_config(const ConfigSource& source) const {
    Buffer summary = new_buffer();
    detail::check(api(), api().config_check(source.get(), summary.get()), "config_check");
    return summary.str();
  }

  // An empty Buffer bound to this plugin, for calling table functions directly.
  Buffer new_buffer() const { return Buffer(lib_); }

  // Create an instance (defined below Instance).
  Instance create_instance(const ConfigSource& config, HostCallbacks callbacks = {}) const;

  // Throw the Error for a status returned by a direct table call on this thread (no-op for KAM_OK).
  void check(kam_status status, std::string_view function = {}) const { detail::check(api(), status, function); }

  // The shared library handle, for things the wrapper does not cover.
  const detail::LibraryPtr& library() const noexcept { return lib_; }

 private:
  explicit Plugin(std::shared_ptr<detail::Library> lib) : lib_(std::move(lib)) {}

  static void validate_table(const kam_api_v1& api, const std::string& path, const LoadOptions& options) {
    auto bad = [&](const std::string& why) {
      return Error(kErrBadTable, builtin_status_name(kErrBadTable), "plugin '" + path + "': " + why, "load");
    };
    if (api.abi_major != KAM_ABI_VERSION_MAJOR) {
      throw Error(KAM_ERR_VERSION, builtin_status_name(KAM_ERR_VERSION),
                  "plugin '" + path + "' answered with ABI " + std::to_string(api.abi_major) + "." +
                      std::to_string(api.abi_minor) + " to a host that asked for ABI major " +
                      std::to_string(KAM_ABI_VERSION_MAJOR),
                  "load");
    }
    if (api.abi_minor < options.required_minor) {
      throw Error(KAM_ERR_VERSION, builtin_status_name(KAM_ERR_VERSION),
                  "plugin '" + path + "' has ABI " + std::to_string(api.abi_major) + "." +
                      std::to_string(api.abi_minor) + "; this host needs ABI " +
                      std::to_string(KAM_ABI_VERSION_MAJOR) + "." + std::to_string(options.required_minor) +
                      " or newer",
                  "load");
    }
    if (api.struct_size < kApiV1_0Size) {
      throw bad("function table has " + std::to_string(api.struct_size) + " bytes, ABI 1.0 needs " +
                std::to_string(kApiV1_0Size));
    }
    const bool complete = api.last_error_message && api.status_name && api.get_extension && api.buffer_free &&
                          api.config_check && api.instance_create && api.instance_destroy &&
                          api.config_reload && api.instance_info && api.ingest && api.notifications_poll &&
                          api.notifications_ack && api.notifications_deliver && api.audit_query;
    if (!complete) throw bad("function table lacks an ABI 1.0 function");
    if (options.required_minor >= 1) {
      if (api.struct_size < kApiV1_1Size) {
        throw bad("function table has " + std::to_string(api.struct_size) + " bytes, ABI 1.1 needs " +
                  std::to_string(kApiV1_1Size));
      }
      const char* missing = !api.tiers_evaluate        ? "tiers_evaluate"
                            : !api.account_card        ? "account_card"
                            : !api.tier_override_set   ? "tier_override_set"
                            : !api.tier_override_clear ? "tier_override_clear"
                            : !api.report_pareto       ? "report_pareto"
                            : !api.tick                ? "tick"
                                                       : nullptr;
      if (missing != nullptr) throw bad(std::string("function table lacks the ABI 1.1 function ") + missing);
    }
    // Each later minor: its size, and its members (a getter may still return NULL: a build without
    // that capability, reported when the host asks for it).
    const struct {
      uint32_t minor;
      std::size_t size;
      bool has_members;
      const char* members;
    } later[] = {{2, kApiV1_2Size, api.struct_size >= kApiV1_2Size && api.tiers_list != nullptr, "tiers_list"},
                 {3, kApiV1_3Size, api.struct_size >= kApiV1_3Size && api.complaints != nullptr, "complaints"}};
    for (const auto& m : later) {
      if (options.required_minor < m.minor) break;
      if (api.struct_size < m.size) {
        throw bad("function table has " + std::to_string(api.struct_size) + " bytes, ABI 1." +
                  std::to_string(m.minor) + " needs " + std::to_string(m.size));
      }
      if (!m.has_members) throw bad("function table lacks the ABI 1." + std::to_string(m.minor) + " function " + m.members);
    }
  }

  std::shared_ptr<const detail::Library> lib_;
};

}  // namespace kam::host

#endif  // KAM_HOST_PLUGIN_HPP
