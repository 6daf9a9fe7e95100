// actor.hpp - who is acting (the host's user id and roles), and the access rules that say what
// each role may do. Pure data plus one check; the rules come from the YAML `access:` section.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kam::core {

struct Actor {
  std::string user_id;
  std::vector<std::string> roles;
};

// Permission names used by the ABI. The config loader refuses any other name.
inline constexpr std::string_view kPermissions[] = {
    "config.reload", "ingest", "notifications.read", "notifications.ack", "audit.read",
    "tiers.read", "tiers.evaluate", "tiers.override",
    // complaint tracking (1.3): the queries by visibility (kam/complaints.h), KPIs, the tick's SLA check
    "complaints.read", "complaints.read.department", "complaints.read.all", "complaints.kpi", "complaints.tick",
    // 1.4: identity matching (kam/identity.h), service workflows (kam/service.h), who is calling
    // (kam/contacts.h), visit plans (kam/visits.h)
    "accounts.read", "accounts.merge",
    "service.read", "service.read.department", "service.read.all", "service.kpi", "service.tick",
    "contacts.lookup",
    "visits.read", "visits.read.all", "visits.kpi", "visits.tick",
    // 1.5: distributor rules (kam/distributors.h): deal registration and review, the channel's
    // reports, quotes' discount authority, the tick's expiry of registrations
    "deals.register", "deals.register.any", "deals.read", "deals.read.all", "deals.review", "deals.expire",
    "channel.report", "quotes.check",
};

struct AccessRules {
  // role name -> permissions; the permission "*" grants everything.
  std::map<std::string, std::set<std::string>> role_permissions;

  bool allows(const Actor& actor, std::string_view permission) const {
    for (const auto& role : actor.roles) {
      auto it = role_permissions.find(role);
      if (it == role_permissions.end()) continue;
      if (it->second.count("*") || it->second.count(std::string(permission))) return true;
    }
    return false;
  }
};

}  // namespace kam::core
