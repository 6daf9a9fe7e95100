// log_level.hpp - the one definition of KAM's log levels, used by the store, the use cases, the
// config (logging.level) and the ABI layer. The values are kam.h's KAM_LOG_* (abi/instance.cpp
// static_asserts it), so a level crosses the ABI as it is.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace kam::core {

enum class LogLevel : int32_t { debug = 10, info = 20, warning = 30, error = 40 };

// Where the layers below the ABI send their log lines (the ABI layer forwards them to the host).
using LogFn = std::function<void(LogLevel level, const std::string& message)>;

}  // namespace kam::core
