// entry.cpp - the plugin's one exported symbol: version negotiation and the function table.
#define KAM_BUILDING_PLUGIN 1
#include <cstdio>

#include "abi/api.hpp"
#include "abi/buffer.hpp"
#include "abi/version.hpp"
#include "kam/kam.h"

namespace kam::abi {
namespace {

// The table for ABI major 1. Members are only ever appended (kam.h says so for hosts too).
const kam_api_v1 kApiV1 = {
    sizeof(kam_api_v1),
    1,
    KAM_ABI_VERSION_MINOR,
    0,
    kPluginVersion,
    // 1.0
    &last_error_message,
    &status_name,
    &get_extension,
    &buffer_free,
    &config_check,
    &instance_create,
    &kam_abi_instance_destroy,
    &config_reload,
    &instance_info,
    &ingest,
    &notifications_poll,
    &notifications_ack,
    &notifications_deliver,
    &audit_query,
    // 1.1
    &tiers_evaluate,
    &account_card,
    &tier_override_set,
    &tier_override_clear,
    &report_pareto,
    &tick,
    /* 1.2 */
    &tiers_list,
    /* end 1.2 */
    /* 1.3 */
    &complaints,
    /* end 1.3 */
    /* 1.4 */
    &identity,
    &service,
    &contacts,
    &visits,
    /* end 1.4 */
    /* 1.5 */
    &distributors,
    /* end 1.5 */
};

void write_error(char* buffer, size_t capacity, const char* text) {
  if (buffer == nullptr || capacity == 0) return;
  std::snprintf(buffer, capacity, "%s", text);
}

}  // namespace
}  // namespace kam::abi

extern "C" const kam_api_v1* kam_get_api(uint32_t abi_major, char* error_buffer,
                                         size_t error_capacity) {
  // No exception can leave here: only snprintf and constants.
  if (abi_major == 1) {
    kam::abi::write_error(error_buffer, error_capacity, "");
    return &kam::abi::kApiV1;
  }
  char message[256];
  std::snprintf(message, sizeof message,
                "KAM plugin %s serves ABI major version 1 (1.%d); the host asked for major "
                "version %u",
                kam::abi::kPluginVersion, KAM_ABI_VERSION_MINOR, static_cast<unsigned>(abi_major));
  kam::abi::write_error(error_buffer, error_capacity, message);
  return nullptr;
}
