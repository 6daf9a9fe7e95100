// cmd_general.cpp - commands about kamhost itself: help, version.
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "kamhost.hpp"

namespace kamhost {
namespace {

void define_help(CLI::App& app, Context& ctx) {
  auto names = std::make_shared<std::vector<std::string>>();
  app.add_option("COMMAND", *names);
  on_run(app, ctx, [names] {
    if (names->size() > 1) throw UsageError("help takes at most one command name");
    if (names->empty()) {
      std::cout << usage();
      return kExitOk;
    }
    const Command* c = find_command((*names)[0]);
    if (c == nullptr) throw UsageError("unknown command '" + (*names)[0] + "'");
    std::cout << command_usage(*c);
    return kExitOk;
  });
}

}  // namespace

int print_version(Context& ctx) {
  std::cout << "kamhost " << KAMHOST_VERSION << " (host ABI " << KAM_ABI_VERSION_MAJOR << "."
            << KAM_ABI_VERSION_MINOR << ")" << std::endl;
  const std::string path = ctx.plugin_path();
  kam::host::Plugin plugin = ctx.load_plugin();
  std::cout << "plugin " << plugin.plugin_version() << " (ABI " << plugin.abi_major() << "." << plugin.abi_minor()
            << ")\n"
            << "plugin path " << path << " (" << ctx.plugin_path_origin() << ")\n";
  return kExitOk;
}

namespace {

void define_version(CLI::App& app, Context& ctx) {
  on_run(app, ctx, [&ctx] { return print_version(ctx); });
}

}  // namespace

void add_general_commands(std::vector<Command>& commands) {
  commands.push_back({"help", "[COMMAND]", "show this help, or one command's", "", &define_help});
  commands.push_back({"version", "",
                      "print the kamhost, plugin and ABI versions",
                      "Prints three lines:\n"
                      "  kamhost VERSION (host ABI MAJOR.MINOR)\n"
                      "  plugin VERSION (ABI MAJOR.MINOR)\n"
                      "  plugin path PATH (where the path came from)\n"
                      "Exits 1 after the first line if the plugin cannot be loaded or refuses the ABI.\n",
                      &define_version});
}

}  // namespace kamhost
