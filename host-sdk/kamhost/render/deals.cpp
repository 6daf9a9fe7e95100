// deals.cpp - registrations, quotes and the channel report for people (see deals.hpp).
#include "render/deals.hpp"

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

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string lines_of(const json& d) {
  std::string out;
  for (const json& l : d.at("product_lines")) out += (out.empty() ? "" : ", ") + text_of(l);
  return out;
}

std::string status_text(const json& d) {
  std::string s = text_of(d, "status");
  if (s != text_of(d, "decision")) s += " (decided " + text_of(d, "decision") + ")";
  return s;
}

}  // namespace

void render_deal(std::ostream& out, const json& d, const date::time_zone* zone) {
  out << printable("Registration " + text_of(d, "registration_id") + " by " + text_of(d, "distributor_id") +
                   " (level " + or_dash(text_of(d, "level")) + "): " + status_text(d))
      << (bool_of(d, "replayed") ? "  [stored earlier: this id was registered before]" : "") << "\n";
  const json& c = d.at("customer");
  out << printable("  customer  " + text_of(c, "name") +
                   (text_of(c, "name_latin").empty() ? "" : " / " + text_of(c, "name_latin")) +
                   (text_of(c, "region").empty() ? "" : ", " + text_of(c, "region")) +
                   (text_of(c, "industry").empty() ? "" : ", " + text_of(c, "industry")))
      << "\n";
  out << printable("  deal      " + lines_of(d) + "; " +
                   format_money(integer_of(d.at("amount"), "minor_units"), text_of(d.at("amount"), "currency"), 2) +
                   " at " + format_bp(integer_of(d, "discount_bp")) + " discount")
      << "\n";
  if (const auto until = integer_at(d, "protected_until_ms"))
    out << "  protected until " << zone_time(*until, zone) << "\n";
  if (!text_of(d, "matched_account_id").empty())
    out << printable("  matched account " + text_of(d, "matched_account_id")) << "\n";
  if (d.at("reasons").empty()) {
    out << "  no reasons: every rule is met\n";
  } else {
    out << "  reasons:\n";
    for (const json& r : d.at("reasons"))
      out << printable("    " + std::string(text_of(r, "effect") == "rejects" ? "REJECTS " : "REVIEW  ") +
                       text_of(r, "code") + ": " + text_of(r, "message"))
          << "\n";
  }
  if (d.contains("review") && d.at("review").is_object())
    out << printable("  reviewed by " + text_of(d.at("review"), "reviewed_by") + ": " + text_of(d.at("review"), "reason"))
        << "\n";
}

void render_deals(std::ostream& out, const json& list, const date::time_zone* zone) {
  std::vector<std::vector<std::string>> rows;
  for (const json& d : list.at("registrations")) {
    std::string reasons;
    for (const json& r : d.at("reasons")) reasons += (reasons.empty() ? "" : ", ") + text_of(r, "code");
    std::string until = "-";
    if (const auto u = integer_at(d, "protected_until_ms")) until = zone_date(*u, zone);
    rows.push_back({zone_time(integer_of(d, "registered_at_ms"), zone), text_of(d, "registration_id"),
                    text_of(d, "distributor_id"), text_of(d.at("customer"), "name"), status_text(d), until,
                    or_dash(reasons)});
  }
  print_table(out, {"REGISTERED", "ID", "DISTRIBUTOR", "CUSTOMER", "STATUS", "PROTECTED UNTIL", "REASONS"}, rows);
  out << "\n" << rows.size() << " registration" << (rows.size() == 1 ? "" : "s");
  if (!text_of(list, "next_cursor").empty())
    out << " (more: --after " << printable(text_of(list, "next_cursor")) << ")";
  out << "\n";
}

void render_quote(std::ostream& out, const json& q) {
  const std::string outcome = text_of(q, "outcome");
  out << printable("Quote for " + text_of(q, "account_id") + " (" + text_of(q, "account_name") + ", tier " +
                   or_dash(text_of(q, "tier")) + "), " + text_of(q, "channel") +
                   (text_of(q, "distributor_id").empty() ? "" : " " + text_of(q, "distributor_id")) + ", " +
                   text_of(q, "product_line") + ", " + format_bp_fixed(integer_of(q, "discount_bp")) + ": ")
      << (outcome == "allowed" ? "ALLOWED" : outcome == "needs_approval" ? "NEEDS APPROVAL" : "REFUSED") << "\n";
  out << "  maximum without approval " << format_bp_fixed(integer_of(q, "max_bp")) << " ("
      << format_bp_fixed(integer_of(q, "channel_max_bp")) << " channel + " << format_bp_fixed(integer_of(q, "retention_bp"))
      << " retention)\n";
  if (q.contains("approval") && q.at("approval").is_object())
    out << printable("  approval by role " + text_of(q.at("approval"), "role")) << "\n";
  for (const json& r : q.at("reasons")) out << printable("  - " + text_of(r)) << "\n";
}

void render_channel_report(std::ostream& out, const json& report) {
  auto table = [&](const char* title, const char* key, const char* name) {
    std::vector<std::vector<std::string>> rows;
    for (const json& r : report.at(key))
      rows.push_back({or_dash(text_of(r, name)), std::to_string(integer_of(r, "registrations")),
                      std::to_string(integer_of(r, "approved")), std::to_string(integer_of(r, "needs_review")),
                      std::to_string(integer_of(r, "rejected"))});
    out << title << ":\n";
    print_table(out, {std::string(name) == "distributor_id" ? "DISTRIBUTOR" : title, "REGISTRATIONS", "APPROVED",
                      "IN REVIEW", "REJECTED"},
                rows, {false, true, true, true, true});
    out << "\n";
  };
  const json& t = report.at("total");
  out << "Channel report: " << integer_of(t, "registrations") << " registrations, " << integer_of(t, "approved")
      << " approved, " << integer_of(t, "needs_review") << " in review, " << integer_of(t, "rejected")
      << " rejected\n\n";
  table("LEVEL", "by_level", "level");
  table("TERRITORY", "by_territory", "territory");
  table("DISTRIBUTORS", "by_distributor", "distributor_id");
  std::vector<std::vector<std::string>> reasons;
  for (const json& r : report.at("by_reason"))
    reasons.push_back({text_of(r, "code"), std::to_string(integer_of(r, "registrations"))});
  out << "REASONS:\n";
  print_table(out, {"REASON", "REGISTRATIONS"}, reasons, {false, true});
}

std::string channel_svg(const json& report) {
  // One stacked bar per level, then per territory: approved (green), in review (amber), rejected (red).
  std::vector<std::pair<std::string, const json*>> bars;
  for (const json& r : report.at("by_level")) bars.emplace_back("level " + or_dash(text_of(r, "level")), &r);
  for (const json& r : report.at("by_territory")) bars.emplace_back(or_dash(text_of(r, "territory")), &r);
  int64_t most = 1;
  for (const auto& [name, r] : bars) most = std::max(most, integer_of(*r, "registrations"));
  constexpr double kHeight = 420, kLeft = 60, kRight = 30, kTop = 60, kBottom = 90;
  const double width = std::max(640.0, kLeft + kRight + 80.0 * static_cast<double>(bars.size()));
  const double plot_w = width - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const double slot = plot_w / static_cast<double>(std::max<std::size_t>(1, bars.size()));
  const double bar_w = std::min(50.0, slot * 0.6);
  const auto y_of = [&](double n) { return kTop + plot_h * (1.0 - n / static_cast<double>(most)); };
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << coord(width) << "\" height=\""
      << kHeight << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  const std::string title = "Deal registrations by level and territory";
  svg << "  <title>" << xml_escape(title) << "</title>\n  <rect width=\"" << coord(width) << "\" height=\"" << kHeight
      << "\" fill=\"white\"/>\n  <text x=\"" << coord(width / 2)
      << "\" y=\"30\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\">" << xml_escape(title) << "</text>\n";
  svg << "  <line x1=\"" << coord(kLeft) << "\" y1=\"" << coord(y_of(0)) << "\" x2=\"" << coord(kLeft + plot_w)
      << "\" y2=\"" << coord(y_of(0)) << "\" stroke=\"#999\"/>\n";
  const std::pair<const char*, const char*> parts[] = {
      {"approved", "#2e8b57"}, {"needs_review", "#e0a020"}, {"rejected", "#c0392b"}};
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double x = kLeft + slot * (static_cast<double>(i) + 0.5);
    double base = 0;
    for (const auto& [key, colour] : parts) {
      const double n = static_cast<double>(integer_of(*bars[i].second, key));
      if (n <= 0) continue;
      svg << "  <rect x=\"" << coord(x - bar_w / 2) << "\" y=\"" << coord(y_of(base + n)) << "\" width=\""
          << coord(bar_w) << "\" height=\"" << coord(y_of(base) - y_of(base + n)) << "\" fill=\"" << colour
          << "\"><title>" << xml_escape(bars[i].first + ": " + key + " " + std::to_string(static_cast<int64_t>(n)))
          << "</title></rect>\n";
      base += n;
    }
    svg << "  <text x=\"" << coord(x) << "\" y=\"" << coord(y_of(0) + 18) << "\" text-anchor=\"middle\">"
        << xml_escape(bars[i].first) << "</text>\n";
    svg << "  <text x=\"" << coord(x) << "\" y=\"" << coord(y_of(base) - 6) << "\" text-anchor=\"middle\">"
        << static_cast<int64_t>(base) << "</text>\n";
  }
  double lx = kLeft;
  for (const auto& [key, colour] : parts) {
    svg << "  <rect x=\"" << coord(lx) << "\" y=\"" << coord(kHeight - 30) << "\" width=\"12\" height=\"12\" fill=\""
        << colour << "\"/><text x=\"" << coord(lx + 16) << "\" y=\"" << coord(kHeight - 20) << "\">" << key
        << "</text>\n";
    lx += 130;
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace kamhost
