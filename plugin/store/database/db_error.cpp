#include "store/database/db_error.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <new>

namespace kam::store::detail {
namespace {

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
