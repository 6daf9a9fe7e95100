// cmd_report.cpp - `kamhost report pareto`: the Pareto (ABC) report (ABI 1.1 report_pareto) as a
// table, and optionally its curve as a self-contained SVG chart.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kamhost.hpp"
#include "render/pareto.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

int report_pareto(Context& ctx, const std::vector<std::string>& args) {
  std::string config, svg_path;
  uint64_t top = 0;
  bool raw = false;
  ActorOptions actor;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string value;
    if (take_option(args, i, "--config", value)) {
      config = value;
    } else if (take_number(args, i, "--top", 1, 4'000'000'000, top)) {
    } else if (take_option(args, i, "--svg", value)) {
      svg_path = value;
    } else if (args[i] == "--json") {
      raw = true;
    } else if (actor.take(args, i)) {
    } else {
      throw UsageError("unexpected argument '" + args[i] + "'");
    }
  }

  Session session(ctx, "report pareto", config);
  const std::string text = session.instance().report_pareto(actor.actor(), static_cast<uint32_t>(top));
  const json report = json::parse(text);
  if (!svg_path.empty()) {
    const std::string svg = pareto_svg(report);
    std::ofstream out(svg_path, std::ios::binary | std::ios::trunc);
    if (!out) throw Failure("cannot write " + svg_path + ": " + std::strerror(errno));
    out << svg;
    out.close();
    if (!out) throw Failure("cannot write " + svg_path);
  }
  if (raw) {
    std::cout << text << "\n";
    return kExitOk;
  }

  render_pareto_table(std::cout, report);
  if (!svg_path.empty()) std::cout << "chart: " << svg_path << "\n";
  return kExitOk;
}

int cmd_report(Context& ctx, const std::vector<std::string>& args) {
  if (args.empty()) throw UsageError("report needs a report name: pareto");
  if (args[0] == "pareto") return report_pareto(ctx, std::vector<std::string>(args.begin() + 1, args.end()));
  throw UsageError("unknown report '" + args[0] + "': use pareto");
}

}  // namespace

void add_report_commands(std::vector<Command>& commands) {
  commands.push_back(
      {"report", "pareto --config CFG [--top N] [--svg FILE] [--json]",
       "the Pareto report: which accounts make most of the revenue",
       "Ranks every account by revenue over the trailing window (report_pareto; needs\n"
       "tiers.read) and prints a table: rank, account, name, revenue in the reporting\n"
       "currency, share and cumulative share of the total, and '*' for the accounts of\n"
       "the top set. Then a line\n"
       "  N of M accounts make 80.00% of revenue\n"
       "(80.00% is tiers.pareto_percent) and the total revenue.\n"
       "\n"
       "Options:\n"
       "  --top N        only the first N rows (the line above still counts every account)\n"
       "  --svg FILE     also write the Pareto curve as an SVG chart to FILE: share of\n"
       "                 accounts against cumulative share of revenue, with the cut line\n"
       "                 (at most about 1000 points, however many accounts there are)\n"
       "  --json         print the plugin's JSON report instead of the table\n"
       "  --user ID      the actor (default kamhost)\n"
       "  --role ROLE    the actor's role, repeatable (default kam.admin)\n",
       &cmd_report});
}

}  // namespace kamhost
