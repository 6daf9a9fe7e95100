#include "store/db_error.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cctype>
#include <new>

namespace kam::store::detail {
namespace {

bool iequals_at(const std::string& s, size_t pos, std::string_view word) {
  if (pos + word.size() > s.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[pos + i])) != word[i]) return false;
  return true;
}

// "password = 'x y'" / "password=x" / "password=x&..." in conninfo strings and URIs.
void redact_keyword_values(std::string& s) {
  constexpr std::string_view kKey = "password";
  for (size_t pos = 0; pos < s.size(); ++pos) {
    if (!iequals_at(s, pos, kKey)) continue;
    size_t p = pos + kKey.size();
    while (p < s.size() && s[p] == ' ') ++p;
    if (p >= s.size() || s[p] != '=') continue;
    ++p;
    while (p < s.size() && s[p] == ' ') ++p;
    size_t end = p;
    if (end < s.size() && s[end] == '\'') {
      ++end;
      while (end < s.size() && s[end] != '\'') end += (s[end] == '\\' && end + 1 < s.size()) ? 2 : 1;
      if (end < s.size()) ++end;
    } else {
      while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end])) && s[end] != '&')
        ++end;
    }
    s.replace(p, end - p, "***");
    pos = p + 3;
  }
}

// scheme://user:secret@host -> scheme://user:***@host
void redact_uri_userinfo(std::string& s) {
  for (size_t pos = s.find("://"); pos != std::string::npos; pos = s.find("://", pos + 3)) {
    size_t start = pos + 3;
    size_t end = start;
    while (end < s.size() && s[end] != '/' && s[end] != '@' && s[end] != '?' &&
           !std::isspace(static_cast<unsigned char>(s[end])))
      ++end;
    if (end >= s.size() || s[end] != '@') continue;
    size_t colon = s.find(':', start);
    if (colon == std::string::npos || colon > end) continue;
    s.replace(colon + 1, end - colon - 1, "***");
  }
}

std::string tidy(std::string text) {
  // SOCI messages end in newlines and span lines; keep them on one line.
  for (auto& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool is_busy(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    // Lock waits that timed out, and deadlocks still there after the retries: the call may simply
    // be made again.
    return state == "55P03" /* lock_not_available */ || state == "57014" /* query_canceled */ ||
           state == "40P01" /* deadlock_detected */ || state == "40001" /* serialization_failure */;
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    const int rc = lite->result() & 0xff;  // primary result code
    if (rc == 5 /* SQLITE_BUSY */ || rc == 6 /* SQLITE_LOCKED */) return true;
  }
  // Some SOCI paths report SQLite's busy state as a plain soci_error.
  const std::string_view what = e.what();
  return what.find("database is locked") != std::string_view::npos ||
         what.find("database table is locked") != std::string_view::npos;
}

}  // namespace

std::string redact_secrets(std::string text) {
  redact_keyword_values(text);
  redact_uri_userinfo(text);
  return text;
}

bool is_retryable(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    return state == "40P01" /* deadlock_detected */ || state == "40001" /* serialization_failure */;
  }
  return false;
}

void rethrow_as_kam_error(std::string_view doing) {
  try {
    throw;
  } catch (const Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    const Status status = is_busy(e) ? Status::busy : Status::store;
    throw Error(status, std::string(doing) + ": " + redact_secrets(tidy(e.what())));
  } catch (...) {
    throw Error(Status::store, std::string(doing) + ": unknown failure");
  }
}

}  // namespace kam::store::detail
