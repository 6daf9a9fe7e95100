// kam/host/service.hpp - kam::host::Service, the service workflow capability of ABI 1.4
// (kam/service.h): an employee's service queue (optionally with their complaints merged in), an
// account's requests, one request's timeline and the KPIs, each returned as the JSON text
// kam/service.h documents. Get one from Instance::service(), which throws KAM_ERR_UNSUPPORTED on a
// plugin older than 1.4 (or built without service workflows). Part of kam/host.hpp (include that).
#ifndef KAM_HOST_SERVICE_HPP
#define KAM_HOST_SERVICE_HPP

#include <kam/host/actor.hpp>
#include <kam/host/buffer.hpp>
#include <kam/host/library.hpp>
#include <kam/kam.h>

#include <cstdint>
#include <string>
#include <utility>

namespace kam::host {

// The service table bound to one instance. Cheap to copy; keeps the library loaded, but not the
// instance: use it only while the Instance it came from lives. Methods are [thread-safe].
class Service {
 public:
  Service(detail::LibraryPtr lib, kam_instance* instance, const kam_service_v1* table)
      : lib_(std::move(lib)), instance_(instance), table_(table) {}

  // An employee's open requests by business time left (with_complaints: their open complaints
  // merged in). limit 0 means 100, at most 1,000. Needs "service.read" (own queue), ".department"
  // or ".all".
  std::string queue(const Actor& actor, const std::string& employee_id, bool with_complaints = false,
                    uint32_t limit = 0) const {
    if (!KAM_SERVICE_HAS(table_, queue)) missing("queue");
    Buffer out(lib_);
    detail::check(*lib_->api,
                  table_->queue(instance_, actor.get(), employee_id.c_str(),
                                with_complaints ? KAM_SERVICE_QUEUE_WITH_COMPLAINTS : 0u, limit, out.get()),
                  "service.queue");
    return out.str();
  }

  // An account's open requests (and, with include_closed, its done ones). KAM_ERR_NOT_FOUND for an
  // unknown account.
  std::string account(const Actor& actor, const std::string& account_id, bool include_closed = false,
                      uint32_t limit = 0) const {
    if (!KAM_SERVICE_HAS(table_, account_requests)) missing("account_requests");
    Buffer out(lib_);
    detail::check(*lib_->api,
                  table_->account_requests(instance_, actor.get(), account_id.c_str(),
                                           include_closed ? KAM_SERVICE_INCLUDE_CLOSED : 0u, limit, out.get()),
                  "service.account_requests");
    return out.str();
  }

  // One request's timeline: its append-only ledger and the notifications written for it.
  std::string show(const Actor& actor, const std::string& request_id) const {
    if (!KAM_SERVICE_HAS(table_, request)) missing("request");
    Buffer out(lib_);
    detail::check(*lib_->api, table_->request(instance_, actor.get(), request_id.c_str(), out.get()),
                  "service.request");
    return out.str();
  }

  // KPIs of the requests opened in [from_ms, to_ms), grouped by group_by (KAM_SERVICE_KPI_*).
  // to_ms 0: the host's now; from_ms 0: 30 days before to_ms. Needs "service.kpi".
  std::string kpis(const Actor& actor, kam_service_kpi_group group_by, int64_t from_ms = 0, int64_t to_ms = 0) const {
    if (!KAM_SERVICE_HAS(table_, service_kpis)) missing("service_kpis");
    kam_service_kpi_query query{};
    query.struct_size = sizeof query;
    query.group_by = group_by;
    query.from_ms = from_ms;
    query.to_ms = to_ms;
    Buffer out(lib_);
    detail::check(*lib_->api, table_->service_kpis(instance_, actor.get(), &query, out.get()), "service.service_kpis");
    return out.str();
  }

  const kam_service_v1& table() const noexcept { return *table_; }
  kam_instance* handle() const noexcept { return instance_; }

 private:
  [[noreturn]] void missing(const char* member) const {
    detail::throw_missing(*lib_, std::string("service.") + member, 4);
  }

  detail::LibraryPtr lib_;
  kam_instance* instance_;
  const kam_service_v1* table_;
};

}  // namespace kam::host

#endif  // KAM_HOST_SERVICE_HPP
