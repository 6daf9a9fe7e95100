// routing.hpp - where a new service request goes (docs/service.md, routing): to the account's
// dedicated manager when its tier's benefits require one; otherwise, or when the account has no
// manager (then the request is also reported as unrouted), to a member of the tier's engineer pool
// by the pool's rule: least_open (fewest open requests; ties to the member listed first) or
// round_robin (members in turn, by the pool's count of requests routed to it).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/service/workflow.hpp"

namespace kam::core::service {

struct RouteInput {
  std::string tier;
  bool dedicated_manager_required = false;  // the tier's benefits.dedicated_account_manager
  std::string account_id, account_manager_id;
  const Pool* pool = nullptr;                  // the tier's engineer pool (or service.default_pool)
  std::map<std::string, int64_t> open_counts;  // least_open: open requests per pool member
  int64_t routed_to_pool = 0;                  // round_robin: requests routed to the pool before
};

struct Route {
  enum class By { dedicated_manager, pool, nobody };
  By by = By::nobody;
  std::string assignee;                 // empty: nobody
  std::string pool;                     // the pool it came from (By::pool)
  std::optional<std::string> unrouted;  // why the tier's routing could not be followed, in words
};

Route route(const RouteInput& in);
const char* route_by_name(Route::By by);  // "dedicated_manager" | "pool" | "nobody"

}  // namespace kam::core::service
