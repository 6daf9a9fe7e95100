// sla.cpp - the SLA report for people: table and SVG chart (see sla.hpp).
#include "render/sla.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

#include "render/format.hpp"
#include "render/svg.hpp"
#include "text/escape.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

const json& rows_of(const json& kpis) {
  static const json kEmpty = json::array();
  return kpis.is_object() && kpis.contains("rows") && kpis["rows"].is_array() ? kpis["rows"] : kEmpty;
}

std::string grouping_words(const std::string& group_by) {
  if (group_by == "owner") return "first owner";
  if (group_by == "department") return "first owner's department";
  if (group_by == "tier") return "tier";
  return "";
}

std::string group_label(const json& row, const std::string& group_by) {
  const std::string g = text_of(row, "group");
  if (!g.empty()) return g;
  return group_by == "tier" ? "(no tier)" : group_by == "department" ? "(no department)" : "(none)";
}

// A zone time without " 00:00" when it is midnight: periods are mostly whole days.
std::string period_end(int64_t ms, const date::time_zone* zone) {
  std::string t = zone_time(ms, zone);
  if (t.size() > 6 && t.compare(t.size() - 6, 6, " 00:00") == 0) t.resize(t.size() - 6);
  return t;
}

// "SLA by tier: complaints received 2026-01-01 to 2026-12-01 (Asia/Shanghai)".
std::string heading(const json& kpis) {
  const std::string group_by = text_of(kpis, "group_by");
  std::string zone_name = text_of(kpis, "time_zone");
  if (zone_name.empty()) zone_name = "UTC";
  const date::time_zone* zone = find_zone(zone_name);
  std::string s = "SLA";
  const std::string by = grouping_words(group_by);
  if (!by.empty()) s += " by " + by;
  s += ": complaints received " + period_end(integer_of(kpis, "from_ms"), zone) + " to " +
       period_end(integer_of(kpis, "to_ms"), zone) + " (" + zone_name + ", the end excluded)";
  return s;
}

std::string bp_or_dash(const json& row, const char* key) {
  const auto v = integer_at(row, key);
  return v ? format_bp_fixed(*v) : "-";
}

std::string business_or_dash(const json& row, const char* key) {
  const auto v = integer_at(row, key);
  return v ? format_business(*v) : "-";
}

std::vector<std::string> table_row(const std::string& label, const json& r) {
  std::string compliance = bp_or_dash(r, "compliance_bp");
  if (integer_at(r, "compliance_bp"))
    compliance += " (" + std::to_string(integer_of(r, "first_response_on_time")) + "/" +
                  std::to_string(integer_of(r, "first_response_decided")) + ")";
  std::string reopen = bp_or_dash(r, "reopen_rate_bp");
  if (integer_at(r, "reopen_rate_bp"))
    reopen += " (" + std::to_string(integer_of(r, "reopened")) + "/" + std::to_string(integer_of(r, "resolved")) + ")";
  return {label,
          std::to_string(integer_of(r, "complaints")),
          compliance,
          business_or_dash(r, "first_response_median_ms"),
          business_or_dash(r, "first_response_p90_ms"),
          business_or_dash(r, "resolution_median_ms"),
          business_or_dash(r, "resolution_p90_ms"),
          std::to_string(integer_of(r, "breaches")),
          reopen};
}

}  // namespace

void render_sla_table(std::ostream& out, const json& kpis) {
  const std::string group_by = text_of(kpis, "group_by");
  out << printable(heading(kpis)) << "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : rows_of(kpis)) rows.push_back(table_row(group_label(r, group_by), r));
  if (kpis.contains("total") && kpis["total"].is_object() && (group_by != "all" || rows.empty()))
    rows.push_back(table_row("total", kpis["total"]));
  std::string first = grouping_words(group_by);
  for (char& ch : first) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
  print_table(out,
              {first.empty() ? "GROUP" : first, "COMPLAINTS", "FIRST RESPONSE ON TIME", "FR MEDIAN", "FR P90",
               "RES MEDIAN", "RES P90", "BREACHES", "REOPENED"},
              rows, {false, true, true, true, true, true, true, true, true});
  out << "\nFR = first response, RES = resolution: business time (working hours on each complaint's calendar).\n"
         "On time = first responses within their target of those decided (responded, or breached while\n"
         "waiting); complaints still inside their target are not counted yet. BREACHES: complaints with a\n"
         "breach on either clock. REOPENED: of the complaints ever resolved. A complaint counts for its\n"
         "first owner (and the first owner's department) whoever it was handed to.\n";
}

std::string sla_svg(const json& kpis) {
  const std::string group_by = text_of(kpis, "group_by");
  std::vector<std::pair<std::string, const json*>> bars;
  for (const auto& r : rows_of(kpis)) bars.emplace_back(group_label(r, group_by), &r);
  const json* total = kpis.contains("total") && kpis["total"].is_object() ? &kpis["total"] : nullptr;
  if (bars.empty() && total != nullptr) bars.emplace_back("total", total);

  constexpr double kHeight = 520, kLeft = 80, kRight = 40, kTop = 70, kBottom = 110;
  const double width = std::max(800.0, kLeft + kRight + 70.0 * static_cast<double>(bars.size()));
  const double plot_w = width - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto y_of = [&](double percent) { return kTop + plot_h * (1.0 - percent / 100.0); };
  const double slot = bars.empty() ? plot_w : plot_w / static_cast<double>(bars.size());
  const double bar_w = std::min(60.0, slot * 0.6);

  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << coord(width) << "\" height=\""
      << kHeight << "\" viewBox=\"0 0 " << coord(width) << " " << kHeight
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  const std::string title = "First-response compliance" + (grouping_words(group_by).empty() ? std::string() : " by " + grouping_words(group_by));
  svg << "  <title>" << xml_escape(title) << "</title>\n";
  svg << "  <rect x=\"0\" y=\"0\" width=\"" << coord(width) << "\" height=\"" << kHeight << "\" fill=\"white\"/>\n";
  svg << "  <text x=\"" << coord(width / 2) << "\" y=\"30\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\">"
      << xml_escape(title) << "</text>\n";
  std::string subtitle = heading(kpis);
  subtitle = "C" + subtitle.substr(subtitle.find(": ") + 3);  // "Complaints received ..."
  if (total != nullptr)
    subtitle += "; overall " + bp_or_dash(*total, "compliance_bp") + ", " + std::to_string(integer_of(*total, "breaches")) +
                " breached";
  svg << "  <text x=\"" << coord(width / 2) << "\" y=\"52\" text-anchor=\"middle\" fill=\"#555\">" << xml_escape(subtitle)
      << "</text>\n";

  // Grid and labels every 20 %.
  svg << "  <g stroke=\"#ddd\" stroke-width=\"1\">\n";
  for (int p = 20; p <= 100; p += 20)
    svg << "    <line x1=\"" << coord(kLeft) << "\" y1=\"" << coord(y_of(p)) << "\" x2=\"" << coord(kLeft + plot_w)
        << "\" y2=\"" << coord(y_of(p)) << "\"/>\n";
  svg << "  </g>\n  <g fill=\"#333\">\n";
  for (int p = 0; p <= 100; p += 20)
    svg << "    <text x=\"" << coord(kLeft - 8) << "\" y=\"" << coord(y_of(p) + 4) << "\" text-anchor=\"end\">" << p
        << "%</text>\n";
  svg << "  </g>\n";
  svg << "  <g stroke=\"#333\" stroke-width=\"1.5\">\n"
      << "    <line x1=\"" << coord(kLeft) << "\" y1=\"" << coord(y_of(0)) << "\" x2=\"" << coord(kLeft + plot_w)
      << "\" y2=\"" << coord(y_of(0)) << "\"/>\n"
      << "    <line x1=\"" << coord(kLeft) << "\" y1=\"" << coord(y_of(0)) << "\" x2=\"" << coord(kLeft) << "\" y2=\""
      << coord(y_of(100)) << "\"/>\n"
      << "  </g>\n";
  svg << "  <text x=\"22\" y=\"" << coord(y_of(50)) << "\" text-anchor=\"middle\" transform=\"rotate(-90 22 "
      << coord(y_of(50)) << ")\">First responses on time</text>\n";

  // One bar per group: compliance, its label, the breaches under the axis; none decided: no bar.
  svg << "  <g>\n";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const json& r = *bars[i].second;
    const double cx = kLeft + slot * (static_cast<double>(i) + 0.5);
    const auto bp = integer_at(r, "compliance_bp");
    if (bp) {
      const double percent = static_cast<double>(*bp) / 100.0;
      const char* colour = *bp >= 9000 ? "#2e8b57" : *bp >= 7500 ? "#e0a100" : "#c0392b";
      svg << "    <rect class=\"bar\" x=\"" << coord(cx - bar_w / 2) << "\" y=\"" << coord(y_of(percent)) << "\" width=\""
          << coord(bar_w) << "\" height=\"" << coord(y_of(0) - y_of(percent)) << "\" fill=\"" << colour << "\"/>\n";
      svg << "    <text x=\"" << coord(cx) << "\" y=\"" << coord(y_of(percent) - 6) << "\" text-anchor=\"middle\">"
          << xml_escape(format_bp(*bp)) << "</text>\n";
    } else {
      svg << "    <text x=\"" << coord(cx) << "\" y=\"" << coord(y_of(0) - 6)
          << "\" text-anchor=\"middle\" fill=\"#777\">none decided</text>\n";
    }
    const std::string label = shorten(bars[i].first, 14);
    svg << "    <text x=\"" << coord(cx) << "\" y=\"" << coord(y_of(0) + 18) << "\" text-anchor=\"middle\">"
        << xml_escape(label) << "</text>\n";
    svg << "    <text x=\"" << coord(cx) << "\" y=\"" << coord(y_of(0) + 34) << "\" text-anchor=\"middle\" fill=\"#555\">"
        << integer_of(r, "complaints") << " / " << integer_of(r, "breaches") << " br.</text>\n";
  }
  svg << "  </g>\n";
  if (total != nullptr) {
    if (const auto bp = integer_at(*total, "compliance_bp"); bp && bars.size() > 1) {
      const double y = y_of(static_cast<double>(*bp) / 100.0);
      svg << "  <line x1=\"" << coord(kLeft) << "\" y1=\"" << coord(y) << "\" x2=\"" << coord(kLeft + plot_w)
          << "\" y2=\"" << coord(y) << "\" stroke=\"#1f5fa8\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n";
      svg << "  <text x=\"" << coord(kLeft + plot_w - 4) << "\" y=\"" << coord(y - 6)
          << "\" text-anchor=\"end\" fill=\"#1f5fa8\">overall " << xml_escape(format_bp(*bp)) << "</text>\n";
    }
  }
  svg << "  <text x=\"" << coord(width / 2) << "\" y=\"" << coord(kHeight - 20)
      << "\" text-anchor=\"middle\">Under each bar: complaints received / breached (either clock). Business time on each "
         "complaint's calendar.</text>\n";
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace kamhost
