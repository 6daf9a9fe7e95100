// cmd_visits.cpp - `kamhost who PHONE|EMAIL` (who is calling, ABI 1.4 kam/contacts.h), `kamhost
// visits due [--overdue]` and `kamhost visits account ID` (visit plans, kam/visits.h), and `report
// visits` (the visit compliance KPIs; its definition is called from cmd_report.cpp). The commands
// only call the plugin and hand the JSON to render/visits.hpp.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "kamhost.hpp"
#include "render/visits.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

struct WhoOptions {
  InstanceOptions instance;
  std::string query;
  bool raw = false;
};

int who(Context& ctx, const WhoOptions& o) {
  if (o.query.empty()) throw UsageError("who needs a phone number or an e-mail address");
  Session session(ctx, "who", o.instance);
  std::string text;
  try {
    text = session.instance().contacts().who(session.actor(), o.query);
  } catch (const kam::host::Error& e) {
    if (e.status() == KAM_ERR_NOT_FOUND) throw Failure(e.message());
    throw;
  }
  if (o.raw) {
    std::cout << text << "\n";
  } else {
    render_who(std::cout, json::parse(text), session.zone());
  }
  return kExitOk;
}

struct VisitsOptions {
  InstanceOptions instance;
  std::string manager, after, id;
  uint64_t limit = 0, days = 0;
  bool overdue = false, raw = false;
};

int visits_due(Context& ctx, const VisitsOptions& o) {
  Session session(ctx, "visits due", o.instance);
  kam::host::VisitsDueQuery q;
  q.overdue_only = o.overdue;
  q.manager_id = o.manager;
  q.horizon_ms = static_cast<int64_t>(o.days) * 86'400'000LL;
  q.after = o.after;
  q.limit = static_cast<uint32_t>(o.limit);
  const std::string text = session.instance().visits().due(session.actor(), q);
  if (o.raw) {
    std::cout << text << "\n";
  } else {
    render_visits_due(std::cout, json::parse(text));
  }
  return kExitOk;
}

int visits_account(Context& ctx, const VisitsOptions& o) {
  if (o.id.empty()) throw UsageError("visits account needs an account ID");
  Session session(ctx, "visits account", o.instance);
  std::string text;
  try {
    text = session.instance().visits().account(session.actor(), o.id, static_cast<uint32_t>(o.limit));
  } catch (const kam::host::Error& e) {
    if (e.status() == KAM_ERR_NOT_FOUND) throw Failure(e.message());
    throw;
  }
  std::cout << (o.raw ? text : json::parse(text).dump(2)) << "\n";
  return kExitOk;
}

void define_who(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<WhoOptions>();
  add_instance_options(app, o->instance);
  app.add_flag("--json", o->raw, "print the plugin's JSON instead of the table");
  app.add_option("PHONE|EMAIL", o->query, "a phone number (any common format) or an e-mail address");
  on_run(app, ctx, [&ctx, o] { return who(ctx, *o); });
}

void define_visits(CLI::App& app, Context& ctx) {
  make_group(app, "visits needs a subcommand: due or account",
             [](const std::string& w) { return "unknown subcommand 'visits " + w + "': use due or account"; });
  CLI::App& due = *app.add_subcommand("due", "visits due (and overdue), earliest first");
  auto d = std::make_shared<VisitsOptions>();
  add_instance_options(due, d->instance);
  due.add_flag("--overdue", d->overdue, "only the overdue ones");
  add_text(due, "--manager", d->manager, "only this account manager's accounts");
  add_number(due, "--days", d->days, 1, 3650, "due within N days (default visits.due_ahead_days)");
  add_text(due, "--after", d->after, "the next page (the cursor the previous page printed)");
  add_number(due, "--limit", d->limit, 1, 1000, "at most N visits (default 100)");
  due.add_flag("--json", d->raw, "print the plugin's JSON instead of the table");
  on_run(due, ctx, [&ctx, d] { return visits_due(ctx, *d); });
  CLI::App& account = *app.add_subcommand("account", "an account's visit plan and visits");
  auto a = std::make_shared<VisitsOptions>();
  add_instance_options(account, a->instance);
  add_number(account, "--limit", a->limit, 1, 1000, "at most N visits (default 20)");
  account.add_flag("--json", a->raw, "print the plugin's JSON unformatted");
  account.add_option("ID", a->id, "account ID");
  on_run(account, ctx, [&ctx, a] { return visits_account(ctx, *a); });
}

struct ReportVisitsOptions {
  InstanceOptions instance;
  std::string by, svg_path;
  uint64_t days = 0;
  bool raw = false;
};

int report_visits(Context& ctx, const ReportVisitsOptions& o) {
  kam_visit_kpi_group group = KAM_VISIT_KPI_ALL;
  if (o.by == "tier") {
    group = KAM_VISIT_KPI_BY_TIER;
  } else if (o.by == "manager") {
    group = KAM_VISIT_KPI_BY_MANAGER;
  } else if (!o.by.empty() && o.by != "all") {
    throw UsageError("--by must be tier or manager, not '" + o.by + "'");
  }
  Session session(ctx, "report visits", o.instance);
  const int64_t to = session.now_ms();
  const int64_t from = o.days > 0 ? to - static_cast<int64_t>(o.days) * 86'400'000LL : 0;
  const std::string text = session.instance().visits().kpis(session.actor(), group, from, to);
  const json kpis = json::parse(text);
  if (!o.svg_path.empty()) {
    write_text_file(o.svg_path, visit_kpis_svg(kpis));
  }
  if (o.raw) {
    std::cout << text << "\n";
    return kExitOk;
  }
  render_visit_kpis(std::cout, kpis);
  if (!o.svg_path.empty()) std::cout << "chart: " << o.svg_path << "\n";
  return kExitOk;
}

}  // namespace

void define_report_visits(CLI::App& report, Context& ctx) {
  CLI::App& sub = *report.add_subcommand("visits", "visit compliance by tier or manager");
  auto o = std::make_shared<ReportVisitsOptions>();
  add_instance_options(sub, o->instance);
  add_text(sub, "--by", o->by, "tier or manager (default: one row)");
  add_number(sub, "--days", o->days, 1, 3650, "the last N days (default 90)");
  add_text(sub, "--svg", o->svg_path, "also write compliance per group as an SVG bar chart to FILE");
  sub.add_flag("--json", o->raw, "print the plugin's JSON report instead of the table");
  on_run(sub, ctx, [&ctx, o] { return report_visits(ctx, *o); });
}

void add_visits_commands(std::vector<Command>& commands) {
  commands.push_back(
      {"who", "PHONE|EMAIL --config CFG [--json]", "who is calling: the accounts a phone number or e-mail belongs to",
       "  kamhost who PHONE|EMAIL --config CFG [--json]\n"
       "      The accounts whose own numbers or whose contacts' numbers (or addresses) match,\n"
       "      in any common format (+86 138 0013 8000, 13800138000, 010-6552-9988: national\n"
       "      numbers are read in contacts.default_region): tier, the tier's hotline, the\n"
       "      account manager, the contact, open complaints and service requests, the next\n"
       "      visit due. A number shared by several accounts lists them all; an unknown caller\n"
       "      exits 1 (\"not found\"). Needs contacts.lookup. ABI 1.4.\n",
       &define_who});
  commands.push_back(
      {"visits", "due [--overdue]|account ID --config CFG [--json]", "customer visits due and overdue per tier plan",
       "  kamhost visits due --config CFG [--overdue] [--manager ID] [--days N] [--limit N]\n"
       "      The visits due within visits.due_ahead_days (or N days), earliest first: due date,\n"
       "      status (upcoming, due, OVERDUE with the days), account, tier, cadence, last\n"
       "      completed visit, manager. --overdue: only the overdue ones. Needs visits.read\n"
       "      (one's own accounts) or visits.read.all.\n"
       "\n"
       "  kamhost visits account ID --config CFG\n"
       "      One account's plan (cadence, last visit, due date, status) and its visits.\n"
       "\n"
       "The plan is each tier's benefits.visit_cadence_days from the last completed visit\n"
       "(docs/visits.md). The actor is --user ID (default kamhost) with --role ROLE...\n"
       "(default kam.admin). Needs a plugin with ABI 1.4.\n",
       &define_visits});
}

}  // namespace kamhost
