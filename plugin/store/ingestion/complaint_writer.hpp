// complaint_writer.hpp - writes a COMPLAINT event into the complaint's clock ledger
// (docs/complaints.md): reads the ledger (on PostgreSQL under the complaint's row lock), lets the
// complaint core decide the step (core::complaints::apply_step, with the targets of the config in
// force and, for OPENED, the account's current tier), appends the entries it makes and rewrites
// the complaint's cache row (complaint_current, with its next SLA due instant). A step the core
// refuses is this item's rejection (CONFLICT, with the core's reason), nothing written.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "store/ingestion/writer_context.hpp"

namespace kam::store::detail {

class ComplaintWriter {
 public:
  using Payload = core::ComplaintEvent;
  explicit ComplaintWriter(WriteContext& context) : ctx_(context) {}
  ItemResult write(const core::ComplaintEvent& c);

 private:
  std::string current_tier(const std::string& account_id);

  WriteContext& ctx_;
  std::set<std::string> registered_;  // calendar versions this batch has stored (or found stored)
};

}  // namespace kam::store::detail
