// kam/host/library.hpp - the loaded library and its negotiated table (shared by every object that came
// from it), and the helpers that turn a status, or a table member the plugin lacks, into an Error.
// Part of kam/host.hpp (include that).
#ifndef KAM_HOST_LIBRARY_HPP
#define KAM_HOST_LIBRARY_HPP

#include <kam/host/error.hpp>
#include <kam/kam.h>

#include <boost/dll/shared_library.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace kam::host {

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

}  // namespace kam::host

#endif  // KAM_HOST_LIBRARY_HPP
