// instance.cpp - the instance section: the instance name and its data directory.
#include "config/sections/sections.hpp"

#include "config/values.hpp"

namespace kam::config::detail {
namespace {

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

}  // namespace

void read_instance(const MapReader& top, const std::filesystem::path& base_dir, Config& config) {
  auto instance = top.get_map("instance", std::vector<std::string_view>{"name", "data_dir"});
  if (instance) {
    if (auto name = instance->get_string("name")) {
      bool ok = !name->empty() && name->size() <= 64;
      for (char c : *name) ok = ok && is_name_char(c);
      if (ok)
        config.instance_name = *name;
      else
        instance->error_at_value(*instance->find("name"), "expected 1 to 64 characters from A-Z a-z 0-9 . _ -, got " +
                                                              detail::describe(instance->find("name")->value));
    }
    if (auto dir = instance->get_string("data_dir", "a directory path")) {
      const Entry& e = *instance->find("data_dir");
      if (dir->empty() || dir->find('\0') != std::string::npos)
        instance->error_at_value(e, "expected a directory path, got " + detail::describe(e.value));
      else if ((*dir)[0] == '~')
        instance->error_at_value(e, "'~' is not expanded; write the full path");
      else if (dir->find('"') != std::string::npos)  // the SQLite file inside it could not be opened
        instance->error_at_value(e, "a directory path cannot contain a double quote (SOCI cannot pass it on to SQLite)");
      else
        config.data_dir = *dir;
    }
  }
  config.data_dir = resolve_path(base_dir, config.data_dir);
}

}  // namespace kam::config::detail
