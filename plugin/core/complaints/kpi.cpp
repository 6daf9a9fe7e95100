// kpi.cpp - complaint KPIs; see kpi.hpp.
#include "core/complaints/kpi.hpp"

#include <algorithm>
#include <map>

namespace kam::core::complaints {
namespace {

const std::string& group_of(const ComplaintRecord& r, KpiGroup by) {
  static const std::string all;
  switch (by) {
    case KpiGroup::tier: return r.state.tier;
    case KpiGroup::first_owner: return r.state.first_owner;
    case KpiGroup::department: return r.state.owner_department;
    case KpiGroup::all: break;
  }
  return all;
}

std::optional<int32_t> ratio_bp(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<int32_t>(part * 10000 / whole);
}

}  // namespace

std::optional<int64_t> nearest_rank(std::vector<int64_t> values, int32_t percent) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t rank = (values.size() * static_cast<std::size_t>(percent) + 99) / 100;
  return values[std::max<std::size_t>(rank, 1) - 1];
}

std::vector<KpiRow> complaint_kpis(const std::vector<ComplaintRecord>& records, KpiGroup by, int64_t from_ms,
                                   int64_t to_ms) {
  struct Acc {
    KpiRow row;
    std::vector<int64_t> first, resolution;
  };
  std::map<std::string, Acc> groups;
  for (const ComplaintRecord& r : records) {
    if (r.state.phase == Phase::none || r.state.received_at_ms < from_ms || r.state.received_at_ms >= to_ms) continue;
    Acc& acc = groups[group_of(r, by)];
    KpiRow& row = acc.row;
    ++row.complaints;
    const ClockStatus& fr = r.first_response;
    if (fr.target_ms > 0 && (fr.stopped_at_ms || fr.breached)) {
      ++row.first_response_decided;
      if (!fr.breached) ++row.first_response_on_time;
    }
    if (fr.target_ms > 0 && fr.stopped_at_ms) acc.first.push_back(fr.elapsed_ms);
    if (r.resolution.target_ms > 0 && r.state.phase != Phase::open) acc.resolution.push_back(r.resolution.elapsed_ms);
    if (fr.breached || r.resolution.breached) ++row.breaches;
    if (r.state.phase != Phase::open || r.state.reopen_count > 0) ++row.resolved;
    if (r.state.reopen_count > 0) ++row.reopened;
  }
  std::vector<KpiRow> rows;
  for (auto& [group, acc] : groups) {
    KpiRow row = acc.row;
    row.group = group;
    row.compliance_bp = ratio_bp(row.first_response_on_time, row.first_response_decided);
    row.first_response_median_ms = nearest_rank(acc.first, 50);
    row.first_response_p90_ms = nearest_rank(acc.first, 90);
    row.resolution_median_ms = nearest_rank(acc.resolution, 50);
    row.resolution_p90_ms = nearest_rank(acc.resolution, 90);
    row.reopen_rate_bp = ratio_bp(row.reopened, row.resolved);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace kam::core::complaints
