// db_error.hpp - turning database failures into kam::Error without leaking secrets.
//
// Every message says what was being done, then the database's own words:
// "ingest batch from 'erp-nightly': database is locked". Connection strings never appear in
// messages; redact_secrets() (config/redact.hpp, the one redaction used everywhere) is a second line
// of defence for texts that echo one anyway.
#pragma once

#include <exception>
#include <string>
#include <string_view>

#include "config/redact.hpp"
#include "core/error.hpp"

namespace kam::store::detail {

using config::redact_secrets;

// Call inside a catch block. kam::Error and std::bad_alloc pass through unchanged; a lock timeout,
// busy database or deadlock becomes Status::busy; any other failure Status::store,
// "<doing>: <database message>".
[[noreturn]] void rethrow_as_kam_error(std::string_view doing);

// True for failures after which the whole transaction may simply be run again (PostgreSQL deadlock
// or serialization failure).
bool is_retryable(const std::exception& e);

// Runs f, translating failures with rethrow_as_kam_error(doing).
template <class F>
auto guarded(std::string_view doing, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (...) {
    rethrow_as_kam_error(doing);
  }
}

}  // namespace kam::store::detail
