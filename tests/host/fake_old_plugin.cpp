// fake_old_plugin.cpp - a stand-in for an older or broken KAM build, to see what the host SDK does
// with it. It forwards every call to the real libkam.so (KAM_REAL_PLUGIN_PATH) but hands out a
// copy of its table that
//   FAKE_KIND 0: is an ABI 1.0 table (minor 0, struct_size of 1.0; the memory beyond still holds
//                the real 1.1 pointers, so only struct_size tells they are not there), or
//   FAKE_KIND 1: claims ABI 1.1 but has NULL for tiers_evaluate and tick,
//   FAKE_KIND 2: is an ABI 1.2 table (minor 2, its size ends before the 1.3 `complaints` getter), or
//   FAKE_KIND 3: is a 1.3 build without complaint tracking (its `complaints` getter returns NULL).
// The real plugin stays loaded until the process ends (this is a test helper).
#include <dlfcn.h>

#include <cstddef>
#include <cstdio>
#include <cstring>

#include "kam/kam.h"

#ifndef FAKE_KIND
#error "FAKE_KIND must be 0, 1, 2 or 3"
#endif

namespace {

kam_api_v1 make_table() {
  kam_api_v1 table{};
  void* handle = dlopen(KAM_REAL_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) return table;
  void* symbol = dlsym(handle, KAM_ENTRY_SYMBOL);
  kam_get_api_fn get_api = nullptr;
  std::memcpy(&get_api, &symbol, sizeof get_api);
  const kam_api_v1* real = get_api != nullptr ? get_api(1, nullptr, 0) : nullptr;
  if (real == nullptr) return table;
  std::memcpy(&table, real, real->struct_size < sizeof table ? real->struct_size : sizeof table);
#if FAKE_KIND == 0
  table.abi_minor = 0;
  table.struct_size = static_cast<uint32_t>(offsetof(kam_api_v1, audit_query) + sizeof table.audit_query);
#elif FAKE_KIND == 1
  table.abi_minor = 1;
  table.struct_size = sizeof table;
  table.tiers_evaluate = nullptr;
  table.tick = nullptr;
#elif FAKE_KIND == 2
  table.abi_minor = 2;
  table.struct_size = static_cast<uint32_t>(offsetof(kam_api_v1, complaints));
#else
  table.abi_minor = 3;
  table.struct_size = static_cast<uint32_t>(offsetof(kam_api_v1, identity));
  table.complaints = []() -> const kam_complaints_v1* { return nullptr; };
#endif
  return table;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) const kam_api_v1* kam_get_api(uint32_t abi_major, char* error_buffer,
                                                                               size_t error_capacity) {
  static const kam_api_v1 table = make_table();
  if (abi_major != 1 || table.struct_size == 0) {
    if (error_buffer != nullptr && error_capacity > 0)
      std::snprintf(error_buffer, error_capacity, "fake plugin serves major 1 only (asked %u)", abi_major);
    return nullptr;
  }
  return &table;
}
