// routing.cpp - the routing rule of routing.hpp.
#include "core/service/routing.hpp"

namespace kam::core::service {
namespace {

// The pool member the rule picks, or empty for a pool without members.
std::string pick(const Pool& pool, const RouteInput& in) {
  if (pool.members.empty()) return {};
  if (pool.rule == PoolRule::round_robin)
    return pool.members[static_cast<std::size_t>(in.routed_to_pool % static_cast<int64_t>(pool.members.size()))];
  const std::string* best = nullptr;
  int64_t best_count = 0;
  for (const std::string& m : pool.members) {
    const auto it = in.open_counts.find(m);
    const int64_t n = it == in.open_counts.end() ? 0 : it->second;
    if (!best || n < best_count) best = &m, best_count = n;
  }
  return *best;
}

}  // namespace

Route route(const RouteInput& in) {
  Route r;
  if (in.dedicated_manager_required) {
    if (!in.account_manager_id.empty()) {
      r.by = Route::By::dedicated_manager;
      r.assignee = in.account_manager_id;
      return r;
    }
    r.unrouted =
        "tier '" + in.tier + "' requires a dedicated account manager and account '" + in.account_id + "' has none";
  }
  if (in.pool) {
    r.assignee = pick(*in.pool, in);
    if (!r.assignee.empty()) {
      r.by = Route::By::pool;
      r.pool = in.pool->name;
      return r;
    }
    const std::string why = "engineer pool '" + in.pool->name + "' has no members";
    r.unrouted = r.unrouted ? *r.unrouted + "; " + why : why;
    return r;
  }
  if (!r.unrouted) r.unrouted = "tier '" + in.tier + "' has neither a dedicated account manager nor an engineer pool";
  return r;
}

const char* route_by_name(Route::By by) {
  switch (by) {
    case Route::By::dedicated_manager:
      return "dedicated_manager";
    case Route::By::pool:
      return "pool";
    case Route::By::nobody:
      break;
  }
  return "nobody";
}

}  // namespace kam::core::service
