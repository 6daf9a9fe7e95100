// visits.cpp - the visits section: how often the tick checks the visit plans, how far ahead a visit
// is "due", the grace days before it is "overdue", and who hears of an overdue visit when the account
// manager has no manager (docs/visits.md). The cadence itself is each tier's
// benefits.visit_cadence_days (tiers section).
#include "config/sections/sections.hpp"

#include "config/values.hpp"

namespace kam::config::detail {

void read_visits(const MapReader& top, Config& config) {
  auto section =
      top.get_map("visits", std::vector<std::string_view>{"check_every", "due_ahead_days", "grace_days", "supervisors"});
  if (!section) return;
  VisitsConfig& v = config.visits;
  if (const auto every = get_duration(*section, "check_every")) {
    if (*every < 1) {
      section->error_at_value(*section->find("check_every"), "expected at least 1m");
    } else {
      v.check_every_minutes = *every;
    }
  }
  if (auto ahead = section->get_int("due_ahead_days", 0, 365)) v.due_ahead_days = static_cast<int32_t>(*ahead);
  if (auto grace = section->get_int("grace_days", 0, 365)) v.grace_days = static_cast<int32_t>(*grace);
  if (auto sup = section->get_map("supervisors", std::vector<std::string_view>{"role", "employees"})) {
    if (auto role = sup->get_string("role", "a role name from the access section")) {
      if (config.access.role_permissions.count(*role) == 0) {
        sup->error_at_value(*sup->find("role"), "unknown role " + detail::quoted(*role) + "; define it in access.roles");
      } else {
        v.supervisor_role = *role;
      }
    }
    if (const MapReader::Entry* e = sup->find("employees")) {
      if (!e->value.IsSequence()) {
        sup->error_at_value(*e, "expected a list of employee ids, like [E-DIRECTOR]");
      } else {
        for (const auto& item : e->value) {
          if (!item.IsScalar() || item.Scalar().empty()) {
            sup->error_at_value(*e, "expected a list of employee ids (non-empty strings)");
            break;
          }
          v.supervisor_employees.push_back(item.Scalar());
        }
      }
    }
  }
}

}  // namespace kam::config::detail
