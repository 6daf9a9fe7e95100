// cmd_report_sla.cpp - `kamhost report sla`: the complaint KPIs (ABI 1.3 complaint_kpis) as a table
// by tier, first owner or department, and optionally a self-contained SVG chart of first-response
// compliance (render/sla.hpp). Periods are read in the business time zone, like every date kamhost
// reads.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "kamhost.hpp"
#include "render/sla.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

struct SlaOptions {
  InstanceOptions instance;
  std::string by, from, to, svg_path;
  bool raw = false;
};

kam_complaint_kpi_group group_of(const std::string& by) {
  if (by.empty() || by == "all") return KAM_COMPLAINT_KPI_ALL;
  if (by == "tier") return KAM_COMPLAINT_KPI_BY_TIER;
  if (by == "owner") return KAM_COMPLAINT_KPI_BY_OWNER;
  if (by == "department") return KAM_COMPLAINT_KPI_BY_DEPARTMENT;
  throw UsageError("--by must be tier, owner or department, not '" + by + "'");
}


int report_sla(Context& ctx, const SlaOptions& o) {
  const kam_complaint_kpi_group group = group_of(o.by);
  Session session(ctx, "report sla", o.instance);
  int64_t from = period_bound(o.from, "--from", false, session.zone());
  int64_t to = period_bound(o.to, "--to", true, session.zone());
  if (from != 0 && to == 0) to = session.now_ms();
  if (from != 0 && to != 0 && from >= to) throw UsageError("--from must be before --to");
  const std::string text = session.instance().complaints().kpis(session.actor(), group, from, to);
  const json report = json::parse(text);
  if (!o.svg_path.empty()) {
    write_text_file(o.svg_path, sla_svg(report));
  }
  if (o.raw) {
    std::cout << text << "\n";
    return kExitOk;
  }
  render_sla_table(std::cout, report);
  if (!o.svg_path.empty()) std::cout << "chart: " << o.svg_path << "\n";
  return kExitOk;
}

}  // namespace

void write_text_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Failure("cannot write " + path + ": " + std::strerror(errno));
  out << text;
  out.close();
  if (!out) throw Failure("cannot write " + path);
}

int64_t period_bound(const std::string& text, const char* option, bool end, const date::time_zone* zone) {
  if (text.empty()) return 0;
  const auto at = parse_zone_time(text, zone);
  if (!at)
    throw UsageError(std::string(option) + " needs a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM[:SS] (in the "
                     "business time zone unless it ends in Z or +HH:MM), not '" + text + "'");
  if (end && text.size() == 10) {
    // The start of the next local day (a DST day is not 24 hours long).
    const auto next = parse_zone_time(zone_date(*at + 36 * 3'600'000LL, zone), zone);
    return next.value_or(*at + 86'400'000LL);
  }
  return *at;
}

void define_report_sla(CLI::App& report, Context& ctx) {
  CLI::App& sla = *report.add_subcommand("sla", "the complaint SLA report");
  auto o = std::make_shared<SlaOptions>();
  add_instance_options(sla, o->instance);
  add_text(sla, "--by", o->by, "tier, owner or department (default: one row for all)");
  add_text(sla, "--from", o->from, "complaints received from DATE (default: 30 days before --to)");
  add_text(sla, "--to", o->to, "up to DATE, that day included (default: now)");
  add_text(sla, "--svg", o->svg_path, "also write the compliance chart as SVG to FILE");
  sla.add_flag("--json", o->raw, "print the plugin's JSON report instead of the table");
  on_run(sla, ctx, [&ctx, o] { return report_sla(ctx, *o); });
}

}  // namespace kamhost
