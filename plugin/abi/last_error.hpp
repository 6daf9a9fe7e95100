// last_error.hpp - the per-thread "last error" message behind kam_api_v1::last_error_message.
//
// A fixed char array, so it is trivially destructible: a non-trivial thread_local would keep the
// library mapped after dlclose until the thread exits (see docs/abi.md).
#pragma once

#include <string_view>

namespace kam::abi {

void set_last_error(std::string_view message);
const char* last_error();

}  // namespace kam::abi
