// kpis.cpp - kam/complaints.h complaint_kpis: the core's KPIs over the complaints received in the
// period, derived at the host's now, one row per group and a total.
#include "app/complaints/derived.hpp"
#include "core/complaints/kpi.hpp"
#include "core/error.hpp"

namespace kam::app {

namespace cc = core::complaints;
using nlohmann::json;

namespace {

const char* group_name(int32_t group_by) {
  switch (group_by) {
    case 1: return "tier";
    case 2: return "owner";
    case 3: return "department";
    default: return "all";
  }
}

json row_json(const cc::KpiRow& r) {
  const auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  return json{{"group", r.group},
              {"complaints", r.complaints},
              {"first_response_decided", r.first_response_decided},
              {"first_response_on_time", r.first_response_on_time},
              {"compliance_bp", opt(r.compliance_bp)},
              {"first_response_median_ms", opt(r.first_response_median_ms)},
              {"first_response_p90_ms", opt(r.first_response_p90_ms)},
              {"resolution_median_ms", opt(r.resolution_median_ms)},
              {"resolution_p90_ms", opt(r.resolution_p90_ms)},
              {"breaches", r.breaches},
              {"resolved", r.resolved},
              {"reopened", r.reopened},
              {"reopen_rate_bp", opt(r.reopen_rate_bp)}};
}

}  // namespace

std::string complaint_kpis_json(store::Store& store, const config::Config& config, const ComplaintQueryContext& context,
                                const KpiRequest& request) {
  if (request.group_by < 0 || request.group_by > 3)
    throw Error(Status::invalid_argument, "group_by: " + std::to_string(request.group_by) +
                                              " is not a KAM_COMPLAINT_KPI_* (0..3)");
  if (request.from_ms >= request.to_ms)
    throw Error(Status::invalid_argument, "from_ms " + std::to_string(request.from_ms) + " is not before to_ms " +
                                              std::to_string(request.to_ms));
  if (!context.access.allows(context.actor, kComplaintsKpi))
    throw Error(Status::permission, "complaint KPIs need the permission complaints.kpi");
  store::ComplaintsRepository& repo = complaints::repository_of(store);
  const auto shared_setup = store::shared_complaint_setup(config);
  const store::ComplaintSetup& setup = *shared_setup;
  store::ComplaintScan scan;
  scan.received_from_ms = request.from_ms;
  scan.received_to_ms = request.to_ms;
  // Read and derive in chunks, keeping only the records (the ledgers are dropped as we go).
  std::vector<cc::ComplaintRecord> records;
  std::vector<store::StoredComplaint> chunk;
  const auto flush = [&] {
    for (complaints::Derived& d : complaints::derive(repo, setup, std::move(chunk), context.now_ms))
      records.push_back(std::move(d.record));
    chunk.clear();
  };
  repo.scan(scan, [&](store::StoredComplaint&& c) {
    chunk.push_back(std::move(c));
    if (chunk.size() >= 1000) flush();
  });
  flush();
  const auto by = static_cast<cc::KpiGroup>(request.group_by);
  json rows = json::array();
  for (const cc::KpiRow& r : cc::complaint_kpis(records, by, request.from_ms, request.to_ms)) rows.push_back(row_json(r));
  const std::vector<cc::KpiRow> total = cc::complaint_kpis(records, cc::KpiGroup::all, request.from_ms, request.to_ms);
  cc::KpiRow empty;
  return json{{"group_by", group_name(request.group_by)},
              {"from_ms", request.from_ms},
              {"to_ms", request.to_ms},
              {"time_zone", config.business.time_zone},
              {"rows", rows},
              {"total", row_json(total.empty() ? empty : total.front())}}
      .dump();
}

}  // namespace kam::app
