// error.hpp - the one exception type used inside the plugin, carrying the ABI status it maps to.
//
// Code throws kam::Error(Status::..., "what and where"); the C ABI layer catches it and turns it into
// the status code and the per-thread last-error message. Status values equal the KAM_ERR_* constants
// in kam.h (checked by static_assert in plugin/abi).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace kam {

enum class Status : int32_t {
  ok = 0,
  invalid_argument = 1,
  version = 2,
  config = 3,
  store = 4,
  not_found = 5,
  conflict = 6,
  permission = 7,
  batch_rejected = 8,
  schema_too_new = 9,
  unsupported = 10,
  busy = 11,
  out_of_memory = 12,
  internal = 13,
};

class Error : public std::runtime_error {
 public:
  Error(Status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  Status status() const noexcept { return status_; }

 private:
  Status status_;
};

}  // namespace kam
