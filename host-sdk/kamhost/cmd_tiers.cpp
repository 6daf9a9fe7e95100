// cmd_tiers.cpp - commands for the tier engine's actions (ABI 1.1): `tiers evaluate`,
// `tiers override set|clear`, and `tick`, the periodic call a host makes (`tiers list`:
// cmd_tiers_list.cpp).
#include <iostream>
#include <memory>

#include "cli.hpp"
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
struct EvaluateOptions {
  InstanceOptions instance;
  std::string account;
  bool dry_run = false;
};

int tiers_evaluate(Context& ctx, const EvaluateOptions& o) {
  const std::string& account = o.account;
  const bool dry_run = o.dry_run;
  Session session(ctx, "tiers evaluate", o.instance);
  Progress progress(Progress::stderr_is_terminal(), 0, "accounts", "acc/s");
  kam_tier_evaluation_summary summary{};
  try {
    summary = session.instance().evaluate_tiers(
        session.actor(), account,
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

struct OverrideOptions {
  InstanceOptions instance;
  std::string reason, until;
  std::vector<std::string> positional;
};

int tiers_override(Context& ctx, bool set, const OverrideOptions& o) {
  const std::vector<std::string>& positional = o.positional;
  const std::string& reason = o.reason;
  const std::string& until = o.until;
  const std::string what = set ? "tiers override set" : "tiers override clear";
  if (positional.size() != (set ? 2u : 1u)) throw UsageError(what + (set ? " needs ID and TIER" : " needs one ID"));
  if (reason.empty()) throw UsageError(what + " needs --reason TEXT (it goes to the audit trail)");
  if (set && until.empty()) throw UsageError(what + " needs --until (YYYY-MM-DD | epoch-ms | +30d)");
  const std::string& account = positional[0];

  Session session(ctx, what, o.instance);
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
      session.instance().set_tier_override(session.actor(), account, positional[1], reason, expires_at_ms);
    } else {
      session.instance().clear_tier_override(session.actor(), account, reason);
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

void define_override(CLI::App& tiers, Context& ctx, bool set) {
  CLI::App& app = *tiers.add_subcommand(set ? "set" : "clear", set ? "pin an account to a tier" : "end an override");
  auto o = std::make_shared<OverrideOptions>();
  add_instance_options(app, o->instance);
  add_text(app, "--reason", o->reason, "why (it goes to the audit trail)");
  if (set) add_text(app, "--until", o->until, "YYYY-MM-DD | epoch-ms | +30d");
  app.add_option("ARGS", o->positional, set ? "ID TIER" : "ID");
  on_run(app, ctx, [&ctx, set, o] { return tiers_override(ctx, set, *o); });
}

void define_tiers(CLI::App& app, Context& ctx) {
  make_group(app, "tiers needs a subcommand: evaluate, override or list", [](const std::string& w) {
    return "unknown subcommand 'tiers " + w + "': use evaluate, override or list";
  });
  CLI::App& evaluate = *app.add_subcommand("evaluate", "classify accounts now");
  auto e = std::make_shared<EvaluateOptions>();
  add_instance_options(evaluate, e->instance);
  add_text(evaluate, "--account", e->account, "only this account");
  evaluate.add_flag("--dry-run", e->dry_run, "compute and count, store nothing");
  on_run(evaluate, ctx, [&ctx, e] { return tiers_evaluate(ctx, *e); });

  CLI::App& override_group = *app.add_subcommand("override", "set or clear a manual tier override");
  const std::string override_needs = "tiers override needs 'set ID TIER' or 'clear ID'";
  make_group(override_group, override_needs, [override_needs](const std::string&) { return override_needs; });
  define_override(override_group, ctx, true);
  define_override(override_group, ctx, false);

  define_tiers_list(app, ctx);
}

// ---------------------------------------------------------------------------------------------------
// tick
// ---------------------------------------------------------------------------------------------------
// "1 request", "3 requests": a count with its noun.
std::string counted(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int tick(Context& ctx, const InstanceOptions& options) {
  Session session(ctx, "tick", options);
  const kam_tick_result result = session.instance().tick(session.actor());
  if (result.tier_evaluation_ran != 0) {
    std::cout << "tick: tier evaluation ran: " << summary_line(result.tiers) << "\n";
  } else {
    std::cout << "tick: tier evaluation not due\n";
  }
  // 1.3: the complaints' SLA check (a 1.2 plugin has none: no line).
  if (session.plugin().abi_minor() >= 3) {
    if (result.sla_ran != 0) {
      std::cout << "tick: SLA check ran: " << counted(result.sla_complaints, "complaint", "complaints")
                << " with a level due, " << counted(result.sla_warnings, "warning", "warnings") << ", "
                << counted(result.sla_breaches, "breach", "breaches") << " notified\n";
    } else {
      std::cout << "tick: SLA check not due\n";
    }
  }
  // 1.4: the service requests' state deadlines and the visit plans (a 1.3 plugin has neither).
  if (session.plugin().abi_minor() >= 4) {
    if (result.service_ran != 0) {
      std::cout << "tick: service deadline check ran: " << counted(result.service_requests, "request", "requests")
                << " with a step due, " << counted(result.service_notifications, "notification", "notifications")
                << ", " << counted(result.service_auto_transitions, "auto-transition", "auto-transitions") << "\n";
    } else {
      std::cout << "tick: service deadline check not due\n";
    }
    if (result.visits_ran != 0) {
      std::cout << "tick: visit plan check ran: " << result.visits_due << " due, " << result.visits_overdue
                << " overdue notified\n";
    } else {
      std::cout << "tick: visit plan check not due\n";
    }
  }
  return kExitOk;
}

void define_tick(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<InstanceOptions>();
  add_instance_options(app, *o);
  on_run(app, ctx, [&ctx, o] { return tick(ctx, *o); });
}

}  // namespace

void add_tiers_commands(std::vector<Command>& commands) {
  commands.push_back(
      {"tiers", "evaluate|override|list ... --config CFG",
       "classify accounts now; set or clear manual tier overrides; list every account's tier",
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
       "  kamhost tiers list --config CFG [--tier T] [--csv] [--limit N]\n"
       "      Every account's tier in account id order, read a page of 1000 at a time\n"
       "      (tiers_list, ABI 1.2; needs tiers.read): account, name, tier, since (a date\n"
       "      in business.time_zone), computed tier, overridden, pending downgrade, churn;\n"
       "      then a line \"N accounts\". --tier T only accounts in tier T (an unknown tier\n"
       "      exits 1 naming the configured ones); --limit N at most N accounts; --csv\n"
       "      prints CSV (RFC 4180: a header row, fields quoted when they hold a comma or a\n"
       "      quote, no summary line).\n"
       "\n"
       "The actor is --user ID (default kamhost) with --role ROLE... (default kam.admin).\n"
       "An unknown account or tier, or a missing permission, exits 1 with the plugin's\n"
       "message. Needs a plugin with ABI 1.1 or newer (tiers list: 1.2).\n",
       &define_tiers});
  commands.push_back({"tick", "--config CFG", "run the periodic work that is due (tier evaluation, SLA, service and visit checks)",
                      "Calls the plugin's tick once, as a host does every minute or so: the tier\n"
                      "evaluation of every account runs when tiers.evaluate_every has passed since\n"
                      "the last one (by any host on the database); the complaints' SLA check every\n"
                      "complaints.check_every (ABI 1.3), writing each warning and breach\n"
                      "notification of the escalation chain that is due by the host clock (--now\n"
                      "TIME) once. Prints\n"
                      "  tick: tier evaluation ran: evaluated N accounts: ... (T ms)\n"
                      "or\n"
                      "  tick: tier evaluation not due\n"
                      "then (ABI 1.3)\n"
                      "  tick: SLA check ran: N complaints with a level due, W warnings, B breaches notified\n"
                      "or\n"
                      "  tick: SLA check not due\n"
                      "then (ABI 1.4) the service requests' state deadlines and the visit plans\n"
                      "  tick: service deadline check ran: N requests with a step due, M notifications,\n"
                      "        A auto-transitions    (or: tick: service deadline check not due)\n"
                      "  tick: visit plan check ran: D due, O overdue notified\n"
                      "        (or: tick: visit plan check not due)\n"
                      "The actor is --user ID (default kamhost) with --role ROLE... (default\n"
                      "kam.admin); each job needs its permission (tiers.evaluate, complaints.tick,\n"
                      "service.tick, visits.tick): the tick runs those the actor holds and fails\n"
                      "when it holds none.\n",
                      &define_tick});
}

}  // namespace kamhost
