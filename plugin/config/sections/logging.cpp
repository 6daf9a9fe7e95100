// logging.cpp - the logging section: the lowest level passed to the host.
#include "config/sections/sections.hpp"

namespace kam::config::detail {

void read_logging(const MapReader& top, Config& config) {
  auto section = top.get_map("logging", std::vector<std::string_view>{"level"});
  if (!section) return;
  using Level = LoggingConfig::Level;
  static constexpr Level kLevels[] = {Level::debug, Level::info, Level::warning, Level::error};
  if (auto level = section->get_choice("level", {"debug", "info", "warning", "error"}))
    config.logging.level = kLevels[*level];
}

}  // namespace kam::config::detail
