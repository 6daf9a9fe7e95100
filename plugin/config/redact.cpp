// redact.cpp - password removal for messages (see redact.hpp).
#include "config/redact.hpp"

#include <cctype>
#include <string_view>

namespace kam::config {
namespace {

constexpr std::string_view kMask = "***";
constexpr std::string_view kKey = "password";

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A URI query parameter name as libpq reads it (percent-decoded).
std::string percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool ends_token(char c) { return std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\''; }

// "password = 'x y'" / "password=x" in keyword/value conninfo strings.
void redact_keyword_values(std::string& s) {
  for (std::size_t pos = 0; pos + kKey.size() <= s.size(); ++pos) {
    if (!iequals(std::string_view(s).substr(pos, kKey.size()), kKey)) continue;
    std::size_t p = pos + kKey.size();
    while (p < s.size() && s[p] == ' ') ++p;
    if (p >= s.size() || s[p] != '=') continue;
    ++p;
    while (p < s.size() && s[p] == ' ') ++p;
    std::size_t end = p;
    if (end < s.size() && s[end] == '\'') {
      ++end;
      while (end < s.size() && s[end] != '\'') end += (s[end] == '\\' && end + 1 < s.size()) ? 2 : 1;
      if (end < s.size()) ++end;
    } else {
      while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end])) && s[end] != '&') ++end;
    }
    s.replace(p, end - p, kMask);
    pos = p + kMask.size() - 1;
  }
}

// Redacts the URI starting after "://" at `start`; returns where it ends.
std::size_t redact_uri(std::string& s, std::size_t start) {
  std::size_t end = start;
  while (end < s.size() && !ends_token(s[end])) ++end;
  // Userinfo: up to the first '@' before any '/' (libpq's rule, so '?' and ':' may be in it).
  std::size_t at = start;
  while (at < end && s[at] != '@' && s[at] != '/') ++at;
  std::size_t host = start;
  if (at < end && s[at] == '@') {
    const std::size_t colon = s.find(':', start);
    if (colon < at) {
      s.replace(colon + 1, at - colon - 1, kMask);
      const std::size_t shift = at - colon - 1;
      end = end - shift + kMask.size();
      at = colon + 1 + kMask.size();
    }
    host = at + 1;
  }
  std::size_t query = s.find('?', host);
  if (query >= end) return end;
  for (std::size_t p = query + 1; p < end;) {
    std::size_t amp = s.find('&', p);
    if (amp > end) amp = end;
    const std::size_t eq = s.find('=', p);
    if (eq < amp && iequals(percent_decoded(std::string_view(s).substr(p, eq - p)), kKey)) {
      s.replace(eq + 1, amp - eq - 1, kMask);
      const std::size_t new_amp = eq + 1 + kMask.size();
      end = end - amp + new_amp;
      amp = new_amp;
    }
    p = amp + 1;
  }
  return end;
}

}  // namespace

std::string redact_secrets(std::string text) {
  // Every scheme, not only postgres(ql): a mistyped one is still someone's password.
  for (std::size_t pos = text.find("://"); pos != std::string::npos; pos = text.find("://", pos))
    pos = redact_uri(text, pos + 3);
  redact_keyword_values(text);
  return text;
}

}  // namespace kam::config
