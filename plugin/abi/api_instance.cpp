// Config checking, instance life cycle, atomic config reload, instance info.
#include "abi/api.hpp"
#include "abi/app_convert.hpp"
#include "abi/buffer.hpp"
#include "abi/call.hpp"
#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/instance.hpp"
#include "abi/json_text.hpp"
#include "abi/registry.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "app/instance/config_reload.hpp"
#include "config/reload.hpp"

namespace kam::abi {
namespace {

config::Config load_source(const kam_config_source* source, const char* function) {
  require_ptr(source, function, "source");
  check_struct(source, kConfigSourceSize_1_0, "kam_config_source");
  check_reserved(source->reserved0, "kam_config_source.reserved0");
  if ((source->path == nullptr) == (source->text == nullptr))
    throw Error(Status::invalid_argument,
                std::string(function) + ": set exactly one of kam_config_source.path and .text");
  try {
    if (source->path != nullptr)
      return config::load_config_file(utf8_required(source->path, "kam_config_source.path"));
    // The name labels every error line ("name:line:column"): a name, so it cannot forge a line.
    std::string name = input_string(source->name, "kam_config_source.name", StringKind::name, false);
    return config::load_config_text(utf8_or_empty(source->text, "kam_config_source.text"),
                                    name.empty() ? "<text>" : name);
  } catch (const config::ConfigError& e) {
    throw Error(Status::config, e.what());
  }
}

}  // namespace

kam_status config_check(const kam_config_source* source, kam_buffer* summary) {
  return status_of_call([&] {
    config::Config cfg = load_source(source, "config_check");
    if (summary != nullptr) fill_buffer(summary, cfg.summary(), "config_check");
  });
}

kam_status instance_create(const kam_instance_options* options, kam_instance** out_instance) {
  return status_of_call([&] {
    require_ptr(out_instance, "instance_create", "out_instance");
    *out_instance = nullptr;
    require_ptr(options, "instance_create", "options");
    check_struct(options, kInstanceOptionsSize_1_0, "kam_instance_options");
    if (options->flags != 0)
      throw Error(Status::unsupported, "instance_create: options.flags " +
                                           std::to_string(options->flags) +
                                           " are not known to this plugin (1.0 defines none)");
    auto instance = std::make_unique<kam_instance>();
    if (options->host != nullptr) {
      check_struct(options->host, kHostSize_1_0, "kam_host");
      check_reserved(options->host->reserved0, "kam_host.reserved0");
      // Copy only the members this plugin knows.
      instance->host = *options->host;
      instance->host.struct_size = sizeof(kam_host);
    }
    auto cfg = std::make_shared<const config::Config>(
        load_source(require_ptr(options->config, "instance_create", "options.config"),
                    "instance_create"));
    instance->config = cfg;
    kam_instance* raw = instance.get();
    instance->store = store::Store::open(cfg->database, [raw](core::LogLevel level, const std::string& m) {
      log(raw, static_cast<kam_log_level>(level), m);
    }, cfg->business.time_zone);
    log(raw, KAM_LOG_INFO, "KAM instance created: " + cfg->summary());
    register_instance(raw);  // live from here on (registry.hpp); instance_destroy removes it
    *out_instance = instance.release();
  });
}

// instance_destroy: destroy_entry.cpp

kam_status config_reload(kam_instance* instance, const kam_actor* actor,
                         const kam_config_source* source) {
  return status_of_call([&] {
    Call call(instance, actor, "config_reload", "config.reload");
    const core::Actor& who = call.actor();
    // Validate the whole new config before touching the one in force.
    auto next = std::make_shared<const config::Config>(load_source(source, "config_reload"));
    std::shared_ptr<const config::Config> previous;
    int64_t previous_version = 0, version = 0;
    {
      std::lock_guard<std::mutex> lock(instance->config_mutex);
      if (auto refusal = config::reload_refusal(*instance->config, *next))
        throw Error(refusal->kind == config::ReloadRefusal::Kind::needs_restart ? Status::unsupported
                                                                              : Status::config,
                    refusal->message);
      previous = instance->config;
      previous_version = instance->config_version;
      instance->config = next;
      version = ++instance->config_version;
    }
    // Also moves open complaints to a calendar whose definition changed (logged through the host).
    app::record_config_reload(*instance->store, who, now_ms(instance), {*previous, previous_version}, {*next, version},
                              log_for(instance));
    log(instance, KAM_LOG_INFO,
        "config reloaded by '" + who.user_id + "' (version " + std::to_string(version) +
            "): " + next->summary());
  });
}

kam_status instance_info(kam_instance* instance, kam_buffer* out_json) {
  return status_of_call([&] {
    Call call(instance, "instance_info");  // host-side, read only: not audited
    fill_buffer(out_json, instance_info_json(instance), "instance_info");
  });
}

}  // namespace kam::abi
