// cmd_general.cpp - commands about kamhost itself: help, version.
#include <iostream>

#include "kamhost.hpp"

namespace kamhost {
namespace {

int cmd_help(Context&, const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cout << usage();
    return kExitOk;
  }
  if (args.size() > 1) throw UsageError("help takes at most one command name");
  const Command* c = find_command(args[0]);
  if (c == nullptr) throw UsageError("unknown command '" + args[0] + "'");
  std::cout << command_usage(*c);
  return kExitOk;
}

int cmd_version(Context& ctx, const std::vector<std::string>& args) {
  if (!args.empty()) throw UsageError("version takes no arguments");
  std::cout << "kamhost " << KAMHOST_VERSION << " (host ABI " << KAM_ABI_VERSION_MAJOR << "."
            << KAM_ABI_VERSION_MINOR << ")" << std::endl;
  const std::string path = ctx.plugin_path();
  kam::host::Plugin plugin = ctx.load_plugin();
  std::cout << "plugin " << plugin.plugin_version() << " (ABI " << plugin.abi_major() << "." << plugin.abi_minor()
            << ")\n"
            << "plugin path " << path << " (" << ctx.plugin_path_origin() << ")\n";
  return kExitOk;
}

}  // namespace

void add_general_commands(std::vector<Command>& commands) {
  commands.push_back({"help", "[COMMAND]", "show this help, or one command's", "", &cmd_help});
  commands.push_back({"version", "",
                      "print the kamhost, plugin and ABI versions",
                      "Prints three lines:\n"
                      "  kamhost VERSION (host ABI MAJOR.MINOR)\n"
                      "  plugin VERSION (ABI MAJOR.MINOR)\n"
                      "  plugin path PATH (where the path came from)\n"
                      "Exits 1 after the first line if the plugin cannot be loaded or refuses the ABI.\n",
                      &cmd_version});
}

}  // namespace kamhost
