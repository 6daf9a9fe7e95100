// requests.cpp - the demo's service requests (see requests.hpp).
#include "demo/requests.hpp"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "demo/random.hpp"
#include "time_text.hpp"

namespace kamhost::demo {
namespace {

using nlohmann::json;

constexpr int64_t kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;
const char* const kAgents[] = {"s.wu", "s.zhou", "s.xu"};
const char* const kCategories[] = {"installation", "maintenance", "spare parts", "training", "repair"};

}  // namespace

RequestSummary write_requests(uint64_t seed, int64_t end_ms, const std::vector<const DemoAccount*>& accounts,
                              int64_t (*working)(int64_t), std::ostream& out) {
  RequestSummary summary;
  Random r(seed ^ 0x5e2b1ce5ULL);
  struct Line {
    int64_t at;
    json line;
  };
  std::vector<Line> lines;
  uint64_t number = 0;
  for (const DemoAccount* account : accounts) {
    const uint64_t count = 1 + r.below(2);
    for (uint64_t c = 0; c < count; ++c) {
      char id[32];
      std::snprintf(id, sizeof id, "SR-%04llu", static_cast<unsigned long long>(++number));
      int64_t at = working(end_ms - static_cast<int64_t>(1 + r.below(10 * 24)) * kHour);
      if (at >= end_ms) continue;
      const std::string agent = pick(r, kAgents);
      int n = 0;
      auto step = [&](int64_t minutes, json fields) {
        const int64_t when = working(at + minutes * kMinute);
        if (when >= end_ms) return false;
        at = when - when % 1000;
        fields["kind"] = "service_request";
        fields["event_id"] = std::string("demo-") + id + "-" + std::to_string(++n);
        fields["occurred_at"] = format_utc(at);
        fields["request_id"] = id;
        fields["employee_id"] = agent;
        lines.push_back({at, std::move(fields)});
        ++summary.steps;
        return true;
      };
      if (!step(0, {{"account_id", account->id},
                    {"action", "opened"},
                    {"category", pick(r, kCategories)},
                    {"text", "requested through the hotline"}}))
        continue;
      ++summary.requests;
      // About a quarter stay new (some of them late); the others are taken on.
      if (r.percent(25)) continue;
      if (!step(20 + static_cast<int64_t>(r.below(90)), {{"action", "state_changed"}, {"state", "in_progress"}}))
        continue;
      if (r.percent(30)) {
        if (!step(60 + static_cast<int64_t>(r.below(600)),
                  {{"action", "state_changed"}, {"state", "waiting_customer"}, {"text", "waiting for access"}}))
          continue;
        if (r.percent(50)) continue;  // still waiting
        if (!step(600 + static_cast<int64_t>(r.below(1440)), {{"action", "state_changed"}, {"state", "in_progress"}}))
          continue;
      }
      if (r.percent(40)) continue;  // still in progress
      step(120 + static_cast<int64_t>(r.below(1800)), {{"action", "state_changed"}, {"state", "resolved"}});
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& x, const Line& y) { return x.at < y.at; });
  for (const Line& l : lines) out << l.line.dump() << "\n";
  return summary;
}

}  // namespace kamhost::demo
