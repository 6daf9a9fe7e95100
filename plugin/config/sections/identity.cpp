// identity.cpp - the identity section: the match threshold (a decimal between 0 and 1, kept in basis
// points so that it compares exactly) and the candidate block size cap (docs/identity.md).
#include "config/sections/sections.hpp"
#include "config/values.hpp"

namespace kam::config::detail {

void read_identity(const MapReader& top, Config& config) {
  auto r = top.get_map("identity", std::vector<std::string_view>{"threshold", "max_block"});
  if (!r) return;
  if (const MapReader::Entry* e = r->find("threshold")) {
    const std::optional<int32_t> bp = e->value.IsScalar() ? score_bp_of(e->value.Scalar()) : std::optional<int32_t>{};
    if (bp && *bp > 0) {
      config.identity.threshold_bp = *bp;
    } else {
      r->error_at_value(*e, "expected a score between 0 and 1 (above 0, at most four decimals, like 0.85), got " +
                                describe(e->value));
    }
  }
  if (auto v = r->get_int("max_block", 10, 100000)) config.identity.max_block = static_cast<int32_t>(*v);
}

}  // namespace kam::config::detail
