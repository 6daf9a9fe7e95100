// complaint_feed.cpp - the generated organisation and complaint steps; see complaint_feed.hpp.
#include "complaint_feed.hpp"

#include <algorithm>
#include <random>

namespace kam::bench {

namespace {

constexpr int64_t kDayMs = 86'400'000;

// A generator of its own per complaint (splitmix of the seed and the index).
std::mt19937_64 rng_for(uint64_t seed, uint64_t i) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ull * (i + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return std::mt19937_64(z ^ (z >> 31));
}

uint64_t below(std::mt19937_64& rng, uint64_t n) { return n == 0 ? 0 : rng() % n; }
bool chance(std::mt19937_64& rng, uint32_t percent) { return rng() % 100 < percent; }

}  // namespace

ComplaintFeed::ComplaintFeed(FeedShape shape, const core::time::WorkCalendar& calendar)
    : shape_(shape), calendar_(calendar) {
  shape_.employees = std::max<uint32_t>(shape_.employees, 2);
  shape_.accounts = std::max<uint32_t>(shape_.accounts, 1);
}

std::vector<core::Event> ComplaintFeed::employees() const {
  std::vector<core::Event> out;
  for (uint32_t e = 0; e < shape_.employees; ++e) {
    core::EmployeeEvent p;
    p.employee_id = employee_id(e);
    p.name = "Employee " + std::to_string(e);
    p.department = department_of(e);
    const uint32_t manager = e - e % 20;
    if (manager != e) p.manager_id = employee_id(manager);
    p.calendar = "china-office";
    out.push_back(core::Event{"emp-" + std::to_string(e), 1000, p});
  }
  return out;
}

std::vector<core::Event> ComplaintFeed::accounts() const {
  std::vector<core::Event> out;
  for (uint32_t a = 0; a < shape_.accounts; ++a) {
    core::AccountUpserted p;
    p.account_id = "acct-" + std::to_string(a);
    p.name = "Customer " + std::to_string(a);
    p.account_manager_id = employee_id(a % shape_.employees);
    out.push_back(core::Event{"acc-" + std::to_string(a), 1000, p});
  }
  return out;
}

std::vector<core::Event> ComplaintFeed::orders() const {
  std::vector<core::Event> out;
  for (uint32_t a = 0; a < shape_.accounts; ++a) {
    // Revenue in CNY (the reporting currency) and margin, for the example's tier rules:
    // platinum >= 5M at >= 20%, gold >= 1M at >= 15%, silver >= 250k, else standard.
    const uint32_t bucket = a % 50;
    const int64_t yuan = bucket == 0 ? 6'000'000 : bucket < 5 ? 2'000'000 : bucket < 15 ? 400'000 : 50'000;
    core::OrderPosted p;
    p.order_id = "o-" + std::to_string(a);
    p.account_id = "acct-" + std::to_string(a);
    p.amount = core::Money{yuan * 100, "CNY"};
    p.margin = core::Money{yuan * 25, "CNY"};  // 25%
    out.push_back(core::Event{"ord-" + std::to_string(a), shape_.now_ms - 30 * kDayMs, p});
  }
  return out;
}

ComplaintFeed::Plan ComplaintFeed::plan(uint64_t i) const {
  std::mt19937_64 rng = rng_for(shape_.seed, i);
  Plan p;
  const uint64_t spread = static_cast<uint64_t>(shape_.spread_days) * kDayMs;
  p.received_ms = shape_.now_ms - 1 - static_cast<int64_t>(below(rng, spread));
  for (int tries = 0; tries < 8 && !calendar_.is_working(p.received_ms) && chance(rng, 75); ++tries)
    p.received_ms = shape_.now_ms - 1 - static_cast<int64_t>(below(rng, spread));
  p.owner = static_cast<uint32_t>(below(rng, shape_.employees));
  p.account = static_cast<uint32_t>(below(rng, shape_.accounts));
  const uint64_t pr = below(rng, 100);
  p.priority = pr < 20 ? 1 : pr < 70 ? 2 : pr < 90 ? 3 : 4;
  p.assignee = p.owner;
  if (chance(rng, 15)) {
    p.handoff_ms = calendar_.add_minutes(p.received_ms, 5 + static_cast<int64_t>(below(rng, 236)));
    uint32_t to = static_cast<uint32_t>(below(rng, shape_.employees));
    if (department_of(to) == department_of(p.owner)) to = (to + 20) % shape_.employees;
    if (to == p.owner) to = (to + 1) % shape_.employees;
    p.handed_off = p.handoff_ms < shape_.now_ms;
    if (p.handed_off) p.assignee = to;
  }
  if (chance(rng, 55)) {
    p.response_ms = calendar_.add_minutes(p.received_ms, 5 + static_cast<int64_t>(below(rng, 956)));
    p.responded = p.response_ms < shape_.now_ms;
    if (p.responded && chance(rng, 10)) {
      p.waiting_ms = calendar_.add_minutes(p.response_ms, 1 + static_cast<int64_t>(below(rng, 60)));
      p.waiting = p.waiting_ms < shape_.now_ms;
    }
  }
  return p;
}

core::ComplaintEvent ComplaintFeed::base(uint64_t i, const Plan& p, core::ComplaintAction action, uint32_t employee) const {
  core::ComplaintEvent c;
  c.complaint_id = complaint_id(i);
  c.account_id = "acct-" + std::to_string(p.account);
  c.action = static_cast<int32_t>(action);
  c.employee_id = employee_id(employee);
  c.department = department_of(employee);
  return c;
}

void ComplaintFeed::complaints(uint64_t from, uint64_t to, std::vector<core::Event>& out) const {
  using A = core::ComplaintAction;
  for (uint64_t i = from; i < to; ++i) {
    const Plan p = plan(i);
    const std::string id = "c" + std::to_string(i) + "-";
    core::ComplaintEvent opened = base(i, p, A::opened, p.owner);
    opened.severity = p.priority;
    opened.channel = "hotline";
    opened.category = "quality";
    opened.text = "complaint " + std::to_string(i);
    out.push_back(core::Event{id + "1", p.received_ms, opened});
    // The later steps in time order; each is taken by whoever is the assignee then.
    struct Later {
      int64_t at_ms;
      A action;
    };
    std::vector<Later> later;
    if (p.handed_off) later.push_back({p.handoff_ms, A::handed_off});
    if (p.responded) later.push_back({p.response_ms, A::responded});
    if (p.waiting) later.push_back({p.waiting_ms, A::waiting_on_customer});
    std::stable_sort(later.begin(), later.end(), [](const Later& a, const Later& b) { return a.at_ms < b.at_ms; });
    uint32_t assignee = p.owner;
    for (const Later& l : later) {
      core::ComplaintEvent c = base(i, p, l.action, assignee);
      if (l.action == A::handed_off) {
        c.to_employee_id = employee_id(p.assignee);
        c.to_department = department_of(p.assignee);
        assignee = p.assignee;
      }
      out.push_back(core::Event{id + std::to_string(static_cast<int32_t>(l.action)), l.at_ms, c});
    }
  }
}

core::Event ComplaintFeed::state_change(uint64_t i, int64_t at_ms, const std::string& tag) const {
  using A = core::ComplaintAction;
  const Plan p = plan(i);
  const std::string id = tag + "-" + std::to_string(i);
  if (p.waiting) return core::Event{id, at_ms, base(i, p, A::customer_replied, p.assignee)};
  if (!p.responded) return core::Event{id, at_ms, base(i, p, A::responded, p.assignee)};
  if (i % 2 == 0) return core::Event{id, at_ms, base(i, p, A::resolved, p.assignee)};
  core::ComplaintEvent h = base(i, p, A::handed_off, p.assignee);
  uint32_t to = (p.assignee + 20) % shape_.employees;
  if (to == p.assignee) to = (to + 1) % shape_.employees;
  h.to_employee_id = employee_id(to);
  h.to_department = department_of(to);
  return core::Event{id, at_ms, h};
}

}  // namespace kam::bench
