// version.hpp - the plugin's own version (set by CMake from the project version).
#pragma once

namespace kam::abi {
#ifndef KAM_PLUGIN_VERSION
#error "KAM_PLUGIN_VERSION must be defined by the build"
#endif
inline constexpr const char* kPluginVersion = KAM_PLUGIN_VERSION;
}  // namespace kam::abi
