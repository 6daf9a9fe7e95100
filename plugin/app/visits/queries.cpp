// queries.cpp - the visit queries of kam/visits.h and the account card's visits member: each plan
// recomputed at the host's now from its stored inputs (cadence, anchor, last visit), so a visit
// ingested since the last plan check is already taken into account.
#include <algorithm>
#include <map>

#include "app/visits/visits.hpp"
#include "core/error.hpp"

namespace kam::app {

namespace cv = core::visits;
using nlohmann::json;

namespace {

constexpr int64_t kDayMs = 86'400'000;

json optional_ms(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
json optional_text(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// "upcoming" before the due level is reached.
const char* level_text(cv::Level level) { return level == cv::Level::none ? "upcoming" : cv::level_name(level); }

bool sees_all(const VisitQueryContext& c) { return c.access.allows(c.actor, kVisitsReadAll); }

// "due_ms:account_id" of the last item of a page.
std::string cursor_of(int64_t due_ms, const std::string& account_id) {
  return std::to_string(due_ms) + ":" + account_id;
}
std::optional<std::pair<int64_t, std::string>> parse_cursor(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const std::size_t colon = text.find(':');
  try {
    if (colon != std::string::npos && colon > 0) return std::make_pair(std::stoll(text.substr(0, colon)), text.substr(colon + 1));
  } catch (const std::exception&) {
  }
  throw Error(Status::invalid_argument, "visits.visits_due: query.after '" + text +
                                            "' is not a next_cursor of a previous page");
}

}  // namespace

std::string visits_due_json(store::Store& store, const config::Config& config, const VisitQueryContext& context,
                            const VisitsDueRequest& request) {
  std::string manager = request.manager_id;
  if (!sees_all(context)) {
    if (!manager.empty() && manager != context.actor.user_id)
      throw Error(Status::permission, "visits.visits_due: user '" + context.actor.user_id +
                                          "' may see only their own accounts' visits (visits.read), not manager '" +
                                          manager + "''s (visits.read.all)");
    manager = context.actor.user_id;
  }
  const int64_t horizon = request.horizon_ms > 0 ? request.horizon_ms : config.visits.due_ahead_days * kDayMs;
  const int64_t until = context.now_ms + horizon;
  store::VisitDueScan scan;
  scan.until_ms = until;
  scan.manager_id = manager;
  scan.after = parse_cursor(request.after);
  scan.limit = request.limit + 1;  // one more tells whether a next page exists
  json items = json::array();
  std::optional<std::pair<int64_t, std::string>> last;
  bool more = false;
  // Rows whose recomputed plan falls outside (a visit since the check) are skipped; read on until
  // the page is full or the range ends.
  while (true) {
    const std::vector<store::StoredVisitPlan> rows = store.visits().due(scan);
    for (const store::StoredVisitPlan& row : rows) {
      scan.after = std::make_pair(*row.next_due_ms, row.account_id);
      const std::optional<cv::Plan> plan = plan_now(row, config);
      if (!plan || plan->due_ms >= until) continue;
      const cv::Level level = cv::level_at(*plan, context.now_ms);
      if (request.overdue_only && level != cv::Level::overdue) continue;
      if (items.size() == request.limit) {
        more = true;
        break;
      }
      const int64_t days_overdue =
          level == cv::Level::overdue ? std::max<int64_t>(1, (context.now_ms - plan->due_ms) / kDayMs) : 0;
      items.push_back(json{{"account_id", row.account_id},
                           {"account_name", row.account_name},
                           {"tier", row.tier},
                           {"cadence_days", row.cadence_days},
                           {"last_visit_at_ms", optional_ms(row.last_visit_ms)},
                           {"due_date", plan->due_date.to_string()},
                           {"due_ms", plan->due_ms},
                           {"level", level_text(level)},
                           {"days_overdue", days_overdue},
                           {"account_manager_id", optional_text(row.manager_id)},
                           {"account_manager_name", optional_text(row.manager_name)}});
      last = scan.after;
    }
    if (more || rows.size() < scan.limit) break;
  }
  return json{{"now_ms", context.now_ms},
              {"time_zone", config.business.time_zone},
              {"until_ms", until},
              {"overdue_only", request.overdue_only},
              {"visits", items},
              {"next_cursor", more && last ? json(cursor_of(last->first, last->second)) : json(nullptr)}}
      .dump();
}

json card_visits_json(store::Store& store, const config::Config& config, const std::string& account_id,
                      int64_t now_ms) {
  const std::optional<store::StoredVisitPlan> row = store.visits().plan(account_id);
  if (!row) return nullptr;
  const std::optional<cv::Plan> plan = plan_now(*row, config);
  if (!plan) return nullptr;
  return json{{"cadence_days", row->cadence_days},
              {"last_visit_at_ms", optional_ms(row->last_visit_ms)},
              {"due_date", plan->due_date.to_string()},
              {"next_due_ms", plan->due_ms},
              {"overdue", cv::level_at(*plan, now_ms) == cv::Level::overdue}};
}

std::string account_visits_json(store::Store& store, const config::Config& config, const VisitQueryContext& context,
                                const std::string& account_id, uint32_t limit) {
  if (!store.visits().account_exists(account_id))
    throw Error(Status::not_found, "visits.account_visits: unknown account '" + account_id + "'");
  const std::optional<store::StoredVisitPlan> row = store.visits().plan(account_id);
  const std::string manager = row ? row->manager_id : std::string();
  if (!sees_all(context) && (!row || manager != context.actor.user_id))
    throw Error(Status::permission, "visits.account_visits: user '" + context.actor.user_id +
                                        "' does not manage account '" + account_id +
                                        "' (visits.read: own accounts; visits.read.all: every account)");
  json plan_json = nullptr;
  if (row)
    if (const std::optional<cv::Plan> plan = plan_now(*row, config))
      plan_json = json{{"cadence_days", row->cadence_days},
                       {"last_visit_at_ms", optional_ms(row->last_visit_ms)},
                       {"days_since_last_visit",
                        row->last_visit_ms ? json((context.now_ms - *row->last_visit_ms) / kDayMs) : json(nullptr)},
                       {"due_date", plan->due_date.to_string()},
                       {"due_ms", plan->due_ms},
                       {"level", level_text(cv::level_at(*plan, context.now_ms))}};
  static const char* const kStatus[] = {"", "planned", "completed", "cancelled"};
  json visits = json::array();
  for (const store::StoredVisit& v : store.visits().history(account_id, limit == 0 ? 20 : limit))
    visits.push_back(json{{"visit_id", v.visit_id},
                          {"employee_id", v.employee_id},
                          {"status", v.status >= 1 && v.status <= 3 ? kStatus[v.status] : "unknown"},
                          {"planned_for_ms", optional_ms(v.planned_for_ms)},
                          {"completed_at_ms", optional_ms(v.completed_at_ms)},
                          {"cancelled_at_ms", optional_ms(v.cancelled_at_ms)},
                          {"notes", v.notes}});
  return json{{"account_id", account_id},
              {"account_name", row ? json(row->account_name) : json(nullptr)},
              {"tier", row ? optional_text(row->tier) : json(nullptr)},
              {"time_zone", config.business.time_zone},
              {"plan", plan_json},
              {"visits", visits}}
      .dump();
}

std::string visit_kpis_json(store::Store& store, const config::Config& config, const VisitQueryContext& context,
                            const VisitKpiRequest& request) {
  (void)context;
  struct Counts {
    int64_t due = 0, on_time = 0, late = 0, missed = 0;
  };
  // One decision per (account, due date): its outcome, else missed when it went overdue.
  struct DueDate {
    std::string tier, manager;
    int32_t outcome = 0;  // cv::Level met / late, or 0
    bool overdue = false;
  };
  std::map<std::pair<std::string, std::string>, DueDate> dates;
  for (const store::StoredVisitAlert& a : store.visits().alerts(request.from_ms, request.to_ms)) {
    DueDate& d = dates[{a.account_id, a.due_date}];
    d.tier = a.tier;
    d.manager = a.manager_id;
    if (a.level == static_cast<int32_t>(cv::Level::overdue)) d.overdue = true;
    if (a.level == static_cast<int32_t>(cv::Level::met) || a.level == static_cast<int32_t>(cv::Level::late))
      d.outcome = a.level;
  }
  std::map<std::string, Counts> rows;
  Counts total;
  for (const auto& [key, d] : dates) {
    const int kind = d.outcome == static_cast<int32_t>(cv::Level::met)    ? 0
                     : d.outcome == static_cast<int32_t>(cv::Level::late) ? 1
                     : d.overdue                                         ? 2
                                                                         : -1;
    if (kind < 0) continue;  // not decided yet
    const std::string group = request.group_by == 1 ? d.tier : request.group_by == 2 ? d.manager : "all";
    for (Counts* c : {&rows[group], &total}) {
      ++c->due;
      ++(kind == 0 ? c->on_time : kind == 1 ? c->late : c->missed);
    }
  }
  const auto row_json = [](const std::string* group, const Counts& c) {
    json r{{"due", c.due},
           {"on_time", c.on_time},
           {"late", c.late},
           {"missed", c.missed},
           {"compliance_bp", c.due > 0 ? json(c.on_time * 10000 / c.due) : json(nullptr)}};
    if (group) r["group"] = *group;
    return r;
  };
  json list = json::array();
  for (const auto& [group, c] : rows) list.push_back(row_json(&group, c));
  static const char* const kGroups[] = {"all", "tier", "manager"};
  return json{{"group_by", kGroups[request.group_by]},
              {"from_ms", request.from_ms},
              {"to_ms", request.to_ms},
              {"time_zone", config.business.time_zone},
              {"rows", list},
              {"total", row_json(nullptr, total)}}
      .dump();
}

}  // namespace kam::app
