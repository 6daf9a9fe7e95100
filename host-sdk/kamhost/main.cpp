// main.cpp - kamhost: the reference host for the KAM plugin, standing in for an ERP.
// Builds the command line from the command table (CLI11), parses it and runs the chosen command. Exit status: 0 success,
// 1 failure, 2 usage error, 3 import with rejected lines.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "kamhost.hpp"
#include "text/escape.hpp"

namespace kamhost {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = [] {
    std::vector<Command> c;
    add_general_commands(c);
    add_config_commands(c);
    add_instance_commands(c);
    add_import_commands(c);
    add_audit_commands(c);
    add_tiers_commands(c);
    add_account_commands(c);
    add_accounts_commands(c);
    add_complaints_commands(c);
    add_visits_commands(c);
    add_deals_commands(c);
    add_service_commands(c);
    add_report_commands(c);
    add_demo_commands(c);
    return c;
  }();
  return commands;
}

const Command* find_command(const std::string& name) {
  for (const auto& c : all_commands()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

static std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  else s += "  ";
  return s;
}

std::string usage() {
  std::string u =
      "usage: kamhost [--plugin PATH] [--now TIME] [--verbose] COMMAND [ARGS]\n"
      "\n"
      "kamhost loads the KAM plugin (libkam.so) through its C ABI, as an ERP does.\n"
      "\n"
      "Commands:\n";
  for (const auto& c : all_commands()) {
    const std::string head = c.name + (c.synopsis.empty() ? "" : " " + c.synopsis);
    // A long synopsis gets its own line; the summary follows in the summary column.
    if (head.size() > 30) u += "  " + head + "\n" + std::string(34, ' ') + c.summary + "\n";
    else u += "  " + pad(head, 32) + c.summary + "\n";
  }
  u +=
      "\n"
      "Global options (anywhere on the line):\n"
      "  --plugin PATH                   the plugin to load; default: $KAM_PLUGIN, else\n"
      "                                  " KAM_DEFAULT_PLUGIN_PATH "\n"
      "                                  if it exists, else libkam.so next to kamhost.\n"
      "                                  A bare file name means ./NAME (no library search).\n"
      "  --now TIME                      run as if the clock said TIME (the plugin's clock\n"
      "                                  too): YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], in the\n"
      "                                  business time zone unless it ends in Z or +HH:MM\n"
      "  -v, --verbose                   also show the plugin's debug and info log lines\n"
      "  -h, --help                      show this help; after a command, that command's help\n"
      "  --version                       same as the version command\n"
      "\n"
      "Commands that open the instance take its config as --config FILE; without it,\n"
      "$KAM_CONFIG, else /etc/kam/kam.yaml. Dates kamhost reads and prints about\n"
      "business days are in the config's business.time_zone.\n"
      "\n"
      "Commands that act for a person (import, audit, notifications, tiers, tick, account,\n"
      "complaints, report) take the actor as\n"
      "  --user ID --role ROLE...        default: user kamhost with role kam.admin\n"
      "                                  (audit filters by --user; its actor is --actor ID)\n"
      "\n"
      "Exit status: 0 success, 1 failure (a message says why), 2 usage error,\n"
      "3 import: some lines were rejected (see the rejects file).\n"
      "Run 'kamhost help COMMAND' for a command's details.\n";
  return u;
}

std::string command_usage(const Command& command) {
  std::string u = "usage: kamhost [--plugin PATH] " + command.name;
  if (!command.synopsis.empty()) u += " " + command.synopsis;
  u += "\n\n" + command.summary + "\n";
  if (!command.description.empty()) u += "\n" + command.description;
  if (u.back() != '\n') u += '\n';
  return u;
}

void rethrow_naming_account(const kam::host::Error& e, const std::string& account_id) {
  if (e.status() == KAM_ERR_NOT_FOUND && e.message().find("'" + account_id + "'") == std::string::npos)
    throw Failure(std::string(e.what()) + " (account '" + account_id + "')");
  throw e;
}

// The top-level command the parsed line names, or null.
static const Command* chosen(const CLI::App& root) {
  const std::vector<CLI::App*> parsed = root.get_subcommands();
  return parsed.empty() ? nullptr : find_command(parsed.front()->get_name());
}

static int run(int argc, char** argv) {
  Context ctx;
  CLI::App root("kamhost", "kamhost");
  // Help is kamhost's own text (usage(), command_usage()); global options work after the command too.
  root.set_help_flag();
  root.fallthrough();
  make_group(root, "no command given", [](const std::string& w) {
    return (w.size() > 1 && w[0] == '-' ? "unknown option '" : "unknown command '") + w + "'";
  });
  add_text(root, "--plugin", ctx.plugin_option, "the plugin to load");
  add_text(root, "--now", ctx.now_option, "run as if the clock said TIME");
  root.add_flag("-v,--verbose", ctx.verbose, "also show the plugin's debug and info log lines");
  bool help = false, version = false;
  root.add_flag("-h,--help", help, "show this help");
  root.add_flag("--version", version, "same as the version command");
  for (const Command& c : all_commands()) c.define(*root.add_subcommand(c.name, c.summary), ctx);

  const Command* command = nullptr;
  try {
    try {
      root.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      command = chosen(root);
      throw UsageError(usage_message(root, e));
    } catch (const UsageError&) {  // from an option's check
      command = chosen(root);
      throw;
    }
    command = chosen(root);
    if (command == nullptr && version) {
      command = find_command("version");
      ctx.run = [&ctx] { return print_version(ctx); };
    }
    if (command == nullptr) {
      if (help) {
        std::cout << usage();
        return kExitOk;
      }
      throw UsageError("no command given");
    }
    if (help) {
      std::cout << command_usage(*command);
      return kExitOk;
    }
    check_groups(root);
  } catch (const UsageError& e) {
    if (command == nullptr) std::cerr << "kamhost: " << printable(e.what()) << "\n\n" << usage();
    else std::cerr << "kamhost " << command->name << ": " << printable(e.what()) << "\n\n" << command_usage(*command);
    return kExitUsage;
  }

  try {
    return ctx.run();
  } catch (const UsageError& e) {
    std::cerr << "kamhost " << command->name << ": " << printable(e.what()) << "\n\n" << command_usage(*command);
    return kExitUsage;
  } catch (const Failure& e) {
    if (*e.what() != '\0') std::cerr << "kamhost " << command->name << ": " << printable(e.what()) << "\n";
    return kExitFailure;
  } catch (const kam::host::Error& e) {
    // Config errors come one per line; anything else is one line.
    const std::string text = e.status() == KAM_ERR_CONFIG ? printable_lines(e.what()) : printable(e.what());
    std::cerr << "kamhost " << command->name << ": " << text << "\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "kamhost " << command->name << ": " << printable(e.what()) << "\n";
    return kExitFailure;
  }
}

}  // namespace kamhost

int main(int argc, char** argv) {
  int status = kamhost::run(argc, argv);
  std::cout.flush();
  if (!std::cout) {
    std::fprintf(stderr, "kamhost: cannot write to standard output\n");
    return kamhost::kExitFailure;
  }
  return status;
}
