// kam/host/error.hpp - kam::host::Error, the exception every failed call becomes, and the status names
// the wrapper knows without a plugin (including its own kErrLoad and kErrBadTable). Part of
// kam/host.hpp (include that).
#ifndef KAM_HOST_ERROR_HPP
#define KAM_HOST_ERROR_HPP

#include <kam/kam.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace kam::host {

// Status codes the wrapper itself reports, for failures that happen before the plugin can answer.
// They are negative so they never collide with the plugin's KAM_* statuses.
inline constexpr kam_status kErrLoad = -1;      // the library could not be loaded or has no entry point
inline constexpr kam_status kErrBadTable = -2;  // the plugin returned a function table we cannot use

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

}  // namespace kam::host

#endif  // KAM_HOST_ERROR_HPP
