#include "core/utf8.hpp"

#include <cstdint>
#include <cstdio>

namespace kam::core {
namespace {

// Length of the valid sequence starting at s[i] (1..4), or 0 when the bytes there are not one.
size_t sequence_length(const unsigned char* s, size_t n, size_t i, uint32_t* code_point) {
  unsigned char c = s[i];
  if (c < 0x80) {
    *code_point = c;
    return 1;
  }
  size_t len;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > n) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i + k] & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *code_point = cp;
  return len;
}

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  uint32_t cp;
  for (size_t i = 0; i < text.size();) {
    const size_t len = sequence_length(bytes(text), text.size(), i, &cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string_view utf8_prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  // Step back over continuation bytes so the cut falls on a sequence boundary.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

size_t find_control(std::string_view text, bool allow_line_breaks) {
  uint32_t cp;
  for (size_t i = 0; i < text.size();) {
    const size_t len = sequence_length(bytes(text), text.size(), i, &cp);
    if (len == 0) return std::string_view::npos;  // not valid UTF-8: the caller checks that first
    const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
    if (control && !(allow_line_breaks && (cp == '\n' || cp == '\t'))) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string code_point_name(std::string_view text, size_t at) {
  uint32_t cp = 0;
  if (at >= text.size() || sequence_length(bytes(text), text.size(), at, &cp) == 0) return "an invalid byte";
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(cp));
  return name;
}

std::string utf8_escape(std::string_view text, size_t max_bytes) {
  std::string out;
  out.reserve(text.size() < max_bytes ? text.size() : max_bytes);
  uint32_t cp;
  for (size_t i = 0; i < text.size();) {
    const size_t len = sequence_length(bytes(text), text.size(), i, &cp);
    if (len == 0) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", static_cast<unsigned>(bytes(text)[i]));
      if (out.size() + 4 > max_bytes) break;
      out += escaped;
      ++i;
      continue;
    }
    if (out.size() + len > max_bytes) break;
    out.append(text.data() + i, len);
    i += len;
  }
  return out;
}

}  // namespace kam::core
