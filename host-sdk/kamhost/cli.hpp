// cli.hpp - the options kamhost's commands share, on CLI11 (libcli11-dev): one way to declare a
// text or a number option (and so one wording for its errors), the instance and actor options every
// command that opens the instance takes, command groups (`tiers evaluate|override|list`), and the
// translation of CLI11's parse errors into kamhost's usage messages.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kamhost.hpp"

namespace kamhost {

// "--name VALUE" or "--name=VALUE" into value; an empty value is a usage error naming the option.
CLI::Option* add_text(CLI::App& app, const std::string& name, std::string& value, const std::string& help);
// Like add_text for a whole number in [min, max]; a usage error names the option and the range otherwise.
CLI::Option* add_number(CLI::App& app, const std::string& name, uint64_t& value, uint64_t min, uint64_t max,
                        const std::string& help);

// Who acts for commands that call the plugin on behalf of a person (import, audit, notifications,
// tiers, tick, account, report): "--user ID" (default "kamhost") and "--role ROLE", repeatable
// (default "kam.admin").
struct ActorOptions {
  std::string user = "kamhost";
  std::vector<std::string> roles;
  kam::host::Actor actor() const;
};

// What Session needs: the config (--config FILE, else $KAM_CONFIG, else /etc/kam/kam.yaml) and the actor.
struct InstanceOptions {
  std::string config;
  ActorOptions actor;
};

// Adds --config to app; with_actor also the actor's options, its user as `user_option` (audit takes
// "--actor" for it, as its --user is a filter).
void add_instance_options(CLI::App& app, InstanceOptions& options, bool with_actor = true,
                          const std::string& user_option = "--user");

// Makes app a command group (`tiers`, whose subcommands the caller adds). Without a subcommand, the
// usage error is `needs`; with an unknown first word W, unknown(W).
void make_group(CLI::App& app, std::string needs, std::function<std::string(const std::string&)> unknown);

// "tiers evaluate" for the app of `kamhost tiers evaluate`.
std::string command_path(const CLI::App& app);

// Sets app's callback so that ctx.run runs `run` once the whole line has parsed.
void on_run(CLI::App& app, Context& ctx, std::function<int()> run);

// After a parse: the usage error for a group given without a known subcommand (from the deepest
// parsed one), else nothing.
void check_groups(const CLI::App& root);
// CLI11's parse error as kamhost words it ("unknown option '--x'", "option --x needs a value", ...).
std::string usage_message(const CLI::App& root, const CLI::ParseError& e);

}  // namespace kamhost
