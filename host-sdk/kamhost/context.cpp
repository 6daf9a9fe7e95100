// context.cpp - global services for the commands: which plugin to load, and the host callbacks.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <system_error>

#include "kamhost.hpp"
#include "text/escape.hpp"

namespace kamhost {
namespace {

namespace fs = std::filesystem;

struct Resolved {
  std::string path;
  std::string origin;
};

std::string executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path().string();
}

Resolved resolve(const std::string& option) {
  if (!option.empty()) return {option, "--plugin"};
  if (const char* env = std::getenv("KAM_PLUGIN"); env != nullptr && *env != '\0') return {env, "KAM_PLUGIN"};
  std::error_code ec;
  const std::string installed = KAM_DEFAULT_PLUGIN_PATH;
  if (fs::exists(installed, ec)) return {installed, "installed"};
  const std::string dir = executable_dir();
  const std::string beside = (dir.empty() ? fs::path("libkam.so") : fs::path(dir) / "libkam.so").string();
  if (fs::exists(beside, ec)) return {beside, "next to kamhost"};
  throw Failure("no plugin found: tried " + installed + " and " + beside +
                "; give one with --plugin PATH or the KAM_PLUGIN environment variable");
}

const char* level_name(kam_log_level level) {
  if (level >= KAM_LOG_ERROR) return "error";
  if (level >= KAM_LOG_WARNING) return "warning";
  if (level >= KAM_LOG_INFO) return "info";
  return "debug";
}

}  // namespace

std::string Context::plugin_path() const { return resolve(plugin_option).path; }

std::string Context::plugin_path_origin() const { return resolve(plugin_option).origin; }

kam::host::Plugin Context::load_plugin() const { return kam::host::Plugin::load(plugin_path()); }

kam::host::HostCallbacks Context::callbacks() const {
  kam::host::HostCallbacks cb;
  const bool all = verbose;
  cb.log = [all](kam_log_level level, std::string_view message) {
    if (!all && level < KAM_LOG_WARNING) return;
    static std::mutex mutex;  // the plugin may log from several threads
    std::lock_guard<std::mutex> lock(mutex);
    std::cerr << "kam: " << level_name(level) << ": " << printable(message) << "\n";
  };
  return cb;
}

}  // namespace kamhost
