// guard.hpp - the one place where C++ exceptions stop: every exported function body runs inside
// status_of_call(), which turns kam::Error, std::bad_alloc and anything else into a kam_status and the
// calling thread's last-error message. Nothing is ever thrown across the C boundary.
#pragma once

#include <exception>
#include <new>
#include <string>

#include "abi/last_error.hpp"
#include "core/error.hpp"
#include "kam/kam.h"

namespace kam::abi {

// Throws kam::Error(invalid_argument) naming the parameter when p is NULL.
template <class T>
T* require_ptr(T* p, const char* function, const char* parameter) {
  if (p == nullptr)
    throw Error(Status::invalid_argument, std::string(function) + ": " + parameter + " is NULL");
  return p;
}

// Runs body and returns the kam_status of how it ended: KAM_OK, or the status of what it threw (its
// message becomes the last error). Not store::guarded, which turns database errors into kam::Error.
template <class F>
kam_status status_of_call(F&& body) noexcept {
  try {
    body();
    return KAM_OK;
  } catch (const Error& e) {
    set_last_error(e.what());
    return static_cast<kam_status>(e.status());
  } catch (const std::bad_alloc&) {
    set_last_error("out of memory");
    return KAM_ERR_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    set_last_error(std::string("internal error: ") + e.what());
    return KAM_ERR_INTERNAL;
  } catch (...) {
    set_last_error("internal error: unknown exception");
    return KAM_ERR_INTERNAL;
  }
}

}  // namespace kam::abi
