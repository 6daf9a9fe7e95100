// kam/host/config_source.hpp - kam::host::ConfigSource, where a YAML config comes from (a
// kam_config_source that owns its strings). Part of kam/host.hpp (include that).
#ifndef KAM_HOST_CONFIG_SOURCE_HPP
#define KAM_HOST_CONFIG_SOURCE_HPP

#include <kam/kam.h>

#include <string>
#include <utility>

namespace kam::host {

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

}  // namespace kam::host

#endif  // KAM_HOST_CONFIG_SOURCE_HPP
