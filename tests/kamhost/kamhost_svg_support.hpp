// kamhost_svg_support.hpp - a small well-formedness check for the SVG charts kamhost writes (Pareto,
// SLA): every tag closed in order, attribute values quoted, no '<' or stray '&' in text or
// attributes. Returns "" or the first problem.
#pragma once

#include <cstring>
#include <string>
#include <vector>

namespace kamhost_test {

inline std::string xml_problem(const std::string& s) {
  std::vector<std::string> open;
  std::size_t i = 0;
  auto entity_ok = [&](std::size_t at) {
    for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
      if (s.compare(at, std::strlen(e), e) == 0) return true;
    return false;
  };
  while (i < s.size()) {
    if (s[i] == '&' && !entity_ok(i)) return "bare & at " + std::to_string(i);
    if (s[i] != '<') {
      ++i;
      continue;
    }
    const std::size_t end = s.find('>', i);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(i);
    std::string tag = s.substr(i + 1, end - i - 1);
    if (tag.find('<') != std::string::npos) return "'<' inside a tag at " + std::to_string(i);
    if (!tag.empty() && tag[0] == '/') {
      const std::string name = tag.substr(1);
      if (open.empty() || open.back() != name) return "</" + name + "> does not close <" + (open.empty() ? "" : open.back()) + ">";
      open.pop_back();
    } else {
      const bool self_closing = !tag.empty() && tag.back() == '/';
      if (self_closing) tag.pop_back();
      const std::string name = tag.substr(0, tag.find_first_of(" \n\t"));
      if (name.empty()) return "empty tag name at " + std::to_string(i);
      // Attributes: name="value" pairs.
      std::size_t q = 0;
      for (char c : tag)
        if (c == '"') ++q;
      if (q % 2 != 0) return "unbalanced quotes in <" + name + ">";
      for (std::size_t eq = tag.find('='); eq != std::string::npos; eq = tag.find('=', eq + 1))
        if (eq + 1 >= tag.size() || tag[eq + 1] != '"') return "unquoted attribute in <" + name + ">";
      if (!self_closing) open.push_back(name);
      if (open.empty() && !self_closing) return "no root";
    }
    i = end + 1;
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  return "";
}

}  // namespace kamhost_test
