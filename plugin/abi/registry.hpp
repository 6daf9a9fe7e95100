// registry.hpp - the live instance handles, and the plugin's reference on itself while any lives.
//
// A handle is checked by looking it up in a set of pointers under a mutex, never by reading the
// memory it points to (a destroyed handle's memory is freed). While any instance lives the plugin
// holds a dlopen() reference on its own library, so a host that dlcloses it with an instance still
// open keeps a working plugin; the last instance_destroy drops it (see destroy_entry.cpp).
#pragma once

#include "kam/kam.h"

namespace kam::abi {

// Adds a new instance; the first one takes the library reference. Throws kam::Error.
void register_instance(kam_instance* instance);

// True when `instance` was registered and not yet removed.
bool is_live(const kam_instance* instance);

// Removes a live instance (false when it is not live). *library receives the plugin's reference on
// itself when this was the last instance (the caller dlcloses it last of all), else nullptr.
bool unregister_instance(kam_instance* instance, void** library);

}  // namespace kam::abi
