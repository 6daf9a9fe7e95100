// account_writer.hpp - writes an ACCOUNT_UPSERTED event: the whole account record, unless a newer
// one is stored already (an older event arriving late does not overwrite it), and with it the
// account's own phone numbers and addresses (1.4, ContactPoints).
// one is stored already (an older event arriving late does not overwrite it). A stored record also
// rewrites the account's identity rows and blocking keys (store/identity).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "store/ingestion/contact_points.hpp"
#include "store/identity/identity_rows.hpp"
#include "store/ingestion/writer_context.hpp"

namespace kam::store::detail {

class AccountWriter {
 public:
  using Payload = core::AccountUpserted;
  explicit AccountWriter(WriteContext& context) : ctx_(context), points_(context) {}
  ItemResult write(const core::AccountUpserted& a);

 private:
  void write_identity(const core::AccountUpserted& a);

  WriteContext& ctx_;
  std::string id_, name_, name_latin_, tax_id_, region_, industry_, manager_, distributor_, flags_;
  std::optional<soci::statement> upsert_;
  ContactPoints points_;
  std::optional<IdentityWriter> identity_;  // store/identity: the account's names prepared for matching
};

}  // namespace kam::store::detail
