// host.hpp - a header-only C++17 wrapper for hosts (ERPs) that load the KAM plugin with Boost.DLL.
//
// It adds nothing to the C ABI in kam.h; it makes it safe to use from C++:
//   - Plugin::load() loads libkam.so (RTLD_NOW | RTLD_LOCAL), negotiates ABI major
//     KAM_ABI_VERSION_MAJOR and checks the function table before anything else is called.
//   - Every object that came from the plugin (Plugin, Instance, Buffer) shares ownership of the loaded
//     library, so the .so stays mapped until the last of them is gone, whatever the order in which the
//     host drops them.
//   - Every status other than KAM_OK becomes a kam::host::Error carrying the status code, its name and
//     the plugin's last_error_message for the calling thread.
//   - Instance, Buffer, Actor and ConfigSource are RAII types that build and release the C structs.
//
// Thread rules are those of kam.h: a Plugin (and copies of it) may be used from any thread. Instance
// methods are [thread-safe] except destruction and move-assignment, which no other call on the same
// Instance may overlap. A Buffer is used by one thread at a time. Callbacks (HostCallbacks) are called
// on whichever host thread is inside a plugin call, possibly concurrently: they must be thread-safe.
//
// Exceptions never cross into the plugin: the callback adapters catch everything a HostCallbacks
// function throws (log: dropped; notify: reported as KAM_ERR_INTERNAL so the notification stays
// pending; now_ms: the system clock is used instead), and the progress function of evaluate_tiers
// (not called again; the exception is rethrown when the call returns).
//
// The ABI 1.1 calls (evaluate_tiers, account_card, set/clear_tier_override, report_pareto, tick) check
// KAM_API_HAS and throw KAM_ERR_UNSUPPORTED naming the function when the plugin is older.
//
// Link with Boost::filesystem (or define BOOST_DLL_USE_STD_FS) and ${CMAKE_DL_LIBS}; the CMake target
// kam::host_sdk does that.
#ifndef KAM_HOST_HPP
#define KAM_HOST_HPP

#include <kam/kam.h>

#include <boost/dll/shared_library.hpp>
#include <boost/dll/shared_library_load_mode.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kam::host {

// The entry point's function type (not a pointer type), as boost::dll::shared_library::get wants it.
using kam_get_api_fn_type = std::remove_pointer_t<kam_get_api_fn>;

// Status codes the wrapper itself reports, for failures that happen before the plugin can answer.
// They are negative so they never collide with the plugin's KAM_* statuses.
inline constexpr kam_status kErrLoad = -1;      // the library could not be loaded or has no entry point
inline constexpr kam_status kErrBadTable = -2;  // the plugin returned a function table we cannot use

// Size of the ABI 1.0 function table: every plugin of major 1 has at least this much.
inline constexpr std::size_t kApiV1_0Size = offsetof(kam_api_v1, audit_query) + sizeof(void (*)());
// Size of the ABI 1.1 function table (account tiers): a plugin of minor >= 1 has at least this much.
inline constexpr std::size_t kApiV1_1Size = offsetof(kam_api_v1, tick) + sizeof(void (*)());

// The name of a status without asking a plugin (for statuses the wrapper reports itself, and as the
// fallback when the plugin is not there). A plugin's own status_name() may know newer codes.
inline const char* builtin_status_name(kam_status status) noexcept {
  switch (status) {
    case KAM_OK: return "KAM_OK";
    case KAM_ERR_INVALID_ARGUMENT: return "KAM_ERR_INVALID_ARGUMENT";
    case KAM_ERR_VERSION: return "KAM_ERR_VERSION";
    case KAM_ERR_CONFIG: return "KAM_ERR_CONFIG";
    case KAM_ERR_STORE: return "KAM_ERR_STORE";
    case KAM_ERR_NOT_FOUND: return "KAM_ERR_NOT_FOUND";
    case KAM_ERR_CONFLICT: return "KAM_ERR_CONFLICT";
    case KAM_ERR_PERMISSION: return "KAM_ERR_PERMISSION";
    case KAM_ERR_BATCH_REJECTED: return "KAM_ERR_BATCH_REJECTED";
    case KAM_ERR_SCHEMA_TOO_NEW: return "KAM_ERR_SCHEMA_TOO_NEW";
    case KAM_ERR_UNSUPPORTED: return "KAM_ERR_UNSUPPORTED";
    case KAM_ERR_BUSY: return "KAM_ERR_BUSY";
    case KAM_ERR_OUT_OF_MEMORY: return "KAM_ERR_OUT_OF_MEMORY";
    case KAM_ERR_INTERNAL: return "KAM_ERR_INTERNAL";
    case kErrLoad: return "KAMHOST_ERR_LOAD";
    case kErrBadTable: return "KAMHOST_ERR_BAD_TABLE";
    default: return "KAM_ERR_UNKNOWN";
  }
}

// A failed call. status() is the kam_status (or kErrLoad / kErrBadTable), status_name() its constant
// name, message() the plugin's last_error_message (or the wrapper's reason), and what() all of it with
// the name of the function that failed: "config_reload: KAM_ERR_CONFIG: <text>:4:1: unknown key ...".
// Holds only std::strings: it stays valid after the plugin is unloaded.
class Error : public std::runtime_error {
 public:
  Error(kam_status status, std::string status_name, std::string message, std::string_view function = {})
      : std::runtime_error(compose(function, status_name, message)),
        status_(status),
        status_name_(std::move(status_name)),
        message_(std::move(message)) {}

  kam_status status() const noexcept { return status_; }
  const std::string& status_name() const noexcept { return status_name_; }
  const std::string& message() const noexcept { return message_; }

 private:
  static std::string compose(std::string_view function, const std::string& name, const std::string& message) {
    std::string s;
    if (!function.empty()) {
      s.append(function);
      s += ": ";
    }
    s += name;
    if (!message.empty()) {
      s += ": ";
      s += message;
    }
    return s;
  }

  kam_status status_;
  std::string status_name_;
  std::string message_;
};

namespace detail {

// The loaded library and its negotiated table. Shared by everything that came from it.
struct Library {
  boost::dll::shared_library lib;
  const kam_api_v1* api = nullptr;
  std::string path;
};
using LibraryPtr = std::shared_ptr<const Library>;

// Turns a non-OK status into an Error. Must run on the thread that made the failed call, before that
// thread calls into the plugin again (the message is per thread).
[[noreturn]] inline void throw_status(const kam_api_v1& api, kam_status status, std::string_view function) {
  const char* name = api.status_name ? api.status_name(status) : nullptr;
  const char* message = api.last_error_message ? api.last_error_message() : nullptr;
  throw Error(status, name ? name : builtin_status_name(status), message ? message : "", function);
}

inline void check(const kam_api_v1& api, kam_status status, std::string_view function) {
  if (status != KAM_OK) throw_status(api, status, function);
}

// Throws KAM_ERR_UNSUPPORTED for a table member the plugin does not have (KAM_API_HAS was false):
// the plugin is older than the minor that added it.
[[noreturn]] inline void throw_missing(const Library& lib, std::string_view member, uint32_t minor) {
  const kam_api_v1& api = *lib.api;
  std::string message = "plugin '" + lib.path + "'";
  if (api.plugin_version != nullptr && *api.plugin_version != '\0') message += std::string(" ") + api.plugin_version;
  message += " (ABI " + std::to_string(api.abi_major) + "." + std::to_string(api.abi_minor) + ") has no " +
             std::string(member) + ": it needs plugin ABI >= " + std::to_string(KAM_ABI_VERSION_MAJOR) + "." +
             std::to_string(minor) + "; upgrade KAM";
  throw Error(KAM_ERR_UNSUPPORTED, builtin_status_name(KAM_ERR_UNSUPPORTED), message, member);
}

}  // namespace detail

// Who is acting: the host's user id and role names, as a kam_actor. Owns its strings; get() points into
// them and stays valid while the Actor lives and is not assigned to. Copyable, movable.
class Actor {
 public:
  explicit Actor(std::string user_id, std::vector<std::string> roles = {})
      : user_id_(std::move(user_id)), roles_(std::move(roles)) {
    rebuild_pointers();
  }
  Actor(const Actor& other) : user_id_(other.user_id_), roles_(other.roles_) { rebuild_pointers(); }
  // Moving a vector keeps its elements where they are, so the role pointers stay valid.
  Actor(Actor&& other) noexcept
      : user_id_(std::move(other.user_id_)),
        roles_(std::move(other.roles_)),
        role_ptrs_(std::move(other.role_ptrs_)) {
    rebuild_struct();
    other.clear();
  }
  Actor& operator=(const Actor& other) {
    if (this != &other) {
      user_id_ = other.user_id_;
      roles_ = other.roles_;
      rebuild_pointers();
    }
    return *this;
  }
  Actor& operator=(Actor&& other) noexcept {
    if (this != &other) {
      user_id_ = std::move(other.user_id_);
      roles_ = std::move(other.roles_);
      role_ptrs_ = std::move(other.role_ptrs_);
      rebuild_struct();
      other.clear();
    }
    return *this;
  }
  ~Actor() = default;

  const kam_actor* get() const noexcept { return &c_; }
  const std::string& user_id() const noexcept { return user_id_; }
  const std::vector<std::string>& roles() const noexcept { return roles_; }

 private:
  void rebuild_pointers() {
    role_ptrs_.clear();
    role_ptrs_.reserve(roles_.size());
    for (const auto& r : roles_) role_ptrs_.push_back(r.c_str());
    rebuild_struct();
  }
  void rebuild_struct() noexcept {
    c_ = kam_actor{};
    c_.struct_size = sizeof(kam_actor);
    c_.role_count = static_cast<uint32_t>(role_ptrs_.size());
    c_.user_id = user_id_.c_str();
    c_.roles = role_ptrs_.empty() ? nullptr : role_ptrs_.data();
  }
  void clear() noexcept {  // a moved-from Actor is empty but consistent
    user_id_.clear();
    roles_.clear();
    role_ptrs_.clear();
    rebuild_struct();
  }

  std::string user_id_;
  std::vector<std::string> roles_;
  std::vector<const char*> role_ptrs_;
  kam_actor c_{};
};

// Where a config comes from: ConfigSource::file(path) or ConfigSource::text(yaml, name). Owns its
// strings; get() stays valid while it lives.
class ConfigSource {
 public:
  static ConfigSource file(std::string path) { return ConfigSource(std::move(path), {}, {}, Which::path); }
  // name stands for the file in error messages; empty means the plugin's default "<text>".
  static ConfigSource text(std::string yaml, std::string name = {}) {
    return ConfigSource({}, std::move(yaml), std::move(name), Which::text);
  }

  ConfigSource(const ConfigSource& o) : path_(o.path_), text_(o.text_), name_(o.name_), which_(o.which_) {
    rebuild();
  }
  ConfigSource(ConfigSource&& o) noexcept
      : path_(std::move(o.path_)), text_(std::move(o.text_)), name_(std::move(o.name_)), which_(o.which_) {
    rebuild();
  }
  ConfigSource& operator=(ConfigSource o) noexcept {
    path_ = std::move(o.path_);
    text_ = std::move(o.text_);
    name_ = std::move(o.name_);
    which_ = o.which_;
    rebuild();
    return *this;
  }
  ~ConfigSource() = default;

  const kam_config_source* get() const noexcept { return &c_; }
  bool is_file() const noexcept { return which_ == Which::path; }
  const std::string& path() const noexcept { return path_; }
  const std::string& yaml() const noexcept { return text_; }
  const std::string& name() const noexcept { return name_; }

 private:
  enum class Which { path, text };
  ConfigSource(std::string path, std::string text, std::string name, Which which)
      : path_(std::move(path)), text_(std::move(text)), name_(std::move(name)), which_(which) {
    rebuild();
  }
  void rebuild() noexcept {
    c_ = kam_config_source{};
    c_.struct_size = sizeof(kam_config_source);
    if (which_ == Which::path) {
      c_.path = path_.c_str();
    } else {
      c_.text = text_.c_str();
      c_.name = name_.empty() ? nullptr : name_.c_str();
    }
  }

  std::string path_, text_, name_;
  Which which_;
  kam_config_source c_{};
};

// A filter for Instance::audit_query. Zero / empty members do not filter.
struct AuditQuery {
  uint32_t limit = 0;  // 0 means 100; at most 10,000
  int64_t since_ms = 0;
  int64_t until_ms = 0;
  std::string user_id;
  std::string entity_type;
  std::string entity_id;
  int64_t before_id = 0;
};

// The host's services for an instance. Every member is optional (empty = the plugin's default, and no
// notify means notifications_deliver reports KAM_ERR_UNSUPPORTED). They are called from host threads
// inside plugin calls, possibly concurrently, so they must be thread-safe. The Instance keeps a copy
// alive until it is destroyed. log and notify may call back into the plugin, on the same instance
// too (kam.h: re-entrant calls), but never destroy it.
struct HostCallbacks {
  // A log line; message is valid during the call only.
  std::function<void(kam_log_level level, std::string_view message)> log;
  // Deliver a notification (its pointers are valid during the call only). KAM_OK acknowledges it.
  std::function<kam_status(const kam_notification& notification)> notify;
  // Current UTC time in epoch milliseconds.
  std::function<int64_t()> now_ms;
};

// Text the plugin returned (kam_buffer): released with buffer_free when the Buffer dies or is reset.
// Keeps the library loaded. Move-only; one thread at a time. The kam_buffer itself lives on the heap,
// so moving a Buffer never moves the C struct the plugin filled.
class Buffer {
 public:
  explicit Buffer(detail::LibraryPtr lib) : lib_(std::move(lib)), buf_(std::make_unique<kam_buffer>()) {
    buf_->struct_size = sizeof(kam_buffer);
  }
  Buffer(Buffer&&) noexcept = default;
  Buffer& operator=(Buffer&& other) noexcept {
    if (this != &other) {
      reset();
      buf_ = std::move(other.buf_);
      lib_ = std::move(other.lib_);
    }
    return *this;
  }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { reset(); }

  // For passing to a C function that fills it. Must be empty (fresh or reset) before it is filled.
  kam_buffer* get() noexcept { return buf_.get(); }
  // The text, "" when empty. Valid until reset or destruction.
  const char* c_str() const noexcept { return buf_ && buf_->data ? buf_->data : ""; }
  std::size_t size() const noexcept { return buf_ && buf_->data ? static_cast<std::size_t>(buf_->length) : 0; }
  bool empty() const noexcept { return size() == 0; }
  std::string_view view() const noexcept { return std::string_view(c_str(), size()); }
  std::string str() const { return std::string(view()); }

  // Give the text back to the plugin; the Buffer is empty afterwards and may be filled again.
  void reset() noexcept {
    if (buf_ && lib_ && (buf_->data || buf_->internal)) {
      lib_->api->buffer_free(buf_.get());
    }
    if (buf_) {
      *buf_ = kam_buffer{};
      buf_->struct_size = sizeof(kam_buffer);
    }
  }

 private:
  detail::LibraryPtr lib_;
  std::unique_ptr<kam_buffer> buf_;
};

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
  }

  std::shared_ptr<const detail::Library> lib_;
};

// One plugin instance (a config and a database). Destroyed with instance_destroy when the Instance
// dies; keeps the library loaded and the HostCallbacks alive until then. Move-only.
// Methods are [thread-safe]; destruction and move-assignment must not overlap any other call on it.
class Instance {
 public:
  Instance(const Plugin& plugin, const ConfigSource& config, HostCallbacks callbacks = {})
      : lib_(plugin.library()), callbacks_(std::make_unique<HostCallbacks>(std::move(callbacks))) {
    kam_host host{};
    host.struct_size = sizeof(kam_host);
    host.host_data = callbacks_.get();
    if (callbacks_->log) host.log = &log_adapter;
    if (callbacks_->notify) host.notify = &notify_adapter;
    if (callbacks_->now_ms) host.now_ms = &now_adapter;
    kam_instance_options options{};
    options.struct_size = sizeof(kam_instance_options);
    options.config = config.get();
    options.host = &host;
    kam_instance* handle = nullptr;
    detail::check(api(), api().instance_create(&options, &handle), "instance_create");
    handle_ = handle;
  }
  Instance(Instance&& other) noexcept
      : lib_(std::move(other.lib_)), callbacks_(std::move(other.callbacks_)), handle_(std::exchange(other.handle_, nullptr)) {}
  Instance& operator=(Instance&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, nullptr);
      callbacks_ = std::move(other.callbacks_);
      lib_ = std::move(other.lib_);
    }
    return *this;
  }
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;
  ~Instance() { destroy(); }

  // The instance's state as JSON (see instance_info in kam.h).
  std::string info() const {
    Buffer out(lib_);
    detail::check(api(), api().instance_info(handle_, out.get()), "instance_info");
    return out.str();
  }

  // Replace the config atomically; on failure the old config keeps serving. Needs "config.reload".
  void reload_config(const Actor& actor, const ConfigSource& source) const {
    detail::check(api(), api().config_reload(handle_, actor.get(), source.get()), "config_reload");
  }

  // Ingest a batch (thin pass-through: the host builds kam_batch and the events). summary and
  // batch.results are filled before an Error (e.g. KAM_ERR_BATCH_REJECTED) is thrown.
  void ingest(const Actor& actor, const kam_batch& batch, kam_batch_summary* summary = nullptr) const {
    detail::check(api(), api().ingest(handle_, actor.get(), &batch, summary), "ingest");
  }

  // Pending notifications as a JSON array; max 0 means 100.
  std::string notifications_poll(const Actor& actor, uint32_t max = 0) const {
    Buffer out(lib_);
    detail::check(api(), api().notifications_poll(handle_, actor.get(), max, out.get()), "notifications_poll");
    return out.str();
  }

  void notifications_ack(const Actor& actor, const int64_t* ids, uint32_t count) const {
    detail::check(api(), api().notifications_ack(handle_, actor.get(), ids, count), "notifications_ack");
  }
  void notifications_ack(const Actor& actor, const std::vector<int64_t>& ids) const {
    notifications_ack(actor, ids.data(), static_cast<uint32_t>(ids.size()));
  }

  // Deliver up to max (0 = 100) notifications through HostCallbacks::notify; returns how many were
  // acknowledged.
  uint32_t notifications_deliver(uint32_t max = 0) const {
    uint32_t delivered = 0;
    detail::check(api(), api().notifications_deliver(handle_, max, &delivered), "notifications_deliver");
    return delivered;
  }

  // Audit-trail entries as a JSON array, newest first.
  std::string audit_query(const Actor& actor, const AuditQuery& query = {}) const {
    kam_audit_query q{};
    q.struct_size = sizeof(kam_audit_query);
    q.limit = query.limit;
    q.since_ms = query.since_ms;
    q.until_ms = query.until_ms;
    q.user_id = query.user_id.empty() ? nullptr : query.user_id.c_str();
    q.entity_type = query.entity_type.empty() ? nullptr : query.entity_type.c_str();
    q.entity_id = query.entity_id.empty() ? nullptr : query.entity_id.c_str();
    q.before_id = query.before_id;
    Buffer out(lib_);
    detail::check(api(), api().audit_query(handle_, actor.get(), &q, out.get()), "audit_query");
    return out.str();
  }

  // ---- 1.1: account tiers. Each throws Error(KAM_ERR_UNSUPPORTED) naming the function when the
  // plugin is older than ABI 1.1 (KAM_API_HAS is false); LoadOptions::required_minor = 1 refuses such
  // a plugin at load time instead. ----

  // Progress of a long call: (done, total) units (accounts for evaluate_tiers), called on the calling
  // thread at most about 100 times and once more with done == total. It must not call into the plugin.
  using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

  // Classify every account (account_id empty) or one account now: tiers_evaluate. With dry_run the
  // plugin computes and counts but stores nothing and writes no notification. Needs "tiers.evaluate".
  // KAM_ERR_NOT_FOUND for an unknown account. An exception thrown by progress is caught at the
  // boundary (progress is not called again) and rethrown once the plugin call has returned, after
  // any Error of the call itself: the evaluation is not interrupted (the ABI has no cancellation).
  kam_tier_evaluation_summary evaluate_tiers(const Actor& actor, const std::string& account_id = {},
                                             ProgressFn progress = {}, bool dry_run = false) const {
    if (!KAM_API_HAS(&api(), tiers_evaluate)) detail::throw_missing(*lib_, "tiers_evaluate", 1);
    ProgressState state{&progress, nullptr};
    kam_tier_evaluation request{};
    request.struct_size = sizeof(kam_tier_evaluation);
    request.flags = dry_run ? KAM_EVALUATE_DRY_RUN : 0u;
    request.account_id = account_id.empty() ? nullptr : account_id.c_str();
    if (progress) {
      request.progress = &progress_adapter;
      request.progress_data = &state;
    }
    kam_tier_evaluation_summary summary{};
    summary.struct_size = sizeof(kam_tier_evaluation_summary);
    detail::check(api(), api().tiers_evaluate(handle_, actor.get(), &request, &summary), "tiers_evaluate");
    if (state.error) std::rethrow_exception(state.error);
    return summary;
  }

  // An account's card as a JSON object (see account_card in kam.h). Needs "tiers.read".
  // KAM_ERR_NOT_FOUND for an unknown account.
  std::string account_card(const Actor& actor, const std::string& account_id) const {
    if (!KAM_API_HAS(&api(), account_card)) detail::throw_missing(*lib_, "account_card", 1);
    Buffer out(lib_);
    detail::check(api(), api().account_card(handle_, actor.get(), account_id.c_str(), out.get()), "account_card");
    return out.str();
  }

  // Pin an account to a tier until expires_at_ms (UTC epoch ms, exclusive; after the host's now),
  // replacing an override in force. reason is required (audited). Needs "tiers.override".
  // KAM_ERR_NOT_FOUND for an unknown account or tier.
  void set_tier_override(const Actor& actor, const std::string& account_id, const std::string& tier,
                         const std::string& reason, int64_t expires_at_ms) const {
    if (!KAM_API_HAS(&api(), tier_override_set)) detail::throw_missing(*lib_, "tier_override_set", 1);
    kam_tier_override request{};
    request.struct_size = sizeof(kam_tier_override);
    request.account_id = account_id.c_str();
    request.tier = tier.c_str();
    request.reason = reason.c_str();
    request.expires_at_ms = expires_at_ms;
    detail::check(api(), api().tier_override_set(handle_, actor.get(), &request), "tier_override_set");
  }

  // End the override in force on an account early; reason is required (audited). Needs
  // "tiers.override". KAM_ERR_NOT_FOUND when none is in force.
  void clear_tier_override(const Actor& actor, const std::string& account_id, const std::string& reason) const {
    if (!KAM_API_HAS(&api(), tier_override_clear)) detail::throw_missing(*lib_, "tier_override_clear", 1);
    detail::check(api(), api().tier_override_clear(handle_, actor.get(), account_id.c_str(), reason.c_str()),
                  "tier_override_clear");
  }

  // The Pareto report as a JSON object (see report_pareto in kam.h); max_entries limits `entries`
  // (0 = all; `curve_bp` always covers every account). Needs "tiers.read".
  std::string report_pareto(const Actor& actor, uint32_t max_entries = 0) const {
    if (!KAM_API_HAS(&api(), report_pareto)) detail::throw_missing(*lib_, "report_pareto", 1);
    Buffer out(lib_);
    detail::check(api(), api().report_pareto(handle_, actor.get(), max_entries, out.get()), "report_pareto");
    return out.str();
  }

  // The periodic tick: runs the work that is due by the host clock (the tier evaluation once
  // tiers.evaluate_every has passed). Call it every minute or so. Needs "tiers.evaluate".
  kam_tick_result tick(const Actor& actor) const {
    if (!KAM_API_HAS(&api(), tick)) detail::throw_missing(*lib_, "tick", 1);
    kam_tick_result result{};
    result.struct_size = sizeof(kam_tick_result);  // an output struct: the plugin writes the rest
    detail::check(api(), api().tick(handle_, actor.get(), &result), "tick");
    return result;
  }

  /* 1.2 */
  // One page of every account's tier as a JSON object (see tiers_list in kam.h): accounts after
  // `after` (byte order; "" = the first page), only of `tier` when given, at most `limit` (0 = 1000).
  // Needs "tiers.read". KAM_ERR_NOT_FOUND for a tier the config does not have.
  std::string tiers_list(const Actor& actor, const std::string& tier = {}, const std::string& after = {},
                         uint32_t limit = 0) const {
    if (!KAM_API_HAS(&api(), tiers_list)) detail::throw_missing(*lib_, "tiers_list", 2);
    kam_tier_list_query query{};
    query.struct_size = sizeof query;
    query.limit = limit;
    query.tier = tier.empty() ? nullptr : tier.c_str();
    query.after_account_id = after.empty() ? nullptr : after.c_str();
    Buffer out(lib_);
    detail::check(api(), api().tiers_list(handle_, actor.get(), &query, out.get()), "tiers_list");
    return out.str();
  }
  /* end 1.2 */

  // The C handle, for table functions the wrapper does not cover. Owned by this Instance.
  kam_instance* handle() const noexcept { return handle_; }
  const kam_api_v1& api() const noexcept { return *lib_->api; }

 private:
  void destroy() noexcept {
    if (handle_ != nullptr) {
      lib_->api->instance_destroy(handle_);  // documented to release everything; status ignored here
      handle_ = nullptr;
    }
  }

  struct ProgressState {
    const ProgressFn* fn;
    std::exception_ptr error;  // the first exception progress threw; it is not called after one
  };
  static void progress_adapter(void* progress_data, uint64_t done, uint64_t total) {
    auto* state = static_cast<ProgressState*>(progress_data);
    if (state == nullptr || state->error) return;
    try {
      (*state->fn)(done, total);
    } catch (...) {
      state->error = std::current_exception();
    }
  }

  static void log_adapter(void* host_data, kam_log_level level, const char* message) {
    try {
      static_cast<HostCallbacks*>(host_data)->log(level, message ? std::string_view(message) : std::string_view());
    } catch (...) {
    }
  }
  static kam_status notify_adapter(void* host_data, const kam_notification* notification) {
    if (notification == nullptr) return KAM_ERR_INVALID_ARGUMENT;
    try {
      return static_cast<HostCallbacks*>(host_data)->notify(*notification);
    } catch (...) {
      return KAM_ERR_INTERNAL;
    }
  }
  static int64_t now_adapter(void* host_data) {
    try {
      return static_cast<HostCallbacks*>(host_data)->now_ms();
    } catch (...) {
      using namespace std::chrono;
      return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
  }

  // Declared first so it is destroyed last: the library outlives the handle and the callbacks.
  detail::LibraryPtr lib_;
  std::unique_ptr<HostCallbacks> callbacks_;
  kam_instance* handle_ = nullptr;
};

inline Instance Plugin::create_instance(const ConfigSource& config, HostCallbacks callbacks) const {
  return Instance(*this, config, std::move(callbacks));
}

}  // namespace kam::host

#endif  // KAM_HOST_HPP
