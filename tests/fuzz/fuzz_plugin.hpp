// fuzz_plugin.hpp - what the libFuzzer targets share: the real libkam.so loaded once through its one
// entry point (dlopen + kam_get_api, as a host does), an empty output buffer, and an admin actor.
#pragma once

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>

#include "kam/kam.h"

namespace kam::fuzz {

inline const kam_api_v1* api() {
  static const kam_api_v1* table = [] {
    const char* path = std::getenv("KAM_PLUGIN");
    void* lib = dlopen(path ? path : KAM_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      std::fprintf(stderr, "fuzz: cannot load the plugin: %s\n", dlerror());
      std::abort();
    }
    auto entry = reinterpret_cast<kam_get_api_fn>(dlsym(lib, KAM_ENTRY_SYMBOL));
    const kam_api_v1* t = entry ? entry(KAM_ABI_VERSION_MAJOR, nullptr, 0) : nullptr;
    if (t == nullptr) std::abort();
    return t;
  }();
  return table;
}

inline kam_buffer empty_buffer() {
  kam_buffer b{};
  b.struct_size = sizeof b;
  return b;
}

inline kam_actor admin() {
  static const char* roles[] = {"kam.admin"};
  kam_actor a{};
  a.struct_size = sizeof a;
  a.user_id = "fuzz";
  a.roles = roles;
  a.role_count = 1;
  return a;
}

// A call's status must be one kam.h defines, and a failed call leaves out_json empty.
inline void check_call(kam_status status, kam_buffer& out) {
  if (status != KAM_OK && out.data != nullptr) std::abort();
  if (status == KAM_OK && out.data == nullptr) std::abort();
  if (api()->status_name(status) == nullptr) std::abort();
  if (out.data != nullptr) api()->buffer_free(&out);
}

}  // namespace kam::fuzz
