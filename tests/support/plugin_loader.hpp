// plugin_loader.hpp - test support: load libkam.so with dlopen and get its v1 table, without the
// C++ host SDK, so these tests exercise exactly what a plain C host does.
#pragma once

#include <dlfcn.h>

#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "kam/kam.h"

namespace kam::test {

struct LoadedPlugin {
  void* handle = nullptr;
  const kam_api_v1* api = nullptr;

  explicit LoadedPlugin(const std::string& path) {
    handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) throw std::runtime_error(std::string("dlopen: ") + dlerror());
    void* sym = dlsym(handle, KAM_ENTRY_SYMBOL);
    if (sym == nullptr) throw std::runtime_error("no kam_get_api in " + path);
    kam_get_api_fn get_api;
    std::memcpy(&get_api, &sym, sizeof get_api);
    char why[256];
    api = get_api(KAM_ABI_VERSION_MAJOR, why, sizeof why);
    if (api == nullptr) throw std::runtime_error(why);
  }
  ~LoadedPlugin() {
    if (handle != nullptr) dlclose(handle);
  }
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  // Throws with the plugin's message when status is not KAM_OK.
  void check(kam_status status, const char* what) const {
    if (status != KAM_OK)
      throw std::runtime_error(std::string(what) + ": " + api->status_name(status) + ": " +
                               api->last_error_message());
  }

  // Ingests events as one batch in the name of a feed user with role erp.feed; fills summary, and
  // results (one per event) when given.
  kam_status ingest(kam_instance* instance, const std::vector<const kam_event_header*>& events,
                    const char* source, kam_batch_summary& summary, uint32_t flags = 0,
                    std::vector<kam_event_result>* results = nullptr) const {
    const char* roles[] = {"erp.feed"};
    kam_actor actor{sizeof(kam_actor), 1, "feed", roles};
    kam_batch batch{};
    batch.struct_size = sizeof batch;
    batch.flags = flags;
    batch.events = events.data();
    batch.event_count = events.size();
    batch.source = source;
    if (results != nullptr) {
      results->assign(events.size(), kam_event_result{});
      batch.results = results->data();
      batch.results_struct_size = sizeof(kam_event_result);
    }
    summary = kam_batch_summary{};
    summary.struct_size = sizeof summary;
    return api->ingest(instance, &actor, &batch, &summary);
  }

  kam_instance* create(const std::string& config_yaml) const {
    kam_config_source source{};
    source.struct_size = sizeof source;
    source.text = config_yaml.c_str();
    source.name = "<test config>";
    kam_instance_options options{};
    options.struct_size = sizeof options;
    options.config = &source;
    kam_instance* instance = nullptr;
    check(api->instance_create(&options, &instance), "instance_create");
    return instance;
  }
};

// A config for a database URL with a feed role allowed to ingest. database_extra holds more keys
// of the database section, one "key: value" per line.
inline std::string feed_config(const std::string& database_url,
                               const std::string& database_extra = "") {
  std::string extra;
  for (size_t at = 0; at < database_extra.size();) {
    size_t nl = database_extra.find('\n', at);
    if (nl == std::string::npos) nl = database_extra.size();
    extra += "  " + database_extra.substr(at, nl - at) + "\n";
    at = nl + 1;
  }
  return "kam: 1\n"
         "database:\n"
         "  url: \"" + database_url + "\"\n" + extra +
         "access:\n"
         "  roles:\n"
         "    erp.feed: [ingest]\n"
         "    kam.admin: [\"*\"]\n";
}

}  // namespace kam::test
