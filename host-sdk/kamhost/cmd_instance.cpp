// cmd_instance.cpp - commands that create a plugin instance from a config: info.
#include <iostream>

#include <nlohmann/json.hpp>

#include "kamhost.hpp"

namespace kamhost {
namespace {

int cmd_info(Context& ctx, const std::vector<std::string>& args) {
  std::string config;
  bool compact = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string value;
    if (take_option(args, i, "--config", value)) {
      config = value;
    } else if (args[i] == "--compact") {
      compact = true;
    } else {
      throw UsageError("unexpected argument '" + args[i] + "'");
    }
  }
  Session session(ctx, "info", config);
  const std::string info = session.instance().info();
  if (compact) {
    std::cout << info << "\n";
  } else {
    std::cout << nlohmann::json::parse(info).dump(2) << "\n";
  }
  return kExitOk;
}

}  // namespace

void add_instance_commands(std::vector<Command>& commands) {
  commands.push_back({"info", "--config FILE [--compact]",
                      "create an instance from FILE and print its instance_info JSON",
                      "Creates an instance as an ERP would: loads the config, opens (and creates or\n"
                      "migrates) the database it names, then prints instance_info pretty-printed\n"
                      "(--compact: as the plugin returned it) and destroys the instance.\n",
                      &cmd_info});
}

}  // namespace kamhost
