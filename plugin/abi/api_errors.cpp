// Errors, status names and extensions.
#include "abi/api.hpp"
#include "abi/last_error.hpp"
#include "core/error.hpp"

namespace kam::abi {

// The ABI's status values are kam::Status's: the C ABI layer casts between them.
static_assert(KAM_OK == static_cast<int>(Status::ok));
static_assert(KAM_ERR_INVALID_ARGUMENT == static_cast<int>(Status::invalid_argument));
static_assert(KAM_ERR_VERSION == static_cast<int>(Status::version));
static_assert(KAM_ERR_CONFIG == static_cast<int>(Status::config));
static_assert(KAM_ERR_STORE == static_cast<int>(Status::store));
static_assert(KAM_ERR_NOT_FOUND == static_cast<int>(Status::not_found));
static_assert(KAM_ERR_CONFLICT == static_cast<int>(Status::conflict));
static_assert(KAM_ERR_PERMISSION == static_cast<int>(Status::permission));
static_assert(KAM_ERR_BATCH_REJECTED == static_cast<int>(Status::batch_rejected));
static_assert(KAM_ERR_SCHEMA_TOO_NEW == static_cast<int>(Status::schema_too_new));
static_assert(KAM_ERR_UNSUPPORTED == static_cast<int>(Status::unsupported));
static_assert(KAM_ERR_BUSY == static_cast<int>(Status::busy));
static_assert(KAM_ERR_OUT_OF_MEMORY == static_cast<int>(Status::out_of_memory));
static_assert(KAM_ERR_INTERNAL == static_cast<int>(Status::internal));

const char* last_error_message() { return last_error(); }

const char* status_name(kam_status status) {
  switch (status) {
    case KAM_OK: return "KAM_OK";
    case KAM_ERR_INVALID_ARGUMENT: return "KAM_ERR_INVALID_ARGUMENT";
    case KAM_ERR_VERSION: return "KAM_ERR_VERSION";
    case KAM_ERR_CONFIG: return "KAM_ERR_CONFIG";
    case KAM_ERR_STORE: return "KAM_ERR_STORE";
    case KAM_ERR_NOT_FOUND: return "KAM_ERR_NOT_FOUND";
    case KAM_ERR_CONFLICT: return "KAM_ERR_CONFLICT";
    case KAM_ERR_PERMISSION: return "KAM_ERR_PERMISSION";
    case KAM_ERR_BATCH_REJECTED: return "KAM_ERR_BATCH_REJECTED";
    case KAM_ERR_SCHEMA_TOO_NEW: return "KAM_ERR_SCHEMA_TOO_NEW";
    case KAM_ERR_UNSUPPORTED: return "KAM_ERR_UNSUPPORTED";
    case KAM_ERR_BUSY: return "KAM_ERR_BUSY";
    case KAM_ERR_OUT_OF_MEMORY: return "KAM_ERR_OUT_OF_MEMORY";
    case KAM_ERR_INTERNAL: return "KAM_ERR_INTERNAL";
  }
  return "KAM_ERR_UNKNOWN_STATUS";
}

// No optional capabilities in 1.0; later ones are looked up by versioned id ("kam.reports/1").
const void* get_extension(const char* /*extension_id*/) { return nullptr; }

}  // namespace kam::abi
