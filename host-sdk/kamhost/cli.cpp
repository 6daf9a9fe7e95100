// cli.cpp - the shared command-line pieces on CLI11 (see cli.hpp).
#include "cli.hpp"

#include <map>
#include <utility>

namespace kamhost {
namespace {

struct Group {
  std::string needs;
  std::function<std::string(const std::string&)> unknown;
};

// The groups by app; apps live as long as the root app, which main builds once.
std::map<const CLI::App*, Group>& groups() {
  static std::map<const CLI::App*, Group> g;
  return g;
}

const CLI::App* deepest_parsed(const CLI::App& root) {
  const CLI::App* app = &root;
  for (;;) {
    const std::vector<CLI::App*> parsed = app->get_subcommands();
    if (parsed.empty()) return app;
    app = parsed.front();
  }
}

// The group's usage error when the deepest parsed app is a group: `first` is the first word after it.
std::string group_problem(const CLI::App& root, const std::string& first) {
  const auto it = groups().find(deepest_parsed(root));
  if (it == groups().end()) return {};
  return first.empty() ? it->second.needs : it->second.unknown(first);
}

}  // namespace

CLI::Option* add_text(CLI::App& app, const std::string& name, std::string& value, const std::string& help) {
  return app.add_option(name, value, help)
      ->take_last()
      ->check(CLI::Validator(
          [name](std::string& v) -> std::string {
            if (v.empty()) throw UsageError("option " + name + " needs a non-empty value");
            return {};
          },
          ""));
}

CLI::Option* add_number(CLI::App& app, const std::string& name, uint64_t& value, uint64_t min, uint64_t max,
                        const std::string& help) {
  return app.add_option(name, value, help)
      ->take_last()
      ->check(CLI::Validator(
          [name, min, max](std::string& text) -> std::string {
            uint64_t v = 0;
            bool ok = !text.empty() && text.size() <= 19;
            for (char c : text) {
              if (c < '0' || c > '9') ok = false;
              else v = v * 10 + static_cast<uint64_t>(c - '0');
            }
            if (!ok || v < min || v > max)
              throw UsageError("option " + name + " needs a whole number from " + grouped(min) + " to " +
                               grouped(max) + ", not '" + text + "'");
            return {};
          },
          "N"));
}

kam::host::Actor ActorOptions::actor() const {
  return kam::host::Actor(user, roles.empty() ? std::vector<std::string>{"kam.admin"} : roles);
}

void add_instance_options(CLI::App& app, InstanceOptions& options, bool with_actor, const std::string& user_option) {
  add_text(app, "--config", options.config, "the YAML config (else $KAM_CONFIG, else /etc/kam/kam.yaml)");
  if (!with_actor) return;
  add_text(app, user_option, options.actor.user, "the actor (default kamhost)");
  app.add_option("--role", options.actor.roles, "the actor's role, repeatable (default kam.admin)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void make_group(CLI::App& app, std::string needs, std::function<std::string(const std::string&)> unknown) {
  // One subcommand: a word after it is its argument, even if a subcommand of this group has that name.
  app.require_subcommand(0, 1);
  groups()[&app] = Group{std::move(needs), std::move(unknown)};
}

std::string command_path(const CLI::App& app) {
  std::string path;
  for (const CLI::App* a = &app; a != nullptr && a->get_parent() != nullptr; a = a->get_parent())
    path = a->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

void on_run(CLI::App& app, Context& ctx, std::function<int()> run) {
  app.callback([&ctx, run = std::move(run)] { ctx.run = run; });
}

void check_groups(const CLI::App& root) {
  if (root.get_subcommands().empty()) return;  // kamhost --version
  const std::string problem = group_problem(root, "");
  if (!problem.empty()) throw UsageError(problem);
}

std::string usage_message(const CLI::App& root, const CLI::ParseError& e) {
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    const std::vector<std::string> extras = root.remaining(true);
    const std::string first = extras.empty() ? std::string() : extras.front();
    const std::string problem = group_problem(root, first);
    if (!problem.empty()) return problem;
    if (first.size() > 1 && first[0] == '-') return "unknown option '" + first + "'";
    return "unexpected argument '" + first + "'";
  }
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    // "--plugin: 1 required TEXT missing"
    const std::size_t colon = what.find(": ");
    if (colon != std::string::npos && what.find("missing", colon) != std::string::npos)
      return "option " + what.substr(0, colon) + " needs a value";
  }
  return what;
}

}  // namespace kamhost
