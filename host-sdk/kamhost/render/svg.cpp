// svg.cpp - SVG text and coordinates (see svg.hpp).
#include "render/svg.hpp"

#include <cstdio>

#include "text/escape.hpp"

namespace kamhost {

std::string xml_escape(const std::string& text) {
  const std::string s = printable(text);
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string coord(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", v);
  return text;
}

}  // namespace kamhost
