// cmd_account.cpp - `kamhost account show`: an account's card (ABI 1.1 account_card) as an account
// manager reads it: tier and why, benefits in words, key metrics, churn risk, history.
#include <iostream>

#include <nlohmann/json.hpp>

#include "kamhost.hpp"
#include "render/card.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

int account_show(Context& ctx, const std::vector<std::string>& args) {
  std::string config;
  bool raw = false;
  std::vector<std::string> ids;
  ActorOptions actor;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string value;
    if (take_option(args, i, "--config", value)) {
      config = value;
    } else if (args[i] == "--json") {
      raw = true;
    } else if (actor.take(args, i)) {
    } else if (args[i].size() > 1 && args[i][0] == '-') {
      throw UsageError("unknown option '" + args[i] + "'");
    } else {
      ids.push_back(args[i]);
    }
  }
  if (ids.size() != 1) throw UsageError("account show needs exactly one account ID");
  const std::string& id = ids[0];

  Session session(ctx, "account show", config);
  std::string text;
  try {
    text = session.instance().account_card(actor.actor(), id);
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

int cmd_account(Context& ctx, const std::vector<std::string>& args) {
  if (args.empty()) throw UsageError("account needs a subcommand: show");
  if (args[0] == "show") return account_show(ctx, std::vector<std::string>(args.begin() + 1, args.end()));
  throw UsageError("unknown subcommand 'account " + args[0] + "': use show");
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
       &cmd_account});
}

}  // namespace kamhost
