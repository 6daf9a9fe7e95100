// pareto.cpp - the Pareto report for people: table and SVG chart (see pareto.hpp).
#include "render/pareto.hpp"

#include <algorithm>
#include <sstream>

#include "render/format.hpp"
#include "render/svg.hpp"
#include "text/escape.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxCurvePoints = 1000;  // the SVG curve is downsampled to about this many

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
}  // namespace

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
    subtitle += ", total " + format_money(*total, currency, currency_digits(report));
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

void render_pareto_table(std::ostream& out, const json& report) {
  const std::string currency = text_of(report, "reporting_currency");
  const int digits = currency_digits(report);
  const json& entries = report.contains("entries") ? report["entries"] : json::array();
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : entries) {
    rows.push_back({std::to_string(integer_of(e, "rank")), text_of(e, "account_id"), shorten(text_of(e, "name"), 40),
                    format_money(integer_of(e, "revenue"), "", digits), format_bp_fixed(integer_of(e, "share_bp")),
                    format_bp_fixed(integer_of(e, "cumulative_bp")), bool_of(e, "in_top") ? "*" : ""});
  }
  const std::string revenue_header = currency.empty() ? "REVENUE" : "REVENUE (" + currency + ")";
  print_table(out, {"RANK", "ACCOUNT", "NAME", revenue_header, "SHARE", "CUMULATIVE", "TOP"}, rows,
              {true, false, false, true, true, true, false});
  const int64_t accounts = integer_of(report, "accounts");
  if (static_cast<int64_t>(entries.size()) < accounts)
    out << "(the top " << entries.size() << " of " << accounts << " accounts shown)\n";
  out << top_line(report) << "\n";
  if (auto total = integer_at(report, "total_revenue")) {
    out << "total revenue " << format_money(*total, currency, digits);
    if (auto w = integer_at(report, "window_days")) out << " over the trailing " << *w << " days";
    out << "\n";
  }
}

}  // namespace kamhost
