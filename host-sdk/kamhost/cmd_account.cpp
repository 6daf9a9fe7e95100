// cmd_account.cpp - `kamhost account show`: an account's card (ABI 1.1 account_card) as an account
// manager reads it: tier and why, benefits in words, key metrics, churn risk, history.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "kamhost.hpp"
#include "render/card.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

struct ShowOptions {
  InstanceOptions instance;
  bool raw = false;
  std::vector<std::string> ids;
};

int account_show(Context& ctx, const ShowOptions& o) {
  const std::vector<std::string>& ids = o.ids;
  const bool raw = o.raw;
  if (ids.size() != 1) throw UsageError("account show needs exactly one account ID");
  const std::string& id = ids[0];

  Session session(ctx, "account show", o.instance);
  std::string text;
  try {
    text = session.instance().account_card(session.actor(), id);
  } catch (const kam::host::Error& e) {
    rethrow_naming_account(e, id);
  }
  if (raw) {
    std::cout << text << "\n";
    return kExitOk;
  }
  render_card(std::cout, json::parse(text));
  return kExitOk;
}

void define_account(CLI::App& app, Context& ctx) {
  make_group(app, "account needs a subcommand: show",
             [](const std::string& w) { return "unknown subcommand 'account " + w + "': use show"; });
  CLI::App& show = *app.add_subcommand("show", "an account's card");
  auto o = std::make_shared<ShowOptions>();
  add_instance_options(show, o->instance);
  show.add_flag("--json", o->raw, "print the card's JSON as the plugin returned it");
  show.add_option("ID", o->ids, "the account");
  on_run(show, ctx, [&ctx, o] { return account_show(ctx, *o); });
}

}  // namespace

void add_account_commands(std::vector<Command>& commands) {
  commands.push_back(
      {"account", "show ID --config CFG [--json]", "an account's card: tier, benefits, metrics, why",
       "Prints what an account manager needs about account ID, computed now by the plugin\n"
       "(account_card; needs tiers.read):\n"
       "  - name and id; the tier's label and since when (business date), whether it is\n"
       "    overridden (by whom, until when, why) or has a downgrade pending;\n"
       "  - the tier's benefits in words (hotline, response and resolution targets,\n"
       "    discount authority, visit cadence, engineer pool);\n"
       "  - key metrics in the reporting currency (revenue, margin, orders, last order,\n"
       "    revenue share, Pareto rank, flags), lifetime value, churn risk;\n"
       "  - the plugin's explanation of the tier and of the churn risk, verbatim;\n"
       "  - the tier history, newest first.\n"
       "Dates are in the business time zone (business.time_zone). --json prints the card's JSON as the\n"
       "plugin returned it. The actor is --user ID (default kamhost) with --role ROLE...\n"
       "(default kam.admin). An unknown account exits 1 naming it.\n",
       &define_account});
}

}  // namespace kamhost
