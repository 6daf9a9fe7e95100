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
#include "output.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxCurvePoints = 1000;  // the SVG curve is downsampled to about this many

// Text for SVG/XML: & < > " escaped.
std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A coordinate with two decimals, no locale.
std::string coord(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", v);
  return text;
}

// The reporting currency's minor digits: from the report when it says, else assumed.
int minor_digits(const json& report) {
  for (const char* key : {"minor_digits", "reporting_minor_digits", "currency_digits"}) {
    if (auto d = integer_at(report, key); d && *d >= 0 && *d <= 4) return static_cast<int>(*d);
  }
  return assumed_minor_digits(text_of(report, "reporting_currency"));
}

// "N of M accounts make P of revenue".
std::string top_line(const json& report) {
  const int64_t in_top = integer_of(report, "accounts_in_top");
  const int64_t accounts = integer_of(report, "accounts");
  return std::to_string(in_top) + " of " + std::to_string(accounts) + (accounts == 1 ? " account" : " accounts") +
         " make " + format_bp_fixed(integer_of(report, "top_percent_bp")) + " of revenue";
}

// The indices (1-based ranks) of the curve points drawn: every one up to kMaxCurvePoints, else an
// even spread that keeps the last point and the last account of the top set.
std::vector<std::size_t> curve_ranks(std::size_t n, std::size_t in_top) {
  std::vector<std::size_t> ranks;
  if (n <= kMaxCurvePoints) {
    for (std::size_t i = 1; i <= n; ++i) ranks.push_back(i);
    return ranks;
  }
  for (std::size_t k = 1; k <= kMaxCurvePoints; ++k) ranks.push_back((k * n + kMaxCurvePoints - 1) / kMaxCurvePoints);
  if (in_top >= 1 && in_top <= n) ranks.push_back(in_top);
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  return ranks;
}

// The chart: x = share of accounts (ranked by revenue) 0..100 %, y = cumulative share of revenue
// 0..100 %, with the cut at top_percent. Hand-written SVG 1.1, no external references.
std::string pareto_svg(const json& report) {
  const json& curve = report.contains("curve_bp") && report["curve_bp"].is_array() ? report["curve_bp"] : json::array();
  const std::size_t n = curve.size();
  const int64_t top_bp = integer_of(report, "top_percent_bp");
  const std::size_t in_top = static_cast<std::size_t>(std::max<int64_t>(0, integer_of(report, "accounts_in_top")));
  const std::string currency = text_of(report, "reporting_currency");

  constexpr double kWidth = 800, kHeight = 520;
  constexpr double kLeft = 80, kRight = 40, kTop = 70, kBottom = 70;
  constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;
  auto x_of = [&](double percent) { return kLeft + kPlotW * percent / 100.0; };
  auto y_of = [&](double percent) { return kTop + kPlotH * (1.0 - percent / 100.0); };

  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << kWidth << "\" height=\"" << kHeight
      << "\" viewBox=\"0 0 " << kWidth << " " << kHeight << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  const std::string title = "Pareto curve: " + top_line(report);
  svg << "  <title>" << xml_escape(title) << "</title>\n";
  svg << "  <rect x=\"0\" y=\"0\" width=\"" << kWidth << "\" height=\"" << kHeight << "\" fill=\"white\"/>\n";
  svg << "  <text x=\"" << kWidth / 2 << "\" y=\"30\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\">"
      << xml_escape(title) << "</text>\n";
  std::string subtitle = "Revenue";
  if (auto w = integer_at(report, "window_days")) subtitle += " over the trailing " + std::to_string(*w) + " days";
  if (auto total = integer_at(report, "total_revenue"))
    subtitle += ", total " + format_money(*total, currency, minor_digits(report));
  svg << "  <text x=\"" << kWidth / 2 << "\" y=\"52\" text-anchor=\"middle\" fill=\"#555\">" << xml_escape(subtitle)
      << "</text>\n";

  // Grid, ticks and tick labels every 20 %.
  svg << "  <g stroke=\"#ddd\" stroke-width=\"1\">\n";
  for (int p = 20; p <= 100; p += 20) {
    svg << "    <line x1=\"" << coord(x_of(p)) << "\" y1=\"" << coord(y_of(0)) << "\" x2=\"" << coord(x_of(p))
        << "\" y2=\"" << coord(y_of(100)) << "\"/>\n";
    svg << "    <line x1=\"" << coord(x_of(0)) << "\" y1=\"" << coord(y_of(p)) << "\" x2=\"" << coord(x_of(100))
        << "\" y2=\"" << coord(y_of(p)) << "\"/>\n";
  }
  svg << "  </g>\n";
  svg << "  <g fill=\"#333\">\n";
  for (int p = 0; p <= 100; p += 20) {
    svg << "    <text x=\"" << coord(x_of(p)) << "\" y=\"" << coord(y_of(0) + 18) << "\" text-anchor=\"middle\">" << p
        << "%</text>\n";
    svg << "    <text x=\"" << coord(x_of(0) - 8) << "\" y=\"" << coord(y_of(p) + 4) << "\" text-anchor=\"end\">" << p
        << "%</text>\n";
  }
  svg << "  </g>\n";
  // Axes and their labels.
  svg << "  <g stroke=\"#333\" stroke-width=\"1.5\">\n"
      << "    <line x1=\"" << coord(x_of(0)) << "\" y1=\"" << coord(y_of(0)) << "\" x2=\"" << coord(x_of(100))
      << "\" y2=\"" << coord(y_of(0)) << "\"/>\n"
      << "    <line x1=\"" << coord(x_of(0)) << "\" y1=\"" << coord(y_of(0)) << "\" x2=\"" << coord(x_of(0))
      << "\" y2=\"" << coord(y_of(100)) << "\"/>\n"
      << "  </g>\n";
  svg << "  <text x=\"" << coord(x_of(50)) << "\" y=\"" << coord(kHeight - 20)
      << "\" text-anchor=\"middle\">Share of accounts, ranked by revenue (" << n << (n == 1 ? " account" : " accounts")
      << ")</text>\n";
  svg << "  <text x=\"22\" y=\"" << coord(y_of(50)) << "\" text-anchor=\"middle\" transform=\"rotate(-90 22 "
      << coord(y_of(50)) << ")\">Cumulative share of revenue</text>\n";

  // The cut: the top_percent line and the share of accounts that reach it.
  const double cut_y = static_cast<double>(top_bp) / 100.0;
  const double cut_x = n > 0 ? 100.0 * static_cast<double>(in_top) / static_cast<double>(n) : 0.0;
  svg << "  <g stroke=\"#c0392b\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" fill=\"none\">\n"
      << "    <line x1=\"" << coord(x_of(0)) << "\" y1=\"" << coord(y_of(cut_y)) << "\" x2=\"" << coord(x_of(100))
      << "\" y2=\"" << coord(y_of(cut_y)) << "\"/>\n"
      << "    <line x1=\"" << coord(x_of(cut_x)) << "\" y1=\"" << coord(y_of(0)) << "\" x2=\"" << coord(x_of(cut_x))
      << "\" y2=\"" << coord(y_of(cut_y)) << "\"/>\n"
      << "  </g>\n";
  svg << "  <text x=\"" << coord(x_of(100) - 4) << "\" y=\"" << coord(y_of(cut_y) - 6)
      << "\" text-anchor=\"end\" fill=\"#c0392b\">" << xml_escape(format_bp_fixed(top_bp)) << " of revenue</text>\n";
  svg << "  <text x=\"" << coord(x_of(cut_x) + 6) << "\" y=\"" << coord(y_of(0) - 8) << "\" fill=\"#c0392b\">"
      << in_top << (in_top == 1 ? " account" : " accounts") << " (" << coord(cut_x) << "%)</text>\n";

  // The curve from (0, 0) through each drawn rank.
  svg << "  <polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\""
      << coord(x_of(0)) << "," << coord(y_of(0));
  for (std::size_t rank : curve_ranks(n, in_top)) {
    const json& v = curve[rank - 1];
    const double y = v.is_number() ? v.get<double>() / 100.0 : 0.0;
    const double x = 100.0 * static_cast<double>(rank) / static_cast<double>(n);
    svg << " " << coord(x_of(x)) << "," << coord(y_of(y));
  }
  svg << "\"/>\n";
  svg << "</svg>\n";
  return svg.str();
}

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
  if (config.empty()) throw UsageError("report pareto needs --config FILE");

  kam::host::Plugin plugin = ctx.load_plugin();
  kam::host::Instance instance(plugin, kam::host::ConfigSource::file(config), ctx.callbacks());
  const std::string text = instance.report_pareto(actor.actor(), static_cast<uint32_t>(top));
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

  const std::string currency = text_of(report, "reporting_currency");
  const int digits = minor_digits(report);
  const json& entries = report.contains("entries") ? report["entries"] : json::array();
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : entries) {
    rows.push_back({std::to_string(integer_of(e, "rank")), text_of(e, "account_id"), shorten(text_of(e, "name"), 40),
                    format_money(integer_of(e, "revenue"), "", digits), format_bp_fixed(integer_of(e, "share_bp")),
                    format_bp_fixed(integer_of(e, "cumulative_bp")), bool_of(e, "in_top") ? "*" : ""});
  }
  const std::string revenue_header = currency.empty() ? "REVENUE" : "REVENUE (" + currency + ")";
  print_table({"RANK", "ACCOUNT", "NAME", revenue_header, "SHARE", "CUMULATIVE", "TOP"}, rows,
              {true, false, false, true, true, true, false});
  const int64_t accounts = integer_of(report, "accounts");
  if (static_cast<int64_t>(entries.size()) < accounts)
    std::cout << "(the top " << entries.size() << " of " << accounts << " accounts shown)\n";
  std::cout << top_line(report) << "\n";
  if (auto total = integer_at(report, "total_revenue")) {
    std::cout << "total revenue " << format_money(*total, currency, digits);
    if (auto w = integer_at(report, "window_days")) std::cout << " over the trailing " << *w << " days";
    std::cout << "\n";
  }
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
