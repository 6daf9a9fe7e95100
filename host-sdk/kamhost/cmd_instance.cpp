// cmd_instance.cpp - commands that create a plugin instance from a config: info.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "kamhost.hpp"

namespace kamhost {
namespace {

int show_info(Context& ctx, const InstanceOptions& options, bool compact) {
  Session session(ctx, "info", options);
  const std::string info = session.instance().info();
  if (compact) {
    std::cout << info << "\n";
  } else {
    std::cout << nlohmann::json::parse(info).dump(2) << "\n";
  }
  return kExitOk;
}

void define_info(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<InstanceOptions>();
  auto compact = std::make_shared<bool>(false);
  add_instance_options(app, *options, false);
  app.add_flag("--compact", *compact, "print the JSON as the plugin returned it");
  on_run(app, ctx, [&ctx, options, compact] { return show_info(ctx, *options, *compact); });
}

}  // namespace

void add_instance_commands(std::vector<Command>& commands) {
  commands.push_back({"info", "--config FILE [--compact]",
                      "create an instance from FILE and print its instance_info JSON",
                      "Creates an instance as an ERP would: loads the config, opens (and creates or\n"
                      "migrates) the database it names, then prints instance_info pretty-printed\n"
                      "(--compact: as the plugin returned it) and destroys the instance.\n",
                      &define_info});
}

}  // namespace kamhost
