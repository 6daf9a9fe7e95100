// cmd_config.cpp - commands about configuration files: check-config.
#include <iostream>
#include <iterator>
#include <string>

#include "kamhost.hpp"
#include "text/escape.hpp"

namespace kamhost {
namespace {

// Positional arguments only; "--" ends options, any other "-x" is a usage error ("-" alone is stdin).
std::vector<std::string> positionals(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  bool options = true;
  for (const auto& a : args) {
    if (options && a == "--") {
      options = false;
    } else if (options && a.size() > 1 && a[0] == '-') {
      throw UsageError("unknown option '" + a + "'");
    } else {
      out.push_back(a);
    }
  }
  return out;
}

int cmd_check_config(Context& ctx, const std::vector<std::string>& args) {
  const std::vector<std::string> files = positionals(args);
  if (files.size() != 1) throw UsageError("check-config needs exactly one FILE");
  kam::host::Plugin plugin = ctx.load_plugin();
  kam::host::ConfigSource source = kam::host::ConfigSource::file(files[0]);
  if (files[0] == "-") {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    source = kam::host::ConfigSource::text(std::move(text), "<stdin>");
  }
  try {
    std::cout << printable(plugin.check_config(source)) << "\n";
    return kExitOk;
  } catch (const kam::host::Error& e) {
    if (e.status() != KAM_ERR_CONFIG) throw;
    // One "file:line:column: message" per line, as the plugin wrote them.
    std::string m = printable_lines(e.message());
    if (!m.empty() && m.back() != '\n') m += '\n';
    std::cerr << m;
    return kExitFailure;
  }
}

}  // namespace

void add_config_commands(std::vector<Command>& commands) {
  commands.push_back({"check-config", "FILE", "validate a config file without opening any database",
                      "Runs the plugin's config_check: the whole file is validated, no instance is\n"
                      "created and no database is created or opened. FILE '-' reads standard input.\n"
                      "Valid: prints the one-line summary and exits 0.\n"
                      "Invalid: prints each error as \"file:line:column: message\" on standard error\n"
                      "and exits 1.\n",
                      &cmd_check_config});
}

}  // namespace kamhost
