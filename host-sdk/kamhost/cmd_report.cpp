// cmd_report.cpp - `kamhost report pareto`: the Pareto (ABC) report (ABI 1.1 report_pareto) as a
// table, and optionally its curve as a self-contained SVG chart; the group's help (`report sla`:
// cmd_report_sla.cpp).
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "kamhost.hpp"
#include "render/pareto.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

struct ParetoOptions {
  InstanceOptions instance;
  std::string svg_path;
  uint64_t top = 0;
  bool raw = false;
};

int report_pareto(Context& ctx, const ParetoOptions& o) {
  const std::string& svg_path = o.svg_path;
  Session session(ctx, "report pareto", o.instance);
  const std::string text = session.instance().report_pareto(session.actor(), static_cast<uint32_t>(o.top));
  const json report = json::parse(text);
  if (!svg_path.empty()) write_text_file(svg_path, pareto_svg(report));
  if (o.raw) {
    std::cout << text << "\n";
    return kExitOk;
  }

  render_pareto_table(std::cout, report);
  if (!svg_path.empty()) std::cout << "chart: " << svg_path << "\n";
  return kExitOk;
}

void define_report(CLI::App& app, Context& ctx) {
  make_group(app, "report needs a report name: pareto, sla, visits or service",
             [](const std::string& w) { return "unknown report '" + w + "': use pareto, sla, visits, service or channel"; });
  CLI::App& pareto = *app.add_subcommand("pareto", "the Pareto report");
  auto o = std::make_shared<ParetoOptions>();
  add_instance_options(pareto, o->instance);
  add_number(pareto, "--top", o->top, 1, 4'000'000'000, "only the first N rows");
  add_text(pareto, "--svg", o->svg_path, "also write the Pareto curve as an SVG chart to FILE");
  pareto.add_flag("--json", o->raw, "print the plugin's JSON report instead of the table");
  on_run(pareto, ctx, [&ctx, o] { return report_pareto(ctx, *o); });
  define_report_sla(app, ctx);
  define_report_visits(app, ctx);  // cmd_visits.cpp (1.4)
  define_report_channel(app, ctx);  // cmd_deals.cpp (1.5)
  define_report_service(app, ctx);  // cmd_service.cpp
}

}  // namespace

void add_report_commands(std::vector<Command>& commands) {
  commands.push_back(
      {"report", "pareto|sla|visits|service --config CFG [options]",
       "the Pareto report (revenue concentration); the complaint SLA report; visit compliance; the service report",
       "  kamhost report pareto --config CFG [--top N] [--svg FILE] [--json]\n"
       "      Ranks every account by revenue over the trailing window (report_pareto; needs\n"
       "      tiers.read) and prints a table: rank, account, name, revenue in the reporting\n"
       "      currency, share and cumulative share of the total, and '*' for the accounts of\n"
       "      the top set. Then a line\n"
       "        N of M accounts make 80.00% of revenue\n"
       "      (80.00% is tiers.pareto_percent) and the total revenue.\n"
       "        --top N      only the first N rows (the line above still counts every account)\n"
       "        --svg FILE   also write the Pareto curve as an SVG chart to FILE: share of\n"
       "                     accounts against cumulative share of revenue, with the cut line\n"
       "                     (at most about 1000 points, however many accounts there are)\n"
       "\n"
       "  kamhost report sla --config CFG [--by tier|owner|department] [--from DATE]\n"
       "                     [--to DATE] [--svg FILE] [--json]\n"
       "      The KPIs of the complaints received in the period (complaint_kpis, ABI 1.3;\n"
       "      needs complaints.kpi), one row per tier, first owner or first owner's\n"
       "      department (default: one row): complaints, first responses on time of those\n"
       "      decided (compliance), median and p90 first response and resolution in\n"
       "      business time (\"3h 20m\"), breaches, reopen rate; then the total. A\n"
       "      complaint counts for its first owner whoever it was handed to.\n"
       "        --from DATE  from the start of DATE (default: 30 days before --to)\n"
       "        --to DATE    up to DATE, that day included (default: now); a date-time\n"
       "                     YYYY-MM-DDTHH:MM is taken as given (the end excluded)\n"
       "        --svg FILE   also write first-response compliance per group as an SVG\n"
       "                     bar chart to FILE (the overall compliance as a line)\n"
       "\n"
       "  kamhost report visits --config CFG [--by tier|manager] [--days N] [--svg FILE]\n"
       "      Visit compliance of the due dates of the last N days (default 90; visit_kpis,\n"
       "      ABI 1.4; needs visits.kpi): due, on time, late, missed, compliance per tier or\n"
       "      account manager; --svg FILE also writes it as an SVG bar chart.\n"
       "\n"
       "  kamhost report service --config CFG [--by tier|pool|state|workflow] [--from DATE]\n"
       "                         [--to DATE] [--svg FILE] [--json]\n"
       "      Service requests opened in the period (service_kpis, ABI 1.4; needs\n"
       "      service.kpi): state stays with a deadline, those decided, those that ended\n"
       "      within their deadline (within %), and missed ones still open; --svg FILE\n"
       "      writes within % per group as a bar chart.\n"
       "\n"
       "Dates are in the business time zone unless they end in Z or +HH:MM. --json prints\n"
       "the plugin's JSON report instead of the table. The actor is --user ID (default\n"
       "kamhost) with --role ROLE... (default kam.admin).\n",
       &define_report});
}

}  // namespace kamhost
