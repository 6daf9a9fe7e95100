// main.cpp - kamhost: the reference host for the KAM plugin, standing in for an ERP.
// Parses the global options, finds the command in the table and runs it. Exit status: 0 success,
// 1 failure, 2 usage error, 3 import with rejected lines.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

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
      "report) take the actor as\n"
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

bool take_option(const std::vector<std::string>& args, std::size_t& i, const std::string& name, std::string& value) {
  const std::string& a = args[i];
  if (a == name) {
    if (i + 1 >= args.size()) throw UsageError("option " + name + " needs a value");
    value = args[++i];
    if (value.empty()) throw UsageError("option " + name + " needs a non-empty value");
    return true;
  }
  if (a.rfind(name + "=", 0) == 0) {
    value = a.substr(name.size() + 1);
    if (value.empty()) throw UsageError("option " + name + " needs a non-empty value");
    return true;
  }
  return false;
}

bool take_number(const std::vector<std::string>& args, std::size_t& i, const std::string& name, uint64_t min,
                 uint64_t max, uint64_t& value) {
  std::string text;
  if (!take_option(args, i, name, text)) return false;
  uint64_t v = 0;
  bool ok = !text.empty() && text.size() <= 19;
  for (char c : text) {
    if (c < '0' || c > '9') ok = false;
    else v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (!ok || v < min || v > max)
    throw UsageError("option " + name + " needs a whole number from " + grouped(min) + " to " + grouped(max) +
                     ", not '" + text + "'");
  value = v;
  return true;
}

bool ActorOptions::take(const std::vector<std::string>& args, std::size_t& i) {
  std::string value;
  if (take_option(args, i, user_option, value)) {
    user = value;
    return true;
  }
  if (take_option(args, i, "--role", value)) {
    roles.push_back(value);
    return true;
  }
  return false;
}

kam::host::Actor ActorOptions::actor() const {
  return kam::host::Actor(user, roles.empty() ? std::vector<std::string>{"kam.admin"} : roles);
}

void rethrow_naming_account(const kam::host::Error& e, const std::string& account_id) {
  if (e.status() == KAM_ERR_NOT_FOUND && e.message().find("'" + account_id + "'") == std::string::npos)
    throw Failure(std::string(e.what()) + " (account '" + account_id + "')");
  throw e;
}

std::string grouped(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

static int run(const std::vector<std::string>& args) {
  Context ctx;
  std::string name;
  std::vector<std::string> rest;
  bool help = false;
  const Command* command = nullptr;
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      std::string value;
      if (a == "--") {  // the rest is positional; the command sees the "--" too
        if (name.empty() && i + 1 < args.size()) name = args[++i];
        rest.push_back("--");
        rest.insert(rest.end(), args.begin() + static_cast<std::ptrdiff_t>(i + 1), args.end());
        break;
      } else if (take_option(args, i, "--plugin", value)) {
        ctx.plugin_option = value;
      } else if (take_option(args, i, "--now", value)) {
        ctx.now_option = value;
      } else if (a == "-v" || a == "--verbose") {
        ctx.verbose = true;
      } else if (a == "-h" || a == "--help") {
        help = true;
      } else if (name.empty() && a == "--version") {
        name = "version";
      } else if (name.empty()) {
        if (!a.empty() && a[0] == '-') throw UsageError("unknown option '" + a + "'");
        name = a;
      } else {
        rest.push_back(a);
      }
    }
    if (name.empty()) {
      if (help) {
        std::cout << usage();
        return kExitOk;
      }
      throw UsageError("no command given");
    }
    command = find_command(name);
    if (command == nullptr) throw UsageError("unknown command '" + name + "'");
  } catch (const UsageError& e) {
    std::cerr << "kamhost: " << printable(e.what()) << "\n\n" << usage();
    return kExitUsage;
  }

  if (help) {
    std::cout << command_usage(*command);
    return kExitOk;
  }
  try {
    return command->run(ctx, rest);
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
  std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  int status = kamhost::run(args);
  std::cout.flush();
  if (!std::cout) {
    std::fprintf(stderr, "kamhost: cannot write to standard output\n");
    return kamhost::kExitFailure;
  }
  return status;
}
