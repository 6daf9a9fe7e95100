// service.cpp - the demo organisation and complaints generator (see service.hpp).
#include "demo/service.hpp"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "demo/random.hpp"
#include "demo/requests.hpp"
#include "time_text.hpp"

namespace kamhost::demo {
namespace {

using nlohmann::json;

constexpr int64_t kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;
constexpr int64_t kOffset = 8 * kHour;  // Asia/Shanghai, no DST: the demo's office

struct Employee {
  const char* id;
  const char* name;
  const char* department;
  const char* manager;
};

// The account managers are the portfolio's (u.*); the director is the escalation's `director` role.
const Employee kEmployees[] = {
    {"d.gao", "Gao Min (director)", "management", ""},
    {"u.sun", "Sun Wei", "sales", "d.gao"},        {"u.li", "Li Na", "sales", "u.sun"},
    {"u.wang", "Wang Fang", "sales", "u.sun"},     {"u.zhang", "Zhang Lei", "sales", "u.sun"},
    {"u.chen", "Chen Jing", "sales", "u.sun"},     {"u.liu", "Liu Yang", "sales", "u.sun"},
    {"u.zhao", "Zhao Qiang", "sales", "u.sun"},    {"s.he", "He Ping", "service", "d.gao"},
    {"s.wu", "Wu Xia", "service", "s.he"},         {"s.zhou", "Zhou Bo", "service", "s.he"},
    {"s.xu", "Xu Li", "service", "s.he"},          {"q.lin", "Lin Tao", "quality", "d.gao"},
    {"q.tang", "Tang Yu", "quality", "q.lin"},     {"q.feng", "Feng Jun", "quality", "q.lin"},
    {"l.guo", "Guo Hui", "logistics", "d.gao"},    {"l.luo", "Luo Kai", "logistics", "l.guo"}};

const char* const kAgents[] = {"s.wu", "s.zhou", "s.xu"};
const char* const kSpecialists[] = {"q.tang", "q.feng", "l.luo", "s.zhou"};
const char* const kChannels[] = {"hotline", "email", "visit", "wechat"};
const char* const kCategories[] = {"late delivery", "quality defect", "invoice error", "missing parts",
                                   "installation", "damaged goods"};

const char* department_of(const std::string& id) {
  for (const auto& e : kEmployees)
    if (id == e.id) return e.department;
  return "";
}

// The next instant in the office's working hours (Mon-Fri 09:00-12:00, 13:00-18:00) at or after t.
int64_t working(int64_t t) {
  for (;;) {
    const int64_t local = t + kOffset;
    const int64_t day = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
    const int64_t in_day = local - day * kDay;
    const int64_t weekday = ((day + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
    const int64_t start = day * kDay - kOffset;
    if (weekday == 0 || weekday == 6 || in_day >= 18 * kHour) t = start + kDay + 9 * kHour;
    else if (in_day < 9 * kHour) return start + 9 * kHour;
    else if (in_day >= 12 * kHour && in_day < 13 * kHour) return start + 13 * kHour;
    else return t;
  }
}

struct Step {
  int64_t at;
  json line;
};

// One complaint's life; steps at or after end are left out (the complaint is still open then).
class Life {
 public:
  Life(const std::string& id, int64_t end, std::vector<Step>& steps) : id_(id), end_(end), steps_(steps) {}

  // The next step `minutes` of wall time after the last (then moved into working hours); false once
  // past the end, and every later step of this complaint is left out too.
  bool step(int64_t minutes, json fields) {
    if (done_) return false;
    const int64_t at = working(last_ + minutes * kMinute);
    if (at >= end_) {
      done_ = true;
      return false;
    }
    last_ = at - at % 1000;
    fields["kind"] = "complaint";
    fields["event_id"] = "demo-" + id_ + "-" + std::to_string(++n_);
    fields["occurred_at"] = format_utc(last_);
    fields["complaint_id"] = id_;
    steps_.push_back({last_, std::move(fields)});
    return true;
  }
  void start(int64_t at) { last_ = at; }
  bool open() const { return !done_; }

 private:
  std::string id_;
  int64_t end_;
  std::vector<Step>& steps_;
  int64_t last_ = 0;
  int n_ = 0;
  bool done_ = false;
};

}  // namespace

ServiceSummary write_service(const ServiceOptions& o, const std::vector<DemoAccount>& accounts, std::ostream& out) {
  ServiceSummary summary;
  Random r(o.seed ^ 0x5e7c1ceULL);  // its own sequence: the portfolio stays as it was
  const int64_t start = o.end_ms - 365 * kDay;
  for (const auto& e : kEmployees) {
    json line = {{"kind", "employee_upserted"},
                 {"event_id", std::string("demo-emp-") + e.id + "-v1"},
                 {"occurred_at", format_utc(start - 2 * kDay)},
                 {"employee_id", e.id},
                 {"name", e.name},
                 {"department", e.department},
                 {"time_zone", o.time_zone}};
    if (*e.manager != '\0') line["manager_id"] = e.manager;
    out << line.dump() << "\n";
    ++summary.employees;
  }

  std::vector<const DemoAccount*> key;
  for (const auto& a : accounts) key.push_back(&a);
  std::stable_sort(key.begin(), key.end(),
                   [](const DemoAccount* x, const DemoAccount* y) { return x->annual_revenue > y->annual_revenue; });
  key.resize(std::min<std::size_t>(key.size(), o.key_accounts));

  std::vector<Step> steps;
  uint64_t number = 0;
  for (std::size_t k = 0; k < key.size(); ++k) {
    const DemoAccount& account = *key[k];
    const uint64_t count = 2 + r.below(k < 10 ? 5 : 3);
    for (uint64_t c = 0; c < count; ++c) {
      char id[32];
      std::snprintf(id, sizeof id, "CP-%04llu", static_cast<unsigned long long>(++number));
      // Spread over the year; every key account's last complaint falls in the last two weeks.
      const bool recent = c + 1 == count && r.percent(60);
      const int64_t opened = recent ? o.end_ms - static_cast<int64_t>(r.below(14 * 24)) * kHour
                                    : start + static_cast<int64_t>(r.unit() * static_cast<double>(350 * kDay));
      Life life(id, o.end_ms, steps);
      life.start(opened - kMinute);
      const bool hotline = r.percent(40);
      const std::string owner = hotline ? pick(r, kAgents) : account.manager;
      const int priority = static_cast<int>(r.percent(10) ? 4 : r.percent(25) ? 3 : r.percent(80) ? 2 : 1);
      if (!life.step(1, {{"account_id", account.id}, {"action", "opened"}, {"employee_id", owner},
                         {"department", department_of(owner)}, {"priority", priority},
                         {"channel", hotline ? "hotline" : pick(r, kChannels)}, {"category", pick(r, kCategories)}}))
        continue;
      ++summary.complaints;
      // An automatic acknowledgement, which is no first response (the clock keeps running).
      if (r.percent(50))
        life.step(1, {{"action", "responded"}, {"employee_id", owner}, {"response_flags", {"automatic"}}});
      const bool late = r.percent(15);
      const bool stop_early = recent && r.percent(35);  // still unanswered at the end
      if (!stop_early)
        life.step(late ? 600 + static_cast<int64_t>(r.below(2400)) : 10 + static_cast<int64_t>(r.below(50)),
                  {{"action", "responded"}, {"employee_id", owner}, {"text", "called the customer back"}});
      if (stop_early) continue;
      if (r.percent(20))
        life.step(30, {{"action", "responded"}, {"employee_id", owner}, {"response_flags", {"internal"}},
                       {"text", "internal note: checking the delivery records"}});
      std::string assignee = owner;
      if (r.percent(55)) {
        const std::string to = pick(r, kSpecialists);
        if (to != assignee && life.step(60 + static_cast<int64_t>(r.below(240)),
                                        {{"action", "handed_off"}, {"employee_id", assignee}, {"to_employee_id", to},
                                         {"to_department", department_of(to)}}))
          assignee = to;
        if (r.percent(25)) {
          const std::string next = pick(r, kAgents);
          if (next != assignee && life.step(240 + static_cast<int64_t>(r.below(1440)),
                                            {{"action", "handed_off"}, {"employee_id", assignee},
                                             {"to_employee_id", next}, {"to_department", department_of(next)}}))
            assignee = next;
        }
      }
      if (r.percent(25)) {
        life.step(60, {{"action", "waiting_on_customer"}, {"employee_id", assignee}, {"text", "asked for photos"}});
        if (!(recent && r.percent(50)))
          life.step(1440 + static_cast<int64_t>(r.below(2880)), {{"action", "customer_replied"}, {"employee_id", assignee}});
      }
      if (r.percent(9))
        life.step(120, {{"action", "priority_changed"}, {"employee_id", assignee}, {"priority", priority == 4 ? 3 : priority + 1}});
      const bool slow = r.percent(15);
      if (recent && r.percent(50)) continue;  // still being worked on at the end
      life.step(slow ? 4000 + static_cast<int64_t>(r.below(6000)) : 240 + static_cast<int64_t>(r.below(1200)),
                {{"action", "resolved"}, {"employee_id", assignee}, {"text", "replacement shipped"}});
      if (r.percent(12)) {
        life.step(1440 + static_cast<int64_t>(r.below(2880)),
                  {{"action", "reopened"}, {"employee_id", owner}, {"text", "the replacement is faulty too"}});
        life.step(30, {{"action", "responded"}, {"employee_id", owner}});
        life.step(600 + static_cast<int64_t>(r.below(2000)), {{"action", "resolved"}, {"employee_id", assignee}});
      }
      if (r.percent(85)) life.step(1440 + static_cast<int64_t>(r.below(2880)), {{"action", "closed"}, {"employee_id", owner}});
    }
  }
  std::stable_sort(steps.begin(), steps.end(), [](const Step& x, const Step& y) { return x.at < y.at; });
  std::vector<std::string> resolved;
  for (const Step& s : steps) {
    out << s.line.dump() << "\n";
    ++summary.steps;
    const std::string action = s.line.at("action").get<std::string>();
    const std::string id = s.line.at("complaint_id").get<std::string>();
    if (action == "resolved") resolved.push_back(id);
    if (action == "reopened") resolved.erase(std::find(resolved.begin(), resolved.end(), id));
  }
  summary.open = summary.complaints - resolved.size();
  // Then the key accounts' service requests of the last two weeks (demo/requests.hpp).
  const RequestSummary requests = write_requests(o.seed, o.end_ms, key, &working, out);
  summary.requests = requests.requests;
  summary.request_steps = requests.steps;
  return summary;
}

}  // namespace kamhost::demo
