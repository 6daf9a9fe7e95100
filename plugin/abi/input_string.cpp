#include "abi/input_string.hpp"

#include <cstring>
#include <string_view>

#include "abi/limits.hpp"
#include "core/error.hpp"
#include "core/utf8.hpp"

namespace kam::abi {
namespace {

struct Rule {
  size_t max_bytes;
  bool line_breaks;
  const char* what;
};

Rule rule(StringKind kind) {
  switch (kind) {
    case StringKind::id: return {kMaxIdBytes, false, "an id"};
    case StringKind::name: return {kMaxNameBytes, false, "a name"};
    case StringKind::reason: return {kMaxReasonBytes, true, "a reason"};
    case StringKind::text: return {kMaxTextBytes, true, "a text"};
  }
  return {0, false, ""};
}

}  // namespace

std::string input_string(const char* s, const char* where, StringKind kind, bool required) {
  if (s == nullptr || *s == '\0') {
    if (required) throw Error(Status::invalid_argument, std::string(where) + " is required");
    return {};
  }
  const Rule r = rule(kind);
  // Measure without reading past the bound: a 10 MB string is refused after max + 1 bytes.
  std::string_view v(s, strnlen(s, r.max_bytes + 1));
  if (v.size() > r.max_bytes)
    throw Error(Status::invalid_argument, std::string(where) + " is longer than " +
                                              std::to_string(r.max_bytes) + " bytes, the limit for " +
                                              r.what);
  if (!core::is_valid_utf8(v))
    throw Error(Status::invalid_argument, std::string(where) + " is not valid UTF-8");
  const size_t at = core::find_control(v, r.line_breaks);
  if (at != std::string_view::npos)
    throw Error(Status::invalid_argument,
                std::string(where) + " holds the control character " + core::code_point_name(v, at) +
                    " at byte " + std::to_string(at) + "; " + r.what +
                    (r.line_breaks ? " may hold line breaks and tabs but no other control character"
                                   : " may hold no control character"));
  return std::string(v);
}

}  // namespace kam::abi
