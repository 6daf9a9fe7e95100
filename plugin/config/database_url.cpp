#include "config/database_url.hpp"

namespace kam::config::detail {
namespace {

constexpr std::string_view kExpected =
    "expected sqlite:PATH, sqlite:///ABSOLUTE/PATH or postgresql://USER@HOST:PORT/DBNAME";
constexpr std::string_view kNoPassword =
    "must not contain a password; name an environment variable holding it in database.password_env, "
    "or use a PGPASSFILE";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool has_password(std::string_view rest) {
  // rest = "[userinfo@]host[:port][/db][?k=v&...]". A password may itself hold '/' or '@' when an
  // admin did not encode it, so take the last '@' before the query as the end of userinfo.
  const std::size_t query = rest.find('?');
  const std::string_view before_query = rest.substr(0, query);
  const std::size_t at = before_query.rfind('@');
  if (at != std::string_view::npos && before_query.substr(0, at).find(':') != std::string_view::npos) return true;
  if (query == std::string_view::npos) return false;
  std::string_view params = rest.substr(query + 1);
  while (!params.empty()) {
    const std::size_t amp = params.find('&');
    const std::string_view param = params.substr(0, amp);
    if (param.substr(0, param.find('=')) == "password") return true;
    if (amp == std::string_view::npos) break;
    params.remove_prefix(amp + 1);
  }
  return false;
}

}  // namespace

std::optional<DatabaseUrl> parse_database_url(std::string_view url, std::string& error) {
  DatabaseUrl out;
  if (starts_with(url, "sqlite:")) {
    std::string_view rest = url.substr(7);
    if (starts_with(rest, "///")) {
      rest.remove_prefix(2);  // keep one '/': sqlite:///var/x -> /var/x
    } else if (starts_with(rest, "//")) {
      error = std::string(kExpected) + " (sqlite://NAME has a host part; use three slashes for an absolute path)";
      return std::nullopt;
    }
    if (rest.empty()) {
      error = std::string(kExpected) + " (the file name after 'sqlite:' is missing)";
      return std::nullopt;
    }
    out.kind = DatabaseConfig::Kind::sqlite;
    out.sqlite_file = std::string(rest);
    return out;
  }
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (!starts_with(url, scheme)) continue;
    if (has_password(url.substr(scheme.size()))) {
      error = std::string(kNoPassword);
      return std::nullopt;
    }
    out.kind = DatabaseConfig::Kind::postgresql;
    return out;
  }
  const std::size_t colon = url.find(':');
  // Appends, not a + b: GCC 12 -O3 warns (wrongly, -Wrestrict) about "literal" + std::string.
  error.assign(kExpected).append(", got ");
  if (colon == std::string_view::npos)
    error.append("\"").append(url).append("\"");
  else
    error.append("a URL starting with \"").append(url.substr(0, colon + 1)).append("\"");
  return std::nullopt;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string add_password_to_pg_url(std::string_view url, std::string_view password) {
  std::string out(url);
  if (out.find('?') == std::string::npos)
    out += '?';
  else if (out.back() != '?' && out.back() != '&')
    out += '&';
  return out + "password=" + percent_encode(password);
}

}  // namespace kam::config::detail
