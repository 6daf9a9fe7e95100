// distributor_writer.hpp - writes a DISTRIBUTOR_UPSERTED event: the whole distributor record, unless
// a newer one is stored already.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "store/ingestion/writer_context.hpp"

namespace kam::store::detail {

class DistributorWriter {
 public:
  using Payload = core::DistributorUpserted;
  explicit DistributorWriter(WriteContext& context) : ctx_(context) {}
  ItemResult write(const core::DistributorUpserted& d);

 private:
  WriteContext& ctx_;
  std::string id_, name_, tax_id_, level_, territories_, industries_;
  std::optional<soci::statement> upsert_;
};

}  // namespace kam::store::detail
