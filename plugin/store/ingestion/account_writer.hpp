// account_writer.hpp - writes an ACCOUNT_UPSERTED event: the whole account record, unless a newer
// one is stored already (an older event arriving late does not overwrite it), and with it the
// account's own phone numbers and addresses (1.4, ContactPoints).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "store/ingestion/contact_points.hpp"
#include "store/ingestion/writer_context.hpp"

namespace kam::store::detail {

class AccountWriter {
 public:
  using Payload = core::AccountUpserted;
  explicit AccountWriter(WriteContext& context) : ctx_(context), points_(context) {}
  ItemResult write(const core::AccountUpserted& a);

 private:
  WriteContext& ctx_;
  std::string id_, name_, name_latin_, tax_id_, region_, industry_, manager_, distributor_, flags_;
  std::optional<soci::statement> upsert_;
  ContactPoints points_;
};

}  // namespace kam::store::detail
