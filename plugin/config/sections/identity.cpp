// identity.cpp - the identity section: the match threshold (a decimal between 0 and 1, kept in basis
// points so that it compares exactly) and the candidate block size cap (docs/identity.md).
#include <cctype>

#include "config/sections/sections.hpp"

namespace kam::config::detail {
namespace {

// "0.85", "1", "0", ".9" -> basis points; nothing when not a plain decimal in [0, 1] of at most four
// decimal places.
std::optional<int32_t> decimal_bp(const std::string& text) {
  std::size_t i = 0;
  int32_t whole = 0;
  bool digits = false;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > 1) return std::nullopt;
    digits = true;
    ++i;
  }
  int32_t fraction = 0, scale = 1000;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      if (scale == 0) return std::nullopt;  // more than four decimal places
      fraction += (text[i] - '0') * scale;
      scale /= 10;
      digits = true;
    }
  }
  if (!digits || i != text.size()) return std::nullopt;
  const int32_t bp = whole * 10000 + fraction;
  if (bp > 10000) return std::nullopt;
  return bp;
}

}  // namespace

void read_identity(const MapReader& top, Config& config) {
  auto r = top.get_map("identity", std::vector<std::string_view>{"threshold", "max_block"});
  if (!r) return;
  if (const MapReader::Entry* e = r->find("threshold")) {
    const std::optional<int32_t> bp = e->value.IsScalar() ? decimal_bp(e->value.Scalar()) : std::optional<int32_t>{};
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
