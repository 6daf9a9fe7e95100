// card.cpp - an account's card for people (see card.hpp).
#include "render/card.hpp"

#include <algorithm>

#include "kamhost.hpp"
#include "render/complaints.hpp"
#include "render/format.hpp"
#include "text/escape.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

const json kNull;

const json& member(const json& object, const char* key) {
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

// "label" padded to a column, then the value; continuation lines indented to the value.
void row(std::ostream& out, const std::string& label, const std::string& value) {
  std::string s = "  " + label;
  s.append(label.size() < 24 ? 24 - columns(label) : 1, ' ');
  out << s << printable(value) << "\n";
}

// Indented text, each line as it is (explanations are the plugin's words, printed verbatim).
void block(std::ostream& out, const std::string& text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    out << (line.empty() ? "" : "  " + printable(line)) << "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

std::string tier_words(const json& tier_name, const json& card) {
  // A tier name, with the label of the card's current tier when it is that one.
  const std::string name = text_of(tier_name);
  const json& tier = member(card, "tier");
  if (!name.empty() && text_of(tier, "name") == name && !text_of(tier, "label").empty()) return text_of(tier, "label");
  return name;
}

}  // namespace

void render_card(std::ostream& out, const json& card) {
  if (!text_of(card, "merged_into").empty()) {  // 1.4: merged into a golden account, no tier of its own
    out << printable(text_of(card, "name")) << " (" << printable(text_of(card, "account_id")) << ")\n";
    row(out, "merged into", text_of(card, "merged_into") + " (its orders and complaints count there)");
    row(out, "merged by", text_of(card, "merged_by") + ": " + text_of(card, "merge_reason"));
    return;
  }
  const json& tier = member(card, "tier");
  const json& metrics = member(card, "metrics");
  const std::string currency = text_of(metrics, "reporting_currency");
  const int digits = currency_digits(metrics);
  const date::time_zone* zone = find_zone(text_of(card, "business_time_zone"));
  auto money = [&](const json& v) -> std::string {
    if (!v.is_number_integer()) return "no data";
    return format_money(v.get<int64_t>(), currency, digits);
  };

  out << printable(text_of(card, "name")) << " (" << printable(text_of(card, "account_id")) << ")\n";

  // ---- tier ----
  if (tier.is_object() && !text_of(tier, "name").empty()) {
    std::string label = text_of(tier, "label");
    if (label.empty()) label = text_of(tier, "name");
    std::string line = label;
    if (auto since = integer_at(tier, "since_ms")) line += " since " + zone_date(*since, zone);
    if (bool_of(tier, "key_account")) line += " (key account)";
    row(out, "tier", line);
  } else {
    row(out, "tier", "not evaluated yet");
  }
  if (const json& merged = member(card, "merged_accounts"); merged.is_array() && !merged.empty()) {
    std::string ids;
    for (const json& m : merged) ids += (ids.empty() ? "" : ", ") + text_of(m, "account_id");
    row(out, "merged accounts", ids + " (counted as this account)");
  }
  const json& ov = member(card, "override");
  if (bool_of(tier, "overridden") || ov.is_object()) {
    std::string line = "overridden";
    if (ov.is_object()) {
      line = "overridden to " + text_of(ov, "tier");
      if (!text_of(ov, "user_id").empty()) line += " by " + text_of(ov, "user_id");
      if (auto until = integer_at(ov, "expires_at_ms")) line += " until " + zone_date(*until, zone);
      if (!text_of(ov, "reason").empty()) line += " (reason: " + text_of(ov, "reason") + ")";
      const std::string status = text_of(ov, "status");
      if (!status.empty() && status != "active" && status != "in_force") line += " [" + status + "]";
    }
    row(out, "", line);
  }
  const json& pending = member(card, "pending_downgrade");
  if (pending.is_object()) {
    std::string line = "downgrade pending: to " + tier_words(member(pending, "to"), card);
    if (auto due = integer_at(pending, "due_ms")) line += " on " + zone_date(*due, zone);
    row(out, "", line);
  }
  const std::string computed = text_of(card, "computed_tier");
  if (!computed.empty() && computed != text_of(tier, "name")) row(out, "rules give", computed);
  if (auto at = integer_at(card, "evaluated_at_ms")) {
    std::string line = zone_time(*at, zone);
    if (auto v = integer_at(card, "config_version")) line += " (config version " + std::to_string(*v) + ")";
    row(out, "evaluated", line);
  } else {
    row(out, "evaluated", "never");
  }

  // ---- benefits ----
  const json& b = member(card, "benefits");
  out << "\nBenefits\n";
  std::vector<std::string> benefits;
  if (bool_of(b, "dedicated_account_manager")) benefits.push_back("a dedicated account manager");
  if (!text_of(b, "hotline").empty()) benefits.push_back("hotline " + text_of(b, "hotline"));
  const auto first = integer_at(b, "first_response_target_minutes");
  const auto resolution = integer_at(b, "resolution_target_minutes");
  // The targets are business minutes on the complaint calendar (complaints.targets), never days.
  if (first && resolution) {
    benefits.push_back("first response within " + business_minutes_phrase(*first) + ", resolution within " +
                       business_minutes_phrase(*resolution));
  } else if (first) {
    benefits.push_back("first response within " + business_minutes_phrase(*first));
  } else if (resolution) {
    benefits.push_back("resolution within " + business_minutes_phrase(*resolution));
  }
  if (auto d = integer_at(b, "discount_authority_bp"); d && *d > 0)
    benefits.push_back("discount authority up to " + format_bp(*d));
  if (auto v = integer_at(b, "visit_cadence_days"))
    benefits.push_back(*v == 1 ? "a visit every day" : "a visit every " + std::to_string(*v) + " days");
  if (!text_of(b, "engineer_pool").empty()) benefits.push_back("engineer pool: " + text_of(b, "engineer_pool"));
  if (benefits.empty()) benefits.push_back("none beyond the standard service");
  for (const auto& line : benefits) out << "  " << printable(line) << "\n";

  // ---- metrics ----
  std::string scope;
  if (auto w = integer_at(metrics, "window_days")) scope = "trailing " + std::to_string(*w) + " days";
  if (!currency.empty()) scope += (scope.empty() ? "" : ", ") + currency;
  out << "\nKey metrics" << (scope.empty() ? "" : " (" + scope + ")") << "\n";
  auto with_prior = [&](const char* key, const char* prior_key) {
    std::string s = money(member(metrics, key));
    const json& prior = member(metrics, prior_key);
    if (prior.is_number_integer()) s += " (prior window " + money(prior) + ")";
    return s;
  };
  row(out, "revenue", with_prior("revenue", "revenue_prior"));
  row(out, "margin", with_prior("margin", "margin_prior"));
  if (auto n = integer_at(metrics, "order_count")) row(out, "orders", grouped(static_cast<uint64_t>(std::max<int64_t>(*n, 0))));
  if (auto d = integer_at(metrics, "days_since_last_order"))
    row(out, "last order", *d == 0 ? "today" : *d == 1 ? "1 day ago" : std::to_string(*d) + " days ago");
  else
    row(out, "last order", "never");
  if (auto s = integer_at(metrics, "revenue_share_bp")) row(out, "revenue share", format_bp(*s));
  if (auto r = integer_at(metrics, "pareto_rank")) {
    std::string line = "rank " + std::to_string(*r);
    if (auto p = integer_at(metrics, "pareto_top_percent_bp")) line += ", within the top " + format_bp(*p) + " of revenue";
    // 1.4: ranked by the last full evaluation (absent: ranked now by this card).
    if (auto at = integer_at(metrics, "ranking_as_of_ms")) line += "; as of " + zone_time(*at, zone);
    row(out, "Pareto", line);
  }
  const json& flags = member(metrics, "flags");
  if (flags.is_array() && !flags.empty()) {
    std::string line;
    for (const auto& f : flags) line += (line.empty() ? "" : ", ") + text_of(f);
    row(out, "flags", line);
  }
  row(out, "lifetime value", money(member(card, "lifetime_value")));

  // ---- churn ----
  const json& churn = member(card, "churn");
  if (churn.is_object()) {
    std::string line;
    if (bool_of(churn, "no_data")) {
      line = "no data";
    } else {
      line = std::to_string(integer_of(churn, "score")) + " of 100";
      if (!text_of(churn, "level").empty()) line += ", " + text_of(churn, "level");
    }
    if (bool_of(churn, "at_risk")) line += " (at risk)";
    if (auto d = integer_at(churn, "retention_discount_bp"); d && *d > 0)
      line += "; retention discount up to " + format_bp(*d);
    row(out, "churn risk", line);
  }

  render_card_complaints(out, member(card, "complaints"));

  const std::string explanation = text_of(card, "explanation");
  if (!explanation.empty()) {
    out << "\nWhy this tier\n";
    block(out, explanation);
  }
  const std::string churn_explanation = text_of(card, "churn_explanation");
  if (!churn_explanation.empty()) {
    out << "\nWhy this churn risk\n";
    block(out, churn_explanation);
  }

  // ---- history ----
  const json& history = member(card, "history");
  out << "\nHistory (newest first)\n";
  if (!history.is_array() || history.empty()) {
    out << "  none\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& h : history) {
    const std::string previous = text_of(h, "previous_tier");
    std::string change = previous.empty() ? text_of(h, "tier") : previous + " -> " + text_of(h, "tier");
    std::string who = text_of(h, "user_id");
    std::string version;
    if (auto v = integer_at(h, "config_version")) version = "config v" + std::to_string(*v);
    rows.push_back({"  " + (integer_at(h, "since_ms") ? zone_date(*integer_at(h, "since_ms"), zone) : std::string("?")), change,
                    text_of(h, "reason"), who.empty() ? "" : "by " + who, version});
  }
  print_table(out, {"  SINCE", "TIER", "REASON", "BY", "CONFIG"}, rows);
}

}  // namespace kamhost
