// cmd_accounts.cpp - `kamhost accounts duplicates|match|merge|unmerge`: account identity (ABI 1.4,
// kam/identity.h) as a master-data admin uses it: clusters of one company held under several
// account ids to review, the accounts a name matches (what deal registration asks), merging a
// cluster into a golden account and undoing it. The commands only call the plugin and hand the
// JSON to render/identity.hpp.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "kamhost.hpp"
#include "render/identity.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

struct AccountsOptions {
  InstanceOptions instance;
  std::vector<std::string> args;
  std::string min_score, tax_id, region, name_latin, after, reason;
  uint64_t limit = 0;
  bool raw = false;
};

// "0.9" -> 9000: a score above 0 and at most 1, with at most four decimals.
int32_t score_bp(const std::string& text) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const bool decimals_ok = text.find('.') == std::string::npos || text.size() - text.find('.') - 1 <= 4;
  if (used != text.size() || !(v > 0 && v <= 1) || !decimals_ok)
    throw UsageError("--min-score: expected a score above 0 and at most 1 (like 0.85), got '" + text + "'");
  return static_cast<int32_t>(v * 10000 + 0.5);
}

template <class Render>
int print(const std::string& text, bool raw, Render&& render) {
  if (raw)
    std::cout << text << "\n";
  else
    render(std::cout, json::parse(text));
  return kExitOk;
}

int accounts_duplicates(Context& ctx, const AccountsOptions& o) {
  if (!o.args.empty()) throw UsageError("accounts duplicates takes no arguments");
  const int32_t min = o.min_score.empty() ? 0 : score_bp(o.min_score);
  Session session(ctx, "accounts duplicates", o.instance);
  return print(session.instance().identity().duplicates(session.actor(), min, static_cast<uint32_t>(o.limit), o.after),
               o.raw, render_duplicates);
}

int accounts_match(Context& ctx, const AccountsOptions& o) {
  if (o.args.size() != 1) throw UsageError("accounts match needs exactly one NAME (quote it)");
  kam::host::MatchQuery q;
  q.name = o.args[0];
  q.name_latin = o.name_latin;
  q.tax_id = o.tax_id;
  q.region = o.region;
  q.min_score_bp = o.min_score.empty() ? 0 : score_bp(o.min_score);
  q.limit = static_cast<uint32_t>(o.limit);
  Session session(ctx, "accounts match", o.instance);
  return print(session.instance().identity().match(session.actor(), q), o.raw, render_matches);
}

int accounts_merge(Context& ctx, const AccountsOptions& o) {
  if (o.args.size() < 2)
    throw UsageError("accounts merge needs the GOLDEN account and at least one ID to merge into it");
  if (o.reason.empty()) throw UsageError("accounts merge needs --reason TEXT (it is kept in the audit trail)");
  const std::vector<std::string> ids(o.args.begin() + 1, o.args.end());
  Session session(ctx, "accounts merge", o.instance);
  return print(session.instance().identity().merge(session.actor(), o.args[0], ids, o.reason), o.raw, render_merge);
}

int accounts_unmerge(Context& ctx, const AccountsOptions& o) {
  if (o.args.size() != 1) throw UsageError("accounts unmerge needs exactly one account ID");
  if (o.reason.empty()) throw UsageError("accounts unmerge needs --reason TEXT (it is kept in the audit trail)");
  Session session(ctx, "accounts unmerge", o.instance);
  return print(session.instance().identity().unmerge(session.actor(), o.args[0], o.reason), o.raw, render_unmerge);
}

std::shared_ptr<AccountsOptions> subcommand(CLI::App& app, Context& ctx, const char* name, const char* help,
                                            const char* args, int (*run)(Context&, const AccountsOptions&)) {
  CLI::App& sub = *app.add_subcommand(name, help);
  auto o = std::make_shared<AccountsOptions>();
  add_instance_options(sub, o->instance);
  sub.add_flag("--json", o->raw, "print the plugin's JSON instead of the table");
  sub.add_option(args, o->args, args);
  on_run(sub, ctx, [&ctx, o, run] { return run(ctx, *o); });
  return o;
}

void define_accounts(CLI::App& app, Context& ctx) {
  make_group(app, "accounts needs a subcommand: duplicates, match, merge or unmerge", [](const std::string& w) {
    return "unknown subcommand 'accounts " + w + "': use duplicates, match, merge or unmerge";
  });
  auto dup = subcommand(app, ctx, "duplicates", "clusters of one company under several account ids", "ARGS",
                        &accounts_duplicates);
  CLI::App& d = *app.get_subcommand("duplicates");
  add_text(d, "--min-score", dup->min_score, "pairs at or above this score (default: identity.threshold)");
  add_number(d, "--limit", dup->limit, 1, 1000, "at most N clusters (default 100)");
  add_text(d, "--after", dup->after, "the page after this cluster id (the last page's 'more')");
  auto match =
      subcommand(app, ctx, "match", "the accounts a company name matches, with reasons", "NAME", &accounts_match);
  CLI::App& m = *app.get_subcommand("match");
  add_text(m, "--tax-id", match->tax_id, "its unified social credit code");
  add_text(m, "--region", match->region, "its region, for a name that names none");
  add_text(m, "--name-latin", match->name_latin, "a second spelling in Latin letters");
  add_text(m, "--min-score", match->min_score, "matches at or above this score (default: identity.threshold)");
  add_number(m, "--limit", match->limit, 1, 100, "at most N candidates (default 10)");
  auto merge =
      subcommand(app, ctx, "merge", "merge accounts into a golden account (audited)", "GOLDEN ID...", &accounts_merge);
  add_text(*app.get_subcommand("merge"), "--reason", merge->reason, "why (kept in the audit trail)");
  auto unmerge = subcommand(app, ctx, "unmerge", "undo an account's merge (audited)", "ID", &accounts_unmerge);
  add_text(*app.get_subcommand("unmerge"), "--reason", unmerge->reason, "why (kept in the audit trail)");
}

}  // namespace

void add_accounts_commands(std::vector<Command>& commands) {
  commands.push_back({"accounts", "duplicates|match NAME|merge GOLDEN ID...|unmerge ID --config CFG",
                      "duplicate accounts of one company, name matching, merges into a golden account",
                      "  kamhost accounts duplicates --config CFG [--min-score S] [--limit N] [--after ID] [--json]\n"
                      "      Clusters of accounts that are one company (\"上海华东电子科技有限公司\",\n"
                      "      \"华东电子科技（上海）有限公司\", \"Huadong Electronics Technology (Shanghai) Co.,\n"
                      "      Ltd.\"), for an admin to review: each cluster's accounts with their tax ids\n"
                      "      (an invalid unified social credit code is flagged and not used), and each\n"
                      "      matched pair with its score and reasons. --min-score S (above 0, at most 1;\n"
                      "      default identity.threshold). Needs accounts.read.\n"
                      "\n"
                      "  kamhost accounts match NAME --config CFG [--tax-id X] [--region R] [--json]\n"
                      "      The accounts NAME matches, best first, with score and reasons (what deal\n"
                      "      registration asks before a distributor registers a house account as new).\n"
                      "      Equal valid tax ids match with certainty, different valid ones never.\n"
                      "      A merged account answers as its golden account. Needs accounts.read.\n"
                      "\n"
                      "  kamhost accounts merge GOLDEN ID... --reason TEXT --config CFG [--json]\n"
                      "      Merges the accounts into GOLDEN: its tier counts their orders, its card lists\n"
                      "      them, its complaints include theirs. Audited. Merging a golden account brings\n"
                      "      its members along. Needs accounts.merge.\n"
                      "\n"
                      "  kamhost accounts unmerge ID --reason TEXT --config CFG [--json]\n"
                      "      Undoes one account's merge (audited); the next tier evaluation gives it its\n"
                      "      own tier again. Needs accounts.merge.\n"
                      "\n"
                      "--json prints the plugin's JSON (kam/identity.h). The actor is --user ID (default\n"
                      "kamhost) with --role ROLE... (default kam.admin). Needs a plugin with ABI 1.4.\n",
                      &define_accounts});
}

}  // namespace kamhost
