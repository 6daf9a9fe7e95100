// database_url.cpp - database.url as libpq and the store will read it (see database_url.hpp).
#include "config/database_url.hpp"

#include <libpq-fe.h>

#include <filesystem>
#include <memory>

namespace kam::config::detail {
namespace {

constexpr std::string_view kExpected =
    "expected sqlite:PATH, sqlite:///ABSOLUTE/PATH or postgresql://USER@HOST:PORT/DBNAME";
constexpr std::string_view kNoPassword =
    "must not contain a password; name an environment variable holding it in database.password_env, "
    "or use a PGPASSFILE";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Whether the store can open this SQLite file, with `error` set when not. The store refuses
// in-memory and URI databases (each pooled connection would see its own) and paths with a double
// quote (store/conninfo.cpp), so the config does too;
// a relative path stays inside instance.data_dir (it resolves against it, and the store creates
// the missing directories).
bool check_sqlite_file(std::string_view file, std::string& error) {
  if (file == ":memory:" || starts_with(file, "file:")) {
    error = "in-memory and URI SQLite databases (:memory:, file:...) are not supported; give a file path "
            "like sqlite:kam.db";
    return false;
  }
  if (file.find('"') != std::string_view::npos) {
    error = "a SQLite file path cannot contain a double quote (SOCI cannot pass it on to SQLite)";
    return false;
  }
  const std::filesystem::path p(file);
  if (p.is_absolute()) return true;  // written out in full: the admin chose the place
  const std::filesystem::path normal = p.lexically_normal();
  const std::string first = normal.empty() ? std::string() : normal.begin()->string();
  if (first == ".." || normal == "." || !normal.has_filename()) {
    error.assign("a relative SQLite path stays inside instance.data_dir and names a file; \"")
        .append(file)
        .append("\" does not (write sqlite:///ABSOLUTE/PATH for a file elsewhere)");
    return false;
  }
  return true;
}

// True when the userinfo (libpq's rule: up to the first '@' before any '/') has a ':' - libpq
// drops an empty password ("kam:@db"), but the URL still says one was meant.
bool has_password_separator(std::string_view rest) {
  const std::size_t end = rest.find_first_of("@/");
  return end != std::string_view::npos && rest[end] == '@' && rest.substr(0, end).find(':') != std::string_view::npos;
}

// libpq's own reading of a URI: refused when libpq cannot read it or finds a password, however
// spelled (user:pw@, ?password=, ?pass%77ord=, u?x:pw@host ...). libpq's message is cut before
// its quoted token, which may be part of a secret.
bool check_postgresql_url(std::string_view url, std::string_view rest, std::string& error) {
  if (has_password_separator(rest)) {
    error = std::string(kNoPassword);
    return false;
  }
  char* err = nullptr;
  PQconninfoOption* raw = PQconninfoParse(std::string(url).c_str(), &err);
  if (raw == nullptr) {
    std::string why = err ? err : "out of memory";
    if (err) PQfreemem(err);
    why = why.substr(0, why.find_first_of(":\"\n"));
    while (!why.empty() && why.back() == ' ') why.pop_back();
    error.assign(kExpected).append(" (libpq cannot read this URL: ").append(why).append(")");
    return false;
  }
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(raw, &PQconninfoFree);
  for (const PQconninfoOption* o = options.get(); o->keyword; ++o)
    if (o->val != nullptr && std::string_view(o->keyword) == "password") {
      error = std::string(kNoPassword);
      return false;
    }
  return true;
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
    if (!check_sqlite_file(rest, error)) return std::nullopt;
    out.kind = DatabaseConfig::Kind::sqlite;
    out.sqlite_file = std::string(rest);
    return out;
  }
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (!starts_with(url, scheme)) continue;
    if (!check_postgresql_url(url, url.substr(scheme.size()), error)) return std::nullopt;
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
