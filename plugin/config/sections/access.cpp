// access.cpp - the access section: which roles hold which permissions (core/actor.hpp).
#include "config/sections/sections.hpp"

#include <algorithm>

#include "config/did_you_mean.hpp"
#include "config/values.hpp"

namespace kam::config::detail {
namespace {

void read_permissions(const MapReader& roles, const Entry& role, std::set<std::string>& out) {
  if (!role.value.IsSequence()) {
    roles.error_at_value(role, "expected a list of permissions like [ingest, audit.read] or [\"*\"], got " +
                                   detail::describe(role.value));
    return;
  }
  const std::vector<std::string_view> known(std::begin(core::kPermissions), std::end(core::kPermissions));
  std::string expected = "expected \"*\" or one of ";
  for (std::size_t i = 0; i < known.size(); ++i) expected += (i ? ", " : "") + std::string(known[i]);
  std::size_t index = 0;
  for (const YAML::Node& item : role.value) {
    const std::string path = roles.path_of(role.key) + "[" + std::to_string(index++) + "]";
    if (item.IsScalar()) {
      const std::string& name = item.Scalar();
      if (name == "*" || std::find(known.begin(), known.end(), name) != known.end()) {
        out.insert(name);
        continue;
      }
    }
    std::string message = path + ": " + expected + ", got " + detail::describe(item);
    if (item.IsScalar()) message += detail::did_you_mean_suffix(item.Scalar(), known);
    roles.sink().error(item.Mark(), message);
  }
}

}  // namespace

void read_access(const MapReader& top, Config& config) {
  auto& rules = config.access.role_permissions;
  std::optional<MapReader> roles;
  if (auto section = top.get_map("access", std::vector<std::string_view>{"roles"}))
    roles = section->get_map("roles", std::nullopt);
  if (!roles) {
    rules["kam.admin"] = {"*"};  // without rules, only the administrator role may act
    return;
  }
  for (const Entry& role : roles->entries()) {
    if (role.key.empty()) {
      roles->sink().error(role.key_node.Mark(), "access.roles: expected a role name, got \"\"");
      continue;
    }
    read_permissions(*roles, role, rules[role.key]);
  }
}

}  // namespace kam::config::detail
