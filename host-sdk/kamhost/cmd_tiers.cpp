// cmd_tiers.cpp - commands for the tier engine's actions (ABI 1.1): `tiers evaluate`,
// `tiers override set|clear`, and `tick`, the periodic call a host makes.
#include <iostream>

#include "kamhost.hpp"
#include "time_text.hpp"
#include "progress.hpp"

namespace kamhost {
namespace {

// The summary of an evaluation, one line with plain numbers (for scripts):
// "evaluated 4 accounts: 4 initial, 0 upgraded, ... 0 skipped (12 ms)".
// Both the evaluation summary and the frozen 1.1 copy a tick result embeds (kam.h).
template <class Summary>
std::string summary_line(const Summary& s) {
  auto n = [](uint64_t v) { return std::to_string(v); };
  return "evaluated " + n(s.accounts) + (s.accounts == 1 ? " account: " : " accounts: ") + n(s.initial) +
         " initial, " + n(s.upgraded) + " upgraded, " + n(s.downgraded) + " downgraded, " + n(s.downgrades_pending) +
         " pending downgrades, " + n(s.churn_alerts) + " churn alerts, " + n(s.notifications) + " notifications, " +
         n(s.skipped) + " skipped (" + std::to_string(s.duration_ms) + " ms)";
}

// ---------------------------------------------------------------------------------------------------
// tiers evaluate | override set | override clear
// ---------------------------------------------------------------------------------------------------
int tiers_evaluate(Context& ctx, const std::vector<std::string>& args) {
  std::string config, account;
  bool dry_run = false;
  ActorOptions actor;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string value;
    if (take_option(args, i, "--config", value)) {
      config = value;
    } else if (take_option(args, i, "--account", value)) {
      account = value;
    } else if (args[i] == "--dry-run") {
      dry_run = true;
    } else if (actor.take(args, i)) {
    } else {
      throw UsageError("unexpected argument '" + args[i] + "'");
    }
  }
  Session session(ctx, "tiers evaluate", config);
  Progress progress(Progress::stderr_is_terminal(), 0, "accounts", "acc/s");
  kam_tier_evaluation_summary summary{};
  try {
    summary = session.instance().evaluate_tiers(
        actor.actor(), account,
        [&progress](uint64_t done, uint64_t total) {
          progress.set_total(total);
          progress.update(done, done, done == total);
        },
        dry_run);
  } catch (const kam::host::Error& e) {
    progress.finish();
    if (!account.empty()) rethrow_naming_account(e, account);
    throw;
  }
  progress.finish();
  std::cout << summary_line(summary) << (dry_run ? " [dry run: nothing stored, nothing notified]" : "") << "\n";
  return kExitOk;
}

int tiers_override(Context& ctx, const std::vector<std::string>& args) {
  if (args.empty() || (args[0] != "set" && args[0] != "clear"))
    throw UsageError("tiers override needs 'set ID TIER' or 'clear ID'");
  const bool set = args[0] == "set";
  std::string config, reason, until;
  std::vector<std::string> positional;
  ActorOptions actor;
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string value;
    if (take_option(args, i, "--config", value)) {
      config = value;
    } else if (take_option(args, i, "--reason", value)) {
      reason = value;
    } else if (set && take_option(args, i, "--until", value)) {
      until = value;
    } else if (actor.take(args, i)) {
    } else if (args[i].size() > 1 && args[i][0] == '-') {
      throw UsageError("unknown option '" + args[i] + "'");
    } else {
      positional.push_back(args[i]);
    }
  }
  const std::string what = set ? "tiers override set" : "tiers override clear";
  if (positional.size() != (set ? 2u : 1u)) throw UsageError(what + (set ? " needs ID and TIER" : " needs one ID"));
  if (reason.empty()) throw UsageError(what + " needs --reason TEXT (it goes to the audit trail)");
  if (set && until.empty()) throw UsageError(what + " needs --until (YYYY-MM-DD | epoch-ms | +30d)");
  const std::string& account = positional[0];

  Session session(ctx, what, config);
  int64_t expires_at_ms = 0;
  if (set) {
    const auto parsed = parse_until(until, session.now_ms(), session.zone());
    if (!parsed)
      throw UsageError("--until needs a date YYYY-MM-DD (in the business time zone), UTC epoch milliseconds or +N "
                       "followed by m, h, d or w (from now), not '" + until + "'");
    expires_at_ms = *parsed;
  }
  try {
    if (set) {
      session.instance().set_tier_override(actor.actor(), account, positional[1], reason, expires_at_ms);
    } else {
      session.instance().clear_tier_override(actor.actor(), account, reason);
    }
  } catch (const kam::host::Error& e) {
    rethrow_naming_account(e, account);
  }
  if (set) {
    std::cout << "override set: account " << account << " is " << positional[1] << " until "
              << zone_time(expires_at_ms, session.zone()) << " (" << expires_at_ms << ")\n";
  } else {
    std::cout << "override cleared: account " << account << " follows its rules again\n";
  }
  return kExitOk;
}

int cmd_tiers(Context& ctx, const std::vector<std::string>& args) {
  if (args.empty()) throw UsageError("tiers needs a subcommand: evaluate or override");
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "evaluate") return tiers_evaluate(ctx, rest);
  if (args[0] == "override") return tiers_override(ctx, rest);
  throw UsageError("unknown subcommand 'tiers " + args[0] + "': use evaluate or override");
}

// ---------------------------------------------------------------------------------------------------
// tick
// ---------------------------------------------------------------------------------------------------
int cmd_tick(Context& ctx, const std::vector<std::string>& args) {
  std::string config;
  ActorOptions actor;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string value;
    if (take_option(args, i, "--config", value)) {
      config = value;
    } else if (actor.take(args, i)) {
    } else {
      throw UsageError("unexpected argument '" + args[i] + "'");
    }
  }
  Session session(ctx, "tick", config);
  const kam_tick_result result = session.instance().tick(actor.actor());
  if (result.tier_evaluation_ran != 0) {
    std::cout << "tick: tier evaluation ran: " << summary_line(result.tiers) << "\n";
  } else {
    std::cout << "tick: tier evaluation not due\n";
  }
  return kExitOk;
}

}  // namespace

void add_tiers_commands(std::vector<Command>& commands) {
  commands.push_back(
      {"tiers", "evaluate|override ... --config CFG", "classify accounts now; set or clear manual tier overrides",
       "  kamhost tiers evaluate --config CFG [--account ID] [--dry-run]\n"
       "      Classifies every account (or one) now by the config's tier rules, with\n"
       "      hysteresis, overrides and churn risk; stores each change in the tier history\n"
       "      and writes a notification per change (needs tiers.evaluate). --dry-run\n"
       "      computes and counts but stores nothing and notifies nobody. On a terminal a\n"
       "      progress bar runs on standard error. Then standard output says\n"
       "        evaluated N accounts: I initial, U upgraded, D downgraded, P pending\n"
       "        downgrades, C churn alerts, M notifications, S skipped (T ms)\n"
       "      on one line (\" [dry run: ...]\" follows with --dry-run).\n"
       "\n"
       "  kamhost tiers override set ID TIER --reason TEXT --until WHEN --config CFG\n"
       "      Pins account ID to TIER until WHEN, replacing an override in force (needs\n"
       "      tiers.override; audited with the reason). WHEN is a date YYYY-MM-DD (the\n"
       "      override ends as that day starts in business.time_zone), UTC epoch\n"
       "      milliseconds, or +N with m, h, d or w (+30d: thirty days from --now).\n"
       "\n"
       "  kamhost tiers override clear ID --reason TEXT --config CFG\n"
       "      Ends the override in force on account ID early (needs tiers.override).\n"
       "\n"
       "The actor is --user ID (default kamhost) with --role ROLE... (default kam.admin).\n"
       "An unknown account or tier, or a missing permission, exits 1 with the plugin's\n"
       "message. Needs a plugin with ABI 1.1 or newer.\n",
       &cmd_tiers});
  commands.push_back({"tick", "--config CFG", "run the periodic work that is due (the tier evaluation)",
                      "Calls the plugin's tick once, as a host does every minute or so: the tier\n"
                      "evaluation of every account runs when tiers.evaluate_every has passed since\n"
                      "the last one (by any host on the database). Prints\n"
                      "  tick: tier evaluation ran: evaluated N accounts: ... (T ms)\n"
                      "or\n"
                      "  tick: tier evaluation not due\n"
                      "The actor is --user ID (default kamhost) with --role ROLE... (default\n"
                      "kam.admin); it needs tiers.evaluate.\n",
                      &cmd_tick});
}

}  // namespace kamhost
