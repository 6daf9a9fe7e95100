// cmd_config.cpp - commands about configuration files: check-config.
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "cli.hpp"
#include "kamhost.hpp"
#include "text/escape.hpp"

namespace kamhost {
namespace {

int check_config(Context& ctx, const std::vector<std::string>& files) {
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

void define_check_config(CLI::App& app, Context& ctx) {
  auto files = std::make_shared<std::vector<std::string>>();
  app.add_option("FILE", *files, "the config file; '-' reads standard input");
  on_run(app, ctx, [&ctx, files] { return check_config(ctx, *files); });
}

}  // namespace

void add_config_commands(std::vector<Command>& commands) {
  commands.push_back({"check-config", "FILE", "validate a config file without opening any database",
                      "Runs the plugin's config_check: the whole file is validated, no instance is\n"
                      "created and no database is created or opened. FILE '-' reads standard input.\n"
                      "Valid: prints the one-line summary and exits 0.\n"
                      "Invalid: prints each error as \"file:line:column: message\" on standard error\n"
                      "and exits 1.\n",
                      &define_check_config});
}

}  // namespace kamhost
