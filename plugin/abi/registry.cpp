#include "abi/registry.hpp"

#include <dlfcn.h>

#include <mutex>
#include <string>
#include <unordered_set>

#include "core/error.hpp"

namespace kam::abi {
namespace {

// Trivially destructible state only: nothing of the plugin may need to run after dlclose.
std::mutex g_mutex;
std::unordered_set<const kam_instance*>* g_live = nullptr;  // allocated with the first instance
void* g_self = nullptr;                                      // dlopen() reference on this library

void* reference_self() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&register_instance), &info) == 0 || info.dli_fname == nullptr)
    throw Error(Status::internal, "instance_create: dladdr cannot name the plugin's own library");
  void* self = dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD);
  if (self == nullptr)
    throw Error(Status::internal, std::string("instance_create: cannot reference the plugin's own "
                                              "library: ") + dlerror());
  return self;
}

}  // namespace

void register_instance(kam_instance* instance) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_live == nullptr) g_live = new std::unordered_set<const kam_instance*>();
  if (g_live->empty()) g_self = reference_self();
  g_live->insert(instance);
}

bool is_live(const kam_instance* instance) {
  std::lock_guard<std::mutex> lock(g_mutex);
  return g_live != nullptr && g_live->count(instance) != 0;
}

bool unregister_instance(kam_instance* instance, void** library) {
  *library = nullptr;
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_live == nullptr || g_live->erase(instance) == 0) return false;
  if (g_live->empty()) {
    delete g_live;  // nothing left allocated once the last instance is gone
    g_live = nullptr;
    *library = g_self;
    g_self = nullptr;
  }
  return true;
}

}  // namespace kam::abi
