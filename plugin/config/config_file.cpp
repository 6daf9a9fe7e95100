// config_file.cpp - load_config_file: reads the file (refusing what cannot be a config) and lets
// relative paths inside it resolve against the file's own directory.
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

#include "config/config.hpp"
#include "config/loader.hpp"

namespace kam::config {
namespace {

constexpr std::size_t kMaxFileBytes = 4u << 20;  // a config is a few KB; refuse /dev/zero and friends

std::string read_file(const std::string& path) {
  auto fail_with = [&](const std::string& why) {
    throw ConfigError({Diagnostic{path, 0, 0, "cannot read the config file: " + why}});
  };
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) fail_with(std::generic_category().message(errno));
  std::string text;
  char buffer[16384];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, n);
    if (text.size() > kMaxFileBytes) fail_with("larger than 4 MiB; is this the right file?");
  }
  if (std::ferror(file.get())) fail_with(std::generic_category().message(errno));
  return text;
}

}  // namespace

Config load_config_file(const std::string& path) {
  const std::string text = read_file(path);
  // Absolute now, so the paths in the Config still mean the same after the host changes directory.
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  std::filesystem::path base_dir = ec ? std::filesystem::path(path).parent_path() : absolute.parent_path();
  if (base_dir.empty()) base_dir = ".";
  return detail::load_config(text, path, base_dir);
}

}  // namespace kam::config
