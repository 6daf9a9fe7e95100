// queries.cpp - review_deal_json and the reads of kam/distributors.h: registrations (a distributor's
// own, or all), the review queue, channel conflicts, the channel report.
#include <map>

#include "app/distributors/deal_json.hpp"
#include "app/distributors/distributors.hpp"
#include "core/error.hpp"

namespace kam::app {

using nlohmann::json;

namespace {

constexpr int64_t kDayMs = 86'400'000;

bool sees_all(const DealContext& c) { return c.access.allows(c.actor, kDealsReadAll); }

std::string cursor_of(const store::StoredDeal& d) { return std::to_string(d.registered_at_ms) + ":" + d.registration_id; }

std::optional<std::pair<int64_t, std::string>> parse_cursor(const std::string& text, const char* fn) {
  if (text.empty()) return std::nullopt;
  const std::size_t colon = text.find(':');
  try {
    if (colon != std::string::npos && colon > 0)
      return std::make_pair(std::stoll(text.substr(0, colon)), text.substr(colon + 1));
  } catch (const std::exception&) {
  }
  throw Error(Status::invalid_argument, std::string(fn) + ": query.after '" + text +
                                            "' is not a next_cursor of a previous page");
}

std::vector<std::string> reason_codes(const store::StoredDeal& d) {
  std::vector<std::string> out;
  const json reasons = json::parse(d.reasons_json, nullptr, false);
  if (reasons.is_array())
    for (const json& r : reasons) out.push_back(r.value("code", ""));
  return out;
}

}  // namespace

std::string review_deal_json(store::Store& store, const config::Config& config, const DealContext& context,
                             const std::string& registration_id, bool approve, const std::string& reason) {
  const char* fn = "distributors.deal_review";
  if (reason.empty()) throw Error(Status::invalid_argument, std::string(fn) + ": reason is empty (say why)");
  const std::optional<store::StoredDeal> current = store.deals().deal(registration_id);
  if (!current) throw Error(Status::not_found, std::string(fn) + ": unknown registration '" + registration_id + "'");
  const core::distributors::Level* level = config.distributors.level(current->level);
  store::DealReview review;
  review.approve = approve;
  review.reason = reason;
  review.protected_until_ms = context.now_ms + int64_t{level ? level->protection_days : 90} * kDayMs;
  review.actor = context.actor;
  review.now_ms = context.now_ms;
  return distributors::deal_json(store.deals().review(registration_id, review)).dump();
}

std::string deals_json(store::Store& store, const config::Config& config, const DealContext& context,
                       const DealListRequest& request) {
  (void)config;
  const char* fn = "distributors.deals_list";
  store::DealScan scan;
  scan.distributor_id = request.distributor_id;
  scan.status = request.status;
  if (request.review_queue) {
    if (!sees_all(context) && !context.access.allows(context.actor, kDealsReview))
      throw Error(Status::permission, std::string(fn) + ": user '" + context.actor.user_id +
                                          "' may not see the review queue (deals.review or deals.read.all)");
    scan.status = "needs_review";
    scan.oldest_first = true;
  } else if (!sees_all(context)) {
    if (!scan.distributor_id.empty() && scan.distributor_id != context.actor.user_id)
      throw Error(Status::permission, std::string(fn) + ": user '" + context.actor.user_id +
                                          "' may see only distributor '" + context.actor.user_id +
                                          "''s registrations (deals.read), not '" + scan.distributor_id +
                                          "''s (deals.read.all)");
    scan.distributor_id = context.actor.user_id;
  }
  scan.after = parse_cursor(request.after, fn);
  scan.limit = request.limit + 1;  // one more tells whether a next page exists
  std::vector<store::StoredDeal> rows = store.deals().scan(scan);
  const bool more = rows.size() > request.limit;
  if (more) rows.resize(request.limit);
  json items = json::array();
  for (const store::StoredDeal& d : rows) items.push_back(distributors::deal_json(d));
  return json{{"now_ms", context.now_ms},
              {"review_queue", request.review_queue},
              {"registrations", items},
              {"next_cursor", more && !rows.empty() ? json(cursor_of(rows.back())) : json(nullptr)}}
      .dump();
}

std::string channel_conflicts_json(store::Store& store, const config::Config& config, const DealContext& context,
                                   int64_t from_ms, int64_t to_ms, const std::string& distributor_id) {
  (void)config;
  (void)context;
  store::DealScan scan;
  scan.conflicts_only = true;
  scan.from_ms = from_ms;
  scan.to_ms = to_ms;
  scan.distributor_id = distributor_id;
  scan.oldest_first = true;
  struct Counts {
    int64_t conflicts = 0, house_account = 0, already_registered = 0;
  };
  std::map<std::string, Counts> by_distributor;
  json items = json::array();
  for (const store::StoredDeal& d : store.deals().scan(scan)) {
    Counts& c = by_distributor[d.distributor_id];
    ++c.conflicts;
    for (const std::string& code : reason_codes(d)) {
      if (code == "house_account") ++c.house_account;
      if (code == "already_registered") ++c.already_registered;
    }
    items.push_back(distributors::deal_json(d));
  }
  json rows = json::array();
  for (const auto& [id, c] : by_distributor)
    rows.push_back({{"distributor_id", id},
                    {"conflicts", c.conflicts},
                    {"house_account", c.house_account},
                    {"already_registered", c.already_registered}});
  return json{{"from_ms", from_ms}, {"to_ms", to_ms}, {"by_distributor", rows}, {"conflicts", items}}.dump();
}

std::string channel_report_json(store::Store& store, const config::Config& config, const DealContext& context,
                                int64_t from_ms, int64_t to_ms) {
  (void)context;
  store::DealScan scan;
  scan.from_ms = from_ms;
  scan.to_ms = to_ms;
  scan.oldest_first = true;
  struct Counts {
    int64_t registrations = 0, approved = 0, rejected = 0, needs_review = 0, amount_reporting_minor = 0;
  };
  auto add = [](Counts& c, const store::StoredDeal& d) {
    ++c.registrations;
    if (d.decision == "approved") ++c.approved;
    if (d.decision == "rejected") ++c.rejected;
    if (d.decision == "needs_review") ++c.needs_review;
    c.amount_reporting_minor += d.amount_reporting_minor;
  };
  auto to_json = [](const std::string& key, const std::string& name, const Counts& c) {
    return json{{key, name},
                {"registrations", c.registrations},
                {"approved", c.approved},
                {"rejected", c.rejected},
                {"needs_review", c.needs_review},
                {"amount_reporting_minor", c.amount_reporting_minor}};
  };
  Counts total;
  std::map<std::string, Counts> by_level, by_territory, by_distributor;
  std::map<std::string, int64_t> by_reason;
  for (const store::StoredDeal& d : store.deals().scan(scan)) {
    add(total, d);
    add(by_level[d.level], d);
    add(by_territory[d.region], d);
    add(by_distributor[d.distributor_id], d);
    for (const std::string& code : reason_codes(d)) ++by_reason[code];
  }
  json levels = json::array(), territories = json::array(), distributors = json::array(), reasons = json::array();
  for (const auto& [k, c] : by_level) levels.push_back(to_json("level", k, c));
  for (const auto& [k, c] : by_territory) territories.push_back(to_json("territory", k, c));
  for (const auto& [k, c] : by_distributor) distributors.push_back(to_json("distributor_id", k, c));
  for (const auto& [k, n] : by_reason) reasons.push_back({{"code", k}, {"registrations", n}});
  return json{{"from_ms", from_ms},
              {"to_ms", to_ms},
              {"reporting_currency", config.business.reporting_currency},
              {"total", to_json("total", "all", total)},
              {"by_reason", reasons},
              {"by_level", levels},
              {"by_territory", territories},
              {"by_distributor", distributors}}
      .dump();
}

}  // namespace kam::app
