// complaint_writer.hpp - writes a COMPLAINT event: OPENED creates the complaint (once per id);
// every other step must name an opened complaint and changes what core/lifecycle says its action
// changes. Every step is also kept as its own complaint_events row.
//
// Self-contained on purpose: the complaint feature's rules grow here without touching the other
// writers (its bound fields and statements are its own).
#pragma once

#include <soci/soci.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "store/ingestion/writer_context.hpp"
#include "store/ingestion/writer_support.hpp"

namespace kam::store::detail {

class ComplaintWriter {
 public:
  using Payload = core::ComplaintEvent;
  explicit ComplaintWriter(WriteContext& context) : ctx_(context) {}
  ItemResult write(const core::ComplaintEvent& c);

 private:
  // The UPDATE of a step other than OPENED: one statement per action, prepared on first use.
  soci::statement& update(int32_t action);

  WriteContext& ctx_;
  std::string id_, account_, employee_, department_, to_employee_, to_department_, channel_, category_, text_;
  std::string next_state_;  // the status the step leaves (core/lifecycle)
  int32_t action_ = 0, severity_ = 0;
  OpenedBy opened_by_{"complaint", "SELECT opened_event_id FROM complaints WHERE complaint_id = :id"};
  std::optional<soci::statement> open_, event_;
  std::array<std::optional<soci::statement>, 8> updates_;
};

}  // namespace kam::store::detail
