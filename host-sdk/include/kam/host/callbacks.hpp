// kam/host/callbacks.hpp - kam::host::HostCallbacks, the host's services for an instance as
// std::functions (the Instance adapts them to kam_host). Part of kam/host.hpp (include that).
#ifndef KAM_HOST_CALLBACKS_HPP
#define KAM_HOST_CALLBACKS_HPP

#include <kam/kam.h>

#include <cstdint>
#include <functional>
#include <string_view>

namespace kam::host {

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

}  // namespace kam::host

#endif  // KAM_HOST_CALLBACKS_HPP
