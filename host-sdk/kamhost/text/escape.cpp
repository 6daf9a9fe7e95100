// escape.cpp - escaping for terminals and logs (see escape.hpp).
#include "text/escape.hpp"

#include <cstdint>
#include <cstdio>

#include "text/utf8.hpp"

namespace kamhost {
namespace {

uint32_t code_point(std::string_view s, std::size_t i, std::size_t len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  uint32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

bool is_invisible_control(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

void hex_byte(std::string& out, unsigned char c) {
  char text[8];
  std::snprintf(text, sizeof text, "\\x%02x", c);
  out += text;
}

}  // namespace

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {
      if (c == '\\') out += '\\';
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (c < 0x80) {
      if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else hex_byte(out, c);
      ++i;
      continue;
    }
    const std::size_t len = utf8_char_length(s, i);
    if (len == 0) {
      hex_byte(out, c);
      ++i;
      continue;
    }
    const uint32_t cp = code_point(s, i, len);
    if (is_invisible_control(cp)) {
      char text[16];
      std::snprintf(text, sizeof text, "\\u{%04x}", static_cast<unsigned>(cp));
      out += text;
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string printable_lines(std::string_view s) {
  std::string out;
  for (std::size_t start = 0;;) {
    const std::size_t end = s.find('\n', start);
    out += printable(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    out += '\n';
    start = end + 1;
  }
}

std::string csv_field(std::string_view s) {
  const std::string text = printable(s);
  if (text.find_first_of(",\"") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace kamhost
