// kam/host/complaints.hpp - kam::host::Complaints, the complaint capability of ABI 1.3 (kam/complaints.h):
// an employee's queue, an account's complaints, one complaint's timeline and the KPIs, each returned
// as the JSON text kam/complaints.h documents. Get one from Instance::complaints(), which throws
// KAM_ERR_UNSUPPORTED on a plugin older than 1.3 (or built without complaint tracking). Part of
// kam/host.hpp (include that).
#ifndef KAM_HOST_COMPLAINTS_HPP
#define KAM_HOST_COMPLAINTS_HPP

#include <kam/host/actor.hpp>
#include <kam/host/buffer.hpp>
#include <kam/host/library.hpp>
#include <kam/kam.h>

#include <cstdint>
#include <string>
#include <utility>

namespace kam::host {

// The complaints table bound to one instance. Cheap to copy; keeps the library loaded, but not the
// instance: use it only while the Instance it came from lives. Methods are [thread-safe].
class Complaints {
 public:
  Complaints(detail::LibraryPtr lib, kam_instance* instance, const kam_complaints_v1* table)
      : lib_(std::move(lib)), instance_(instance), table_(table) {}

  // An employee's queue (open complaints they own or are assigned, most urgent first) at the host's
  // now. limit 0 means 100, at most 1,000. Needs "complaints.read" (own queue), ".department" or ".all".
  std::string queue(const Actor& actor, const std::string& employee_id, uint32_t limit = 0) const {
    if (!KAM_COMPLAINTS_HAS(table_, queue)) missing("queue");
    Buffer out(lib_);
    detail::check(*lib_->api, table_->queue(instance_, actor.get(), employee_id.c_str(), limit, out.get()),
                  "complaints.queue");
    return out.str();
  }

  // An account's open complaints (and, with include_closed, its resolved and closed ones, newest
  // first, at most limit; 0 means 100). KAM_ERR_NOT_FOUND for an unknown account.
  std::string account(const Actor& actor, const std::string& account_id, bool include_closed = false,
                      uint32_t limit = 0) const {
    if (!KAM_COMPLAINTS_HAS(table_, account_complaints)) missing("account_complaints");
    const uint32_t flags = include_closed ? KAM_COMPLAINTS_INCLUDE_CLOSED : 0u;
    Buffer out(lib_);
    detail::check(*lib_->api,
                  table_->account_complaints(instance_, actor.get(), account_id.c_str(), flags, limit, out.get()),
                  "complaints.account_complaints");
    return out.str();
  }

  // One complaint's timeline: its clocks, its append-only ledger and its escalations.
  // KAM_ERR_NOT_FOUND for an unknown complaint.
  std::string show(const Actor& actor, const std::string& complaint_id) const {
    if (!KAM_COMPLAINTS_HAS(table_, complaint)) missing("complaint");
    Buffer out(lib_);
    detail::check(*lib_->api, table_->complaint(instance_, actor.get(), complaint_id.c_str(), out.get()),
                  "complaints.complaint");
    return out.str();
  }

  // KPIs of the complaints received in [from_ms, to_ms) grouped by group_by (KAM_COMPLAINT_KPI_*).
  // to_ms 0: the host's now; from_ms 0: 30 days before to_ms. Needs "complaints.kpi".
  std::string kpis(const Actor& actor, kam_complaint_kpi_group group_by, int64_t from_ms = 0,
                   int64_t to_ms = 0) const {
    if (!KAM_COMPLAINTS_HAS(table_, complaint_kpis)) missing("complaint_kpis");
    kam_complaint_kpi_query query{};
    query.struct_size = sizeof query;
    query.group_by = group_by;
    query.from_ms = from_ms;
    query.to_ms = to_ms;
    Buffer out(lib_);
    detail::check(*lib_->api, table_->complaint_kpis(instance_, actor.get(), &query, out.get()),
                  "complaints.complaint_kpis");
    return out.str();
  }

  // The C table and handle, for members the wrapper does not cover (check them with KAM_COMPLAINTS_HAS).
  const kam_complaints_v1& table() const noexcept { return *table_; }
  kam_instance* handle() const noexcept { return instance_; }

 private:
  // A table member this plugin's complaints table lacks: it is older than the minor that added it.
  [[noreturn]] void missing(const char* member) const {
    detail::throw_missing(*lib_, std::string("complaints.") + member, 3);
  }

  detail::LibraryPtr lib_;
  kam_instance* instance_;
  const kam_complaints_v1* table_;
};

}  // namespace kam::host

#endif  // KAM_HOST_COMPLAINTS_HPP
