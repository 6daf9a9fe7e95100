// kamhost.hpp - shared pieces of the kamhost command line: exit codes, the command table and the
// context every command gets (global options, plugin loading). The command line itself is parsed by
// CLI11 (cli.hpp: the options every command shares).
#pragma once

#include <kam/host.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace CLI {
class App;
}
namespace date {
class time_zone;
}

namespace kamhost {

inline constexpr int kExitOk = 0;       // success
inline constexpr int kExitFailure = 1;  // the command failed; a message says why
inline constexpr int kExitUsage = 2;    // bad command line
inline constexpr int kExitRejected = 3; // import: some lines were rejected (the rest was imported)

// Thrown for a bad command line: main prints the message and the command's usage, exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown for a failure the command already explained: main only exits 1 (message may be empty).
class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Global options and services shared by the commands.
struct Context {
  std::string plugin_option;  // --plugin PATH, empty when not given
  std::string now_option;     // --now TIME, empty when not given (the system clock)
  bool verbose = false;       // --verbose: show the plugin's debug and info log lines
  // What the parsed command line asks for: set by the chosen (sub)command's CLI11 callback, run by
  // main once the whole line parsed.
  std::function<int()> run;

  // The plugin path in the documented order: --plugin, $KAM_PLUGIN, the installed path, libkam.so next
  // to the kamhost executable. Throws Failure when none exists.
  std::string plugin_path() const;
  // Where plugin_path() came from ("--plugin", "KAM_PLUGIN", "installed", "next to kamhost").
  std::string plugin_path_origin() const;
  // Load and negotiate; prints nothing, throws kam::host::Error.
  kam::host::Plugin load_plugin() const;
  // Callbacks for instances: plugin log lines go to stderr (warnings and errors; all with --verbose).
  kam::host::HostCallbacks callbacks() const;
};

// The config file a command uses: `option` (its --config FILE) when given, else $KAM_CONFIG, else
// /etc/kam/kam.yaml when that exists. A UsageError "WHAT needs --config FILE ..." otherwise.
std::string config_path(const std::string& what, const std::string& option);

// The one place a command opens the plugin instance of its config: the plugin, the instance, the
// business time zone (every date kamhost reads or prints about business days is in it) and the host
// clock (--now, else the system clock), which is also the clock the plugin gets (now_ms).
struct InstanceOptions;
class Session {
 public:
  // `what` names the command in messages ("tiers evaluate"); options are its --config and actor.
  Session(const Context& ctx, const std::string& what, const InstanceOptions& options);
  Session(const Context& ctx, const std::string& what, const InstanceOptions& options,
          kam::host::HostCallbacks callbacks);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const kam::host::Plugin& plugin() const { return plugin_; }
  kam::host::Instance& instance() { return *instance_; }
  // Who acts: --user (or audit's --actor) with the --role values, default kamhost as kam.admin.
  const kam::host::Actor& actor() const { return actor_; }
  // business.time_zone of the config.
  const date::time_zone* zone() const { return zone_; }
  // The host clock in UTC epoch milliseconds.
  int64_t now_ms() const;

 private:
  struct Clock;
  std::string config_;
  kam::host::Plugin plugin_;
  std::shared_ptr<Clock> clock_;
  std::unique_ptr<kam::host::Instance> instance_;
  kam::host::Actor actor_;
  const date::time_zone* zone_ = nullptr;
};

struct Command {
  std::string name;
  std::string synopsis;     // arguments after the name, e.g. "FILE"
  std::string summary;      // one line for `kamhost help`
  std::string description;  // more text for `kamhost help NAME` (may be empty)
  // Adds the command's options (and nested subcommands) to `app`, whose callback sets ctx.run.
  void (*define)(CLI::App& app, Context& ctx);
};

// Each command group adds its commands here (one file per group).
void add_general_commands(std::vector<Command>& commands);
void add_config_commands(std::vector<Command>& commands);
void add_instance_commands(std::vector<Command>& commands);
void add_import_commands(std::vector<Command>& commands);
void add_audit_commands(std::vector<Command>& commands);
void add_tiers_commands(std::vector<Command>& commands);    // tiers, tick
void define_tiers_list(CLI::App& tiers, Context& ctx);      // tiers list (cmd_tiers_list.cpp)
void add_account_commands(std::vector<Command>& commands);  // account
void add_accounts_commands(std::vector<Command>& commands);  // accounts duplicates|match|merge|unmerge
void add_report_commands(std::vector<Command>& commands);   // report
void define_report_sla(CLI::App& report, Context& ctx);     // report sla (cmd_report_sla.cpp)
void define_report_service(CLI::App& report, Context& ctx); // report service (cmd_service.cpp)
void add_complaints_commands(std::vector<Command>& commands);  // complaints queue|show|account
void add_service_commands(std::vector<Command>& commands);     // service queue|show|account (1.4)
void add_demo_commands(std::vector<Command>& commands);     // demo generate
void add_visits_commands(std::vector<Command>& commands);   // who, visits due|account (1.4)
void define_report_visits(CLI::App& report, Context& ctx);  // report visits (cmd_visits.cpp)
void add_deals_commands(std::vector<Command>& commands);    // deals register|list|review|expire|conflicts, quote (1.5)
void define_report_channel(CLI::App& report, Context& ctx); // report channel (cmd_deals.cpp)

// Writes text to path (an SVG chart), replacing it; throws Failure naming the path and the error.
void write_text_file(const std::string& path, const std::string& text);

// --from / --to of the reports: a date (the start of that day; an `end` date includes that day, so
// it ends as the next day starts) or a date-time, in the business zone unless it ends in Z or
// +HH:MM. 0 when not given. Throws UsageError naming `option` (cmd_report_sla.cpp).
int64_t period_bound(const std::string& text, const char* option, bool end, const date::time_zone* zone);

// The whole table, in help order.
const std::vector<Command>& all_commands();
const Command* find_command(const std::string& name);

// `kamhost version` (and --version): kamhost's, the plugin's and the ABI's versions.
int print_version(Context& ctx);

// Usage text for kamhost or for one command.
std::string usage();
std::string command_usage(const Command& command);

// Rethrows a plugin error about account `account_id`; a KAM_ERR_NOT_FOUND whose message does not name
// the account gets "(account 'ID')" appended, so the admin sees which one.
[[noreturn]] void rethrow_naming_account(const kam::host::Error& e, const std::string& account_id);

// Thousands separators: 1234567 -> "1,234,567" (for people; summaries print plain numbers).
// Defined in render/format.cpp (the render library).
std::string grouped(uint64_t n);

}  // namespace kamhost
