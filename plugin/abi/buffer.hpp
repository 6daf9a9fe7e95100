// buffer.hpp - kam_buffer: text the plugin hands to the host, allocated here and given back through
// kam_api_v1::buffer_free, so the host never frees plugin memory with its own allocator.
#pragma once

#include <string_view>

#include "kam/kam.h"

namespace kam::abi {

// Checks the buffer (struct size, empty) and fills it with a copy of text. Throws kam::Error.
void fill_buffer(kam_buffer* buffer, std::string_view text, const char* function);

kam_status buffer_free(kam_buffer* buffer);

}  // namespace kam::abi
