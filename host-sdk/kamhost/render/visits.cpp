// visits.cpp - who, visits due and the visit compliance report for people (see visits.hpp).
#include "render/visits.hpp"

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

const date::time_zone* zone_of(const json& j) {
  const std::string name = text_of(j, "time_zone");
  return find_zone(name.empty() ? "UTC" : name);
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string compliance_text(const json& r) {
  const auto bp = integer_at(r, "compliance_bp");
  if (!bp) return "-";
  return format_bp_fixed(*bp) + " (" + std::to_string(integer_of(r, "on_time")) + "/" +
         std::to_string(integer_of(r, "due")) + ")";
}

}  // namespace

void render_who(std::ostream& out, const json& who, const date::time_zone* zone) {
  out << printable(text_of(who, "kind") + " " + text_of(who, "normalised")) << ":\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const json& m : who.at("matches")) {
    std::string contact = "(account's own)";
    if (m.contains("contact") && m["contact"].is_object()) {
      contact = text_of(m["contact"], "name");
      const std::string role = text_of(m["contact"], "role");
      if (!role.empty()) contact += " (" + role + ")";
    }
    std::string manager = text_of(m, "account_manager_name");
    if (manager.empty()) manager = text_of(m, "account_manager_id");
    std::string next = "-";
    if (const auto due = integer_at(m, "next_visit_due_ms")) next = zone_date(*due, zone);
    rows.push_back({text_of(m, "account_id"), text_of(m, "account_name"), text_of(m, "tier"),
                    or_dash(text_of(m, "hotline")), or_dash(manager), contact,
                    std::to_string(integer_of(m, "open_complaints")) + " (" +
                        std::to_string(integer_of(m, "breached_complaints")) + " breached)",
                    std::to_string(integer_of(m, "open_requests")), next});
  }
  print_table(out,
              {"ACCOUNT", "NAME", "TIER", "HOTLINE", "MANAGER", "CONTACT", "OPEN COMPLAINTS", "OPEN REQUESTS",
               "NEXT VISIT"},
              rows, {false, false, false, false, false, false, true, true, false});
}

void render_visits_due(std::ostream& out, const json& due) {
  const date::time_zone* zone = zone_of(due);
  out << printable(std::string(bool_of(due, "overdue_only") ? "Overdue visits" : "Visits due") + " before " +
                   zone_time(integer_of(due, "until_ms"), zone) + " (" + text_of(due, "time_zone") + ")")
      << "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const json& v : due.at("visits")) {
    std::string last = "never";
    if (const auto at = integer_at(v, "last_visit_at_ms")) last = zone_date(*at, zone);
    std::string level = text_of(v, "level");
    if (level == "overdue") level = "OVERDUE " + std::to_string(integer_of(v, "days_overdue")) + "d";
    std::string manager = text_of(v, "account_manager_name");
    if (manager.empty()) manager = text_of(v, "account_manager_id");
    rows.push_back({text_of(v, "due_date"), level, text_of(v, "account_id"), text_of(v, "account_name"),
                    text_of(v, "tier"), "every " + std::to_string(integer_of(v, "cadence_days")) + "d", last,
                    or_dash(manager)});
  }
  print_table(out, {"DUE", "STATUS", "ACCOUNT", "NAME", "TIER", "CADENCE", "LAST VISIT", "MANAGER"}, rows);
  out << "\n" << rows.size() << " visit" << (rows.size() == 1 ? "" : "s");
  if (!text_of(due, "next_cursor").empty()) out << " (more: --after " << printable(text_of(due, "next_cursor")) << ")";
  out << "\n";
}

void render_visit_kpis(std::ostream& out, const json& kpis) {
  const date::time_zone* zone = zone_of(kpis);
  const std::string by = text_of(kpis, "group_by");
  out << printable("Visit compliance" + (by == "all" ? std::string() : " by " + by) + ": due dates " +
                   zone_date(integer_of(kpis, "from_ms"), zone) + " to " + zone_date(integer_of(kpis, "to_ms"), zone) +
                   " (" + text_of(kpis, "time_zone") + ", the end excluded)")
      << "\n\n";
  std::vector<std::vector<std::string>> rows;
  const auto row = [](const std::string& label, const json& r) {
    return std::vector<std::string>{label, std::to_string(integer_of(r, "due")), std::to_string(integer_of(r, "on_time")),
                                    std::to_string(integer_of(r, "late")), std::to_string(integer_of(r, "missed")),
                                    compliance_text(r)};
  };
  for (const json& r : kpis.at("rows")) rows.push_back(row(or_dash(text_of(r, "group")), r));
  if (by != "all" || rows.empty()) rows.push_back(row("total", kpis.at("total")));
  std::string head = by == "all" ? "GROUP" : by;
  std::transform(head.begin(), head.end(), head.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
  print_table(out, {head, "DUE", "ON TIME", "LATE", "MISSED", "COMPLIANCE"}, rows,
              {false, true, true, true, true, true});
  out << "\nA due date counts once decided: visited before it was overdue (on time), visited after (late),\n"
         "or overdue and not yet visited (missed). Compliance = on time / due.\n";
}

std::string visit_kpis_svg(const json& kpis) {
  std::vector<std::pair<std::string, const json*>> bars;
  for (const json& r : kpis.at("rows")) bars.emplace_back(or_dash(text_of(r, "group")), &r);
  if (bars.empty()) bars.emplace_back("total", &kpis.at("total"));
  constexpr double kHeight = 420, kLeft = 70, kRight = 30, kTop = 60, kBottom = 90;
  const double width = std::max(640.0, kLeft + kRight + 80.0 * static_cast<double>(bars.size()));
  const double plot_w = width - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const double slot = plot_w / static_cast<double>(bars.size()), bar_w = std::min(50.0, slot * 0.6);
  const auto y_of = [&](double percent) { return kTop + plot_h * (1.0 - percent / 100.0); };
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << coord(width) << "\" height=\""
      << kHeight << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  const std::string by = text_of(kpis, "group_by");
  const std::string title = "Visit compliance" + (by == "all" ? std::string() : " by " + by);
  svg << "  <title>" << xml_escape(title) << "</title>\n  <rect width=\"" << coord(width) << "\" height=\"" << kHeight
      << "\" fill=\"white\"/>\n  <text x=\"" << coord(width / 2)
      << "\" y=\"30\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\">" << xml_escape(title) << "</text>\n";
  for (int p = 0; p <= 100; p += 25)
    svg << "  <line x1=\"" << coord(kLeft) << "\" y1=\"" << coord(y_of(p)) << "\" x2=\"" << coord(kLeft + plot_w)
        << "\" y2=\"" << coord(y_of(p)) << "\" stroke=\"#ddd\"/><text x=\"" << coord(kLeft - 6) << "\" y=\""
        << coord(y_of(p) + 4) << "\" text-anchor=\"end\">" << p << "%</text>\n";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double x = kLeft + slot * (static_cast<double>(i) + 0.5);
    const auto bp = integer_at(*bars[i].second, "compliance_bp");
    const double percent = bp ? static_cast<double>(*bp) / 100.0 : 0.0;
    svg << "  <rect x=\"" << coord(x - bar_w / 2) << "\" y=\"" << coord(y_of(percent)) << "\" width=\"" << coord(bar_w)
        << "\" height=\"" << coord(y_of(0) - y_of(percent)) << "\" fill=\"#2f6db5\"><title>"
        << xml_escape(bars[i].first + ": " + compliance_text(*bars[i].second)) << "</title></rect>\n";
    svg << "  <text x=\"" << coord(x) << "\" y=\"" << coord(y_of(0) + 18) << "\" text-anchor=\"middle\">"
        << xml_escape(bars[i].first) << "</text>\n";
    svg << "  <text x=\"" << coord(x) << "\" y=\"" << coord(y_of(percent) - 6) << "\" text-anchor=\"middle\">"
        << xml_escape(bp ? format_bp_fixed(*bp) : "-") << "</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace kamhost
