// loader.hpp - the schema-checking core shared by load_config_text and load_config_file.
#pragma once

#include <filesystem>
#include <string>

#include "config/config.hpp"

namespace kam::config::detail {

// Validates `text` (named `name` in diagnostics) and returns the Config, or throws ConfigError with
// every problem found. Relative paths resolve against `base_dir`; an empty one leaves them relative.
Config load_config(const std::string& text, const std::string& name, const std::filesystem::path& base_dir);

}  // namespace kam::config::detail
