// cmd_service.cpp - `kamhost service queue|show|account` (service workflows,
// ABI 1.4, kam/service.h) and `kamhost report service`: the commands only call
// the plugin and hand the JSON to render/service.hpp.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "kamhost.hpp"
#include "render/service.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

struct ServiceOptions {
  InstanceOptions instance;
  std::vector<std::string> ids;
  uint64_t limit = 0;
  bool raw = false, closed = false, complaints = false;
};

const std::string& one_id(const ServiceOptions& o, const std::string& what, const std::string& noun) {
  if (o.ids.size() != 1) throw UsageError("service " + what + " needs exactly one " + noun);
  return o.ids[0];
}

template <class Render>
int print(const std::string& text, bool raw, Render&& render) {
  if (raw)
    std::cout << text << "\n";
  else
    render(std::cout, json::parse(text));
  return kExitOk;
}

int service_queue(Context& ctx, const ServiceOptions& o) {
  const std::string& employee = one_id(o, "queue", "employee USER");
  Session session(ctx, "service queue", o.instance);
  return print(
      session.instance().service().queue(session.actor(), employee, o.complaints, static_cast<uint32_t>(o.limit)),
      o.raw, render_service_queue);
}

int service_show(Context& ctx, const ServiceOptions& o) {
  const std::string& id = one_id(o, "show", "request ID");
  Session session(ctx, "service show", o.instance);
  return print(session.instance().service().show(session.actor(), id), o.raw, render_service_request);
}

int service_account(Context& ctx, const ServiceOptions& o) {
  const std::string& id = one_id(o, "account", "account ID");
  Session session(ctx, "service account", o.instance);
  return print(session.instance().service().account(session.actor(), id, o.closed, static_cast<uint32_t>(o.limit)),
               o.raw, render_account_requests);
}

void subcommand(CLI::App& app, Context& ctx, const char* name, const char* help, const char* arg,
                int (*run)(Context&, const ServiceOptions&)) {
  CLI::App& sub = *app.add_subcommand(name, help);
  auto o = std::make_shared<ServiceOptions>();
  add_instance_options(sub, o->instance);
  sub.add_flag("--json", o->raw, "print the plugin's JSON instead of the table");
  const std::string n = name;
  if (n != "show") add_number(sub, "--limit", o->limit, 1, 1000, "at most N items (default 100)");
  if (n == "queue") sub.add_flag("--with-complaints", o->complaints, "merge the employee's complaints in");
  if (n == "account") sub.add_flag("--closed", o->closed, "also the done ones");
  sub.add_option(arg, o->ids, arg);
  on_run(sub, ctx, [&ctx, o, run] { return run(ctx, *o); });
}

void define_service(CLI::App& app, Context& ctx) {
  make_group(app, "service needs a subcommand: queue, show or account",
             [](const std::string& w) { return "unknown subcommand 'service " + w + "': use queue, show or account"; });
  subcommand(app, ctx, "queue", "an employee's open service requests, nearest deadline first", "USER", &service_queue);
  subcommand(app, ctx, "show", "one service request's timeline", "ID", &service_show);
  subcommand(app, ctx, "account", "an account's service requests", "ID", &service_account);
}

struct ReportOptions {
  InstanceOptions instance;
  std::string by, from, to, svg_path;
  bool raw = false;
};

kam_service_kpi_group group_of(const std::string& by) {
  if (by.empty() || by == "all") return KAM_SERVICE_KPI_ALL;
  if (by == "tier") return KAM_SERVICE_KPI_BY_TIER;
  if (by == "pool") return KAM_SERVICE_KPI_BY_POOL;
  if (by == "state") return KAM_SERVICE_KPI_BY_STATE;
  if (by == "workflow") return KAM_SERVICE_KPI_BY_WORKFLOW;
  throw UsageError("--by must be tier, pool, state or workflow, not '" + by + "'");
}

int64_t bound(const std::string& text, const char* option, const date::time_zone* zone) {
  if (text.empty()) return 0;
  const auto at = parse_zone_time(text, zone);
  if (!at)
    throw UsageError(std::string(option) + " needs a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM, not '" + text + "'");
  return *at;
}

int report_service(Context& ctx, const ReportOptions& o) {
  const kam_service_kpi_group group = group_of(o.by);
  Session session(ctx, "report service", o.instance);
  const int64_t from = bound(o.from, "--from", session.zone());
  int64_t to = bound(o.to, "--to", session.zone());
  if (from != 0 && to == 0) to = session.now_ms();
  if (from != 0 && to != 0 && from >= to) throw UsageError("--from must be before --to");
  const std::string text = session.instance().service().kpis(session.actor(), group, from, to);
  const json report = json::parse(text);
  if (!o.svg_path.empty()) {
    write_text_file(o.svg_path, service_svg(report));
  }
  if (o.raw) {
    std::cout << text << "\n";
    return kExitOk;
  }
  render_service_report(std::cout, report);
  if (!o.svg_path.empty()) std::cout << "chart: " << o.svg_path << "\n";
  return kExitOk;
}

}  // namespace

void define_report_service(CLI::App& report, Context& ctx) {
  CLI::App& sub = *report.add_subcommand("service", "the service workflow report");
  auto o = std::make_shared<ReportOptions>();
  add_instance_options(sub, o->instance);
  add_text(sub, "--by", o->by, "tier, pool, state or workflow (default: one row for all)");
  add_text(sub, "--from", o->from, "requests opened from DATE (default: 30 days before --to)");
  add_text(sub, "--to", o->to, "up to DATE (default: now)");
  add_text(sub, "--svg", o->svg_path, "also write the chart as SVG to FILE");
  sub.add_flag("--json", o->raw, "print the plugin's JSON report instead of the table");
  on_run(sub, ctx, [&ctx, o] { return report_service(ctx, *o); });
}

void add_service_commands(std::vector<Command>& commands) {
  commands.push_back({"service", "queue USER|show ID|account ID --config CFG [--json]",
                      "an employee's service queue, a request's timeline, an account's "
                      "requests",
                      "  kamhost service queue USER --config CFG [--with-complaints] [--limit "
                      "N] [--json]\n"
                      "      The open service requests assigned to USER, nearest deadline "
                      "first (overdue\n"
                      "      ones first): request, account, tier, workflow/state, the state's "
                      "deadline in\n"
                      "      the workflow calendar's zone, business time left, OVERDUE. "
                      "--with-complaints\n"
                      "      merges USER's complaint queue in by time to deadline. Needs "
                      "service.read for\n"
                      "      one's own queue, service.read.department or service.read.all for "
                      "others'.\n"
                      "\n"
                      "  kamhost service show ID --config CFG [--json]\n"
                      "      One request's timeline: workflow, state, routing, the "
                      "append-only ledger and\n"
                      "      the deadline notifications sent.\n"
                      "\n"
                      "  kamhost service account ID --config CFG [--closed] [--limit N] "
                      "[--json]\n"
                      "      An account's open requests; --closed also the done ones.\n"
                      "\n"
                      "Computed by the plugin at the host clock (--now TIME). Business time "
                      "is working\n"
                      "time on the workflow's calendar, in hours and minutes. Needs a plugin "
                      "with ABI 1.4.\n",
                      &define_service});
}

}  // namespace kamhost
