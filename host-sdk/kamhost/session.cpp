// session.cpp - where the config comes from, and the one place commands open an instance and build
// the actor (see Session in kamhost.hpp).
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "kamhost.hpp"
#include "time_text.hpp"

namespace kamhost {

namespace {
constexpr const char* kDefaultConfig = "/etc/kam/kam.yaml";

int64_t system_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

std::string config_path(const std::string& what, const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("KAM_CONFIG"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  if (std::filesystem::exists(kDefaultConfig, ec)) return kDefaultConfig;
  throw UsageError(what + " needs --config FILE (or the KAM_CONFIG environment variable; " + kDefaultConfig +
                   " does not exist)");
}

// The time the plugin and kamhost see: fixed by --now once the business zone is known, else the
// system clock (also while the instance is being created, before the zone is known).
struct Session::Clock {
  std::atomic<int64_t> fixed{INT64_MIN};
  int64_t now() const {
    const int64_t f = fixed.load();
    return f == INT64_MIN ? system_now_ms() : f;
  }
};

Session::Session(const Context& ctx, const std::string& what, const InstanceOptions& options)
    : Session(ctx, what, options, ctx.callbacks()) {}

Session::Session(const Context& ctx, const std::string& what, const InstanceOptions& options,
                 kam::host::HostCallbacks callbacks)
    : config_(config_path(what, options.config)),
      plugin_(ctx.load_plugin()),
      clock_(std::make_shared<Clock>()),
      actor_(options.actor.actor()) {
  callbacks.now_ms = [clock = clock_] { return clock->now(); };
  instance_ = std::make_unique<kam::host::Instance>(plugin_, kam::host::ConfigSource::file(config_), std::move(callbacks));
  const nlohmann::json info = nlohmann::json::parse(instance_->info());
  const auto zone = info.contains("business") ? info["business"].value("time_zone", "") : std::string();
  if (zone.empty()) throw Failure("the plugin's instance_info does not name business.time_zone (plugin too old?)");
  zone_ = find_zone(zone);
  if (!ctx.now_option.empty()) {
    const auto now = parse_zone_time(ctx.now_option, zone_);
    if (!now)
      throw UsageError("--now needs a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM[:SS] (in the business time zone " +
                       zone + " unless it ends in Z or +HH:MM), not '" + ctx.now_option + "'");
    clock_->fixed.store(*now);
  }
}

int64_t Session::now_ms() const { return clock_->now(); }

}  // namespace kamhost
