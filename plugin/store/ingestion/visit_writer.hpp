// visit_writer.hpp - writes a VISIT event: the visit's current row (the times each status records
// are kept, core/lifecycle; the status follows the newest event) and the event's own row; a
// completed visit also moves the account's visit plan (visit_plans.last_visit_ms, 1.4).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "store/ingestion/writer_context.hpp"

namespace kam::store::detail {

class RepeatedWrite;

class VisitWriter {
 public:
  using Payload = core::VisitEvent;
  explicit VisitWriter(WriteContext& context);
  ~VisitWriter();
  ItemResult write(const core::VisitEvent& v);

 private:
  WriteContext& ctx_;
  std::string id_, account_, employee_, notes_;
  int32_t status_ = 0;
  int64_t planned_ = 0, completed_ = 0, cancelled_ = 0, planned_as_sent_ = 0;
  soci::indicator planned_ind_ = soci::i_null, completed_ind_ = soci::i_null, cancelled_ind_ = soci::i_null;
  std::optional<soci::statement> upsert_, event_;
  std::unique_ptr<RepeatedWrite> plan_;
};

}  // namespace kam::store::detail
