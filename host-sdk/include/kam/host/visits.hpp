// kam/host/visits.hpp - kam::host::Visits, customer-visit plans (ABI 1.4, kam/visits.h): visits due,
// an account's plan and visits, compliance KPIs, each returned as the JSON text kam/visits.h
// documents. Get one from Instance::visits(), which throws KAM_ERR_UNSUPPORTED on a plugin older
// than 1.4. Part of kam/host.hpp (include that).
#ifndef KAM_HOST_VISITS_HPP
#define KAM_HOST_VISITS_HPP

#include <kam/host/actor.hpp>
#include <kam/host/buffer.hpp>
#include <kam/host/library.hpp>
#include <kam/kam.h>

#include <cstdint>
#include <string>
#include <utility>

namespace kam::host {

// What visits_due lists (kam_visits_due_query).
struct VisitsDueQuery {
  bool overdue_only = false;
  std::string manager_id;  // "": every manager the actor may see
  int64_t horizon_ms = 0;  // 0: visits.due_ahead_days
  std::string after;       // "": first page; else the previous page's next_cursor
  uint32_t limit = 0;      // 0 means 100
};

// The visits table bound to one instance. Cheap to copy; keeps the library loaded, but not the
// instance: use it only while the Instance it came from lives. Methods are [thread-safe].
class Visits {
 public:
  Visits(detail::LibraryPtr lib, kam_instance* instance, const kam_visits_v1* table)
      : lib_(std::move(lib)), instance_(instance), table_(table) {}

  // Visits due before now + horizon, earliest first. Needs "visits.read" (own accounts) or ".all".
  std::string due(const Actor& actor, const VisitsDueQuery& q = {}) const {
    if (!KAM_VISITS_HAS(table_, visits_due)) missing("visits_due");
    kam_visits_due_query query{};
    query.struct_size = sizeof query;
    query.flags = q.overdue_only ? KAM_VISITS_OVERDUE_ONLY : 0u;
    query.manager_id = q.manager_id.c_str();
    query.horizon_ms = q.horizon_ms;
    query.after = q.after.c_str();
    query.limit = q.limit;
    Buffer out(lib_);
    detail::check(*lib_->api, table_->visits_due(instance_, actor.get(), &query, out.get()), "visits.visits_due");
    return out.str();
  }

  // An account's plan and its visits (newest first, at most limit; 0 means 20).
  std::string account(const Actor& actor, const std::string& account_id, uint32_t limit = 0) const {
    if (!KAM_VISITS_HAS(table_, account_visits)) missing("account_visits");
    Buffer out(lib_);
    detail::check(*lib_->api, table_->account_visits(instance_, actor.get(), account_id.c_str(), limit, out.get()),
                  "visits.account_visits");
    return out.str();
  }

  // Compliance of the due dates in [from_ms, to_ms) grouped by group_by (KAM_VISIT_KPI_*). to_ms 0:
  // the host's now; from_ms 0: 90 days before to_ms. Needs "visits.kpi".
  std::string kpis(const Actor& actor, kam_visit_kpi_group group_by, int64_t from_ms = 0, int64_t to_ms = 0) const {
    if (!KAM_VISITS_HAS(table_, visit_kpis)) missing("visit_kpis");
    kam_visit_kpi_query query{};
    query.struct_size = sizeof query;
    query.group_by = group_by;
    query.from_ms = from_ms;
    query.to_ms = to_ms;
    Buffer out(lib_);
    detail::check(*lib_->api, table_->visit_kpis(instance_, actor.get(), &query, out.get()), "visits.visit_kpis");
    return out.str();
  }

  const kam_visits_v1& table() const noexcept { return *table_; }
  kam_instance* handle() const noexcept { return instance_; }

 private:
  [[noreturn]] void missing(const char* member) const {
    detail::throw_missing(*lib_, std::string("visits.") + member, 4);
  }

  detail::LibraryPtr lib_;
  kam_instance* instance_;
  const kam_visits_v1* table_;
};

}  // namespace kam::host

#endif  // KAM_HOST_VISITS_HPP
