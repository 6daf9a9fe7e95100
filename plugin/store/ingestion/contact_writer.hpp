// contact_writer.hpp - writes a CONTACT_UPSERTED event (1.4): the contact's newest record (an older
// event arriving late changes nothing) and, when it applied, its phone numbers and addresses
// (ContactPoints); a removed contact keeps its row and loses its points.
#pragma once

#include <memory>
#include <string>

#include "store/ingestion/contact_points.hpp"
#include "store/ingestion/writer_context.hpp"

namespace kam::store::detail {

class ContactWriter {
 public:
  using Payload = core::ContactEvent;
  explicit ContactWriter(WriteContext& context);
  ~ContactWriter();
  ItemResult write(const core::ContactEvent& c);

 private:
  WriteContext& ctx_;
  std::unique_ptr<RepeatedWrite> upsert_;
  ContactPoints points_;
};

}  // namespace kam::store::detail
