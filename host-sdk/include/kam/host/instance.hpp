// kam/host/instance.hpp - kam::host::Instance, one plugin instance (a config and a database), with a
// method per table function: the 1.0 calls, then the account-tier calls of 1.1 and 1.2 (each checks
// KAM_API_HAS), and from 1.3 the capability tables (complaints()). Part of kam/host.hpp (include that).
#ifndef KAM_HOST_INSTANCE_HPP
#define KAM_HOST_INSTANCE_HPP

#include <kam/host/actor.hpp>
#include <kam/host/buffer.hpp>
#include <kam/host/callbacks.hpp>
#include <kam/host/complaints.hpp>
#include <kam/host/contacts.hpp>
#include <kam/host/visits.hpp>
#include <kam/host/distributors.hpp>
#include <kam/host/service.hpp>
#include <kam/host/identity.hpp>
#include <kam/host/config_source.hpp>
#include <kam/host/library.hpp>
#include <kam/host/plugin.hpp>
#include <kam/kam.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kam::host {

// A filter for Instance::audit_query. Zero / empty members do not filter.
struct AuditQuery {
  uint32_t limit = 0;  // 0 means 100; at most 10,000
  int64_t since_ms = 0;
  int64_t until_ms = 0;
  std::string user_id;
  std::string entity_type;
  std::string entity_id;
  int64_t before_id = 0;
};

// One plugin instance (a config and a database). Destroyed with instance_destroy when the Instance
// dies; keeps the library loaded and the HostCallbacks alive until then. Move-only.
// Methods are [thread-safe]; destruction and move-assignment must not overlap any other call on it.
class Instance {
 public:
  Instance(const Plugin& plugin, const ConfigSource& config, HostCallbacks callbacks = {})
      : lib_(plugin.library()), callbacks_(std::make_unique<HostCallbacks>(std::move(callbacks))) {
    kam_host host{};
    host.struct_size = sizeof(kam_host);
    host.host_data = callbacks_.get();
    if (callbacks_->log) host.log = &log_adapter;
    if (callbacks_->notify) host.notify = &notify_adapter;
    if (callbacks_->now_ms) host.now_ms = &now_adapter;
    kam_instance_options options{};
    options.struct_size = sizeof(kam_instance_options);
    options.config = config.get();
    options.host = &host;
    kam_instance* handle = nullptr;
    detail::check(api(), api().instance_create(&options, &handle), "instance_create");
    handle_ = handle;
  }
  Instance(Instance&& other) noexcept
      : lib_(std::move(other.lib_)), callbacks_(std::move(other.callbacks_)), handle_(std::exchange(other.handle_, nullptr)) {}
  Instance& operator=(Instance&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, nullptr);
      callbacks_ = std::move(other.callbacks_);
      lib_ = std::move(other.lib_);
    }
    return *this;
  }
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;
  ~Instance() { destroy(); }

  // The instance's state as JSON (see instance_info in kam.h).
  std::string info() const {
    Buffer out(lib_);
    detail::check(api(), api().instance_info(handle_, out.get()), "instance_info");
    return out.str();
  }

  // Replace the config atomically; on failure the old config keeps serving. Needs "config.reload".
  void reload_config(const Actor& actor, const ConfigSource& source) const {
    detail::check(api(), api().config_reload(handle_, actor.get(), source.get()), "config_reload");
  }

  // Ingest a batch (thin pass-through: the host builds kam_batch and the events). summary and
  // batch.results are filled before an Error (e.g. KAM_ERR_BATCH_REJECTED) is thrown.
  void ingest(const Actor& actor, const kam_batch& batch, kam_batch_summary* summary = nullptr) const {
    detail::check(api(), api().ingest(handle_, actor.get(), &batch, summary), "ingest");
  }

  // Pending notifications as a JSON array; max 0 means 100.
  std::string notifications_poll(const Actor& actor, uint32_t max = 0) const {
    Buffer out(lib_);
    detail::check(api(), api().notifications_poll(handle_, actor.get(), max, out.get()), "notifications_poll");
    return out.str();
  }

  void notifications_ack(const Actor& actor, const int64_t* ids, uint32_t count) const {
    detail::check(api(), api().notifications_ack(handle_, actor.get(), ids, count), "notifications_ack");
  }
  void notifications_ack(const Actor& actor, const std::vector<int64_t>& ids) const {
    notifications_ack(actor, ids.data(), static_cast<uint32_t>(ids.size()));
  }

  // Deliver up to max (0 = 100) notifications through HostCallbacks::notify; returns how many were
  // acknowledged.
  uint32_t notifications_deliver(uint32_t max = 0) const {
    uint32_t delivered = 0;
    detail::check(api(), api().notifications_deliver(handle_, max, &delivered), "notifications_deliver");
    return delivered;
  }

  // Audit-trail entries as a JSON array, newest first.
  std::string audit_query(const Actor& actor, const AuditQuery& query = {}) const {
    kam_audit_query q{};
    q.struct_size = sizeof(kam_audit_query);
    q.limit = query.limit;
    q.since_ms = query.since_ms;
    q.until_ms = query.until_ms;
    q.user_id = query.user_id.empty() ? nullptr : query.user_id.c_str();
    q.entity_type = query.entity_type.empty() ? nullptr : query.entity_type.c_str();
    q.entity_id = query.entity_id.empty() ? nullptr : query.entity_id.c_str();
    q.before_id = query.before_id;
    Buffer out(lib_);
    detail::check(api(), api().audit_query(handle_, actor.get(), &q, out.get()), "audit_query");
    return out.str();
  }

  // ---- 1.1: account tiers. Each throws Error(KAM_ERR_UNSUPPORTED) naming the function when the
  // plugin is older than ABI 1.1 (KAM_API_HAS is false); LoadOptions::required_minor = 1 refuses such
  // a plugin at load time instead. ----

  // Progress of a long call: (done, total) units (accounts for evaluate_tiers), called on the calling
  // thread at most about 100 times and once more with done == total. It must not call into the plugin.
  using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

  // Classify every account (account_id empty) or one account now: tiers_evaluate. With dry_run the
  // plugin computes and counts but stores nothing and writes no notification. Needs "tiers.evaluate".
  // KAM_ERR_NOT_FOUND for an unknown account. An exception thrown by progress is caught at the
  // boundary (progress is not called again) and rethrown once the plugin call has returned, after
  // any Error of the call itself: the evaluation is not interrupted (the ABI has no cancellation).
  kam_tier_evaluation_summary evaluate_tiers(const Actor& actor, const std::string& account_id = {},
                                             ProgressFn progress = {}, bool dry_run = false) const {
    if (!KAM_API_HAS(&api(), tiers_evaluate)) detail::throw_missing(*lib_, "tiers_evaluate", 1);
    ProgressState state{&progress, nullptr};
    kam_tier_evaluation request{};
    request.struct_size = sizeof(kam_tier_evaluation);
    request.flags = dry_run ? KAM_EVALUATE_DRY_RUN : 0u;
    request.account_id = account_id.empty() ? nullptr : account_id.c_str();
    if (progress) {
      request.progress = &progress_adapter;
      request.progress_data = &state;
    }
    kam_tier_evaluation_summary summary{};
    summary.struct_size = sizeof(kam_tier_evaluation_summary);
    detail::check(api(), api().tiers_evaluate(handle_, actor.get(), &request, &summary), "tiers_evaluate");
    if (state.error) std::rethrow_exception(state.error);
    return summary;
  }

  // An account's card as a JSON object (see account_card in kam.h). Needs "tiers.read".
  // KAM_ERR_NOT_FOUND for an unknown account.
  std::string account_card(const Actor& actor, const std::string& account_id) const {
    if (!KAM_API_HAS(&api(), account_card)) detail::throw_missing(*lib_, "account_card", 1);
    Buffer out(lib_);
    detail::check(api(), api().account_card(handle_, actor.get(), account_id.c_str(), out.get()), "account_card");
    return out.str();
  }

  // Pin an account to a tier until expires_at_ms (UTC epoch ms, exclusive; after the host's now),
  // replacing an override in force. reason is required (audited). Needs "tiers.override".
  // KAM_ERR_NOT_FOUND for an unknown account or tier; KAM_ERR_CONFLICT for a merged account.
  void set_tier_override(const Actor& actor, const std::string& account_id, const std::string& tier,
                         const std::string& reason, int64_t expires_at_ms) const {
    if (!KAM_API_HAS(&api(), tier_override_set)) detail::throw_missing(*lib_, "tier_override_set", 1);
    kam_tier_override request{};
    request.struct_size = sizeof(kam_tier_override);
    request.account_id = account_id.c_str();
    request.tier = tier.c_str();
    request.reason = reason.c_str();
    request.expires_at_ms = expires_at_ms;
    detail::check(api(), api().tier_override_set(handle_, actor.get(), &request), "tier_override_set");
  }

  // End the override in force on an account early; reason is required (audited). Needs
  // "tiers.override". KAM_ERR_NOT_FOUND when none is in force.
  void clear_tier_override(const Actor& actor, const std::string& account_id, const std::string& reason) const {
    if (!KAM_API_HAS(&api(), tier_override_clear)) detail::throw_missing(*lib_, "tier_override_clear", 1);
    detail::check(api(), api().tier_override_clear(handle_, actor.get(), account_id.c_str(), reason.c_str()),
                  "tier_override_clear");
  }

  // The Pareto report as a JSON object (see report_pareto in kam.h); max_entries limits `entries`
  // (0 = all; `curve_bp` always covers every account). Needs "tiers.read".
  std::string report_pareto(const Actor& actor, uint32_t max_entries = 0) const {
    if (!KAM_API_HAS(&api(), report_pareto)) detail::throw_missing(*lib_, "report_pareto", 1);
    Buffer out(lib_);
    detail::check(api(), api().report_pareto(handle_, actor.get(), max_entries, out.get()), "report_pareto");
    return out.str();
  }

  // The periodic tick: runs the work that is due by the host clock (the tier evaluation once
  // tiers.evaluate_every has passed; 1.3: the complaints' SLA check every complaints.check_every,
  // which writes each due warning and breach notification once). Call it every minute or so. Each
  // job needs its own permission ("tiers.evaluate", "complaints.tick"): the jobs whose permission the
  // actor holds run (tier_evaluation_ran, sla_ran say which did); KAM_ERR_PERMISSION when it holds none.
  kam_tick_result tick(const Actor& actor) const {
    if (!KAM_API_HAS(&api(), tick)) detail::throw_missing(*lib_, "tick", 1);
    kam_tick_result result{};
    result.struct_size = sizeof(kam_tick_result);  // an output struct: the plugin writes the rest
    detail::check(api(), api().tick(handle_, actor.get(), &result), "tick");
    return result;
  }

  /* 1.2 */
  // One page of every account's tier as a JSON object (see tiers_list in kam.h): accounts after
  // `after` (byte order; "" = the first page), only of `tier` when given, at most `limit` (0 = 1000).
  // Needs "tiers.read". KAM_ERR_NOT_FOUND for a tier the config does not have.
  std::string tiers_list(const Actor& actor, const std::string& tier = {}, const std::string& after = {},
                         uint32_t limit = 0) const {
    if (!KAM_API_HAS(&api(), tiers_list)) detail::throw_missing(*lib_, "tiers_list", 2);
    kam_tier_list_query query{};
    query.struct_size = sizeof query;
    query.limit = limit;
    query.tier = tier.empty() ? nullptr : tier.c_str();
    query.after_account_id = after.empty() ? nullptr : after.c_str();
    Buffer out(lib_);
    detail::check(api(), api().tiers_list(handle_, actor.get(), &query, out.get()), "tiers_list");
    return out.str();
  }
  /* end 1.2 */

  // ---- 1.3: capability tables ----

  // The complaint capability (kam/complaints.h) on this instance. Throws Error(KAM_ERR_UNSUPPORTED)
  // when the plugin is older than ABI 1.3 or was built without complaint tracking. The Complaints
  // must not outlive this Instance.
  Complaints complaints() const {
    if (!KAM_API_HAS(&api(), complaints)) detail::throw_missing(*lib_, "complaints", 3);
    const kam_complaints_v1* table = api().complaints();
    if (table == nullptr) {
      throw Error(KAM_ERR_UNSUPPORTED, builtin_status_name(KAM_ERR_UNSUPPORTED),
                  "plugin '" + lib_->path + "' was built without complaint tracking (complaints() is NULL)",
                  "complaints");
    }
    return Complaints(lib_, handle_, table);
  }

  // ---- 1.4: capability tables ----

  // Who is calling (kam/contacts.h) on this instance. Throws Error(KAM_ERR_UNSUPPORTED) when the
  // plugin is older than ABI 1.4 or was built without it. Must not outlive this Instance.
  Contacts contacts() const {
    if (!KAM_API_HAS(&api(), contacts)) detail::throw_missing(*lib_, "contacts", 4);
    const kam_contacts_v1* table = api().contacts();
    if (table == nullptr)
      throw Error(KAM_ERR_UNSUPPORTED, builtin_status_name(KAM_ERR_UNSUPPORTED),
                  "plugin '" + lib_->path + "' was built without contacts (contacts() is NULL)", "contacts");
    return Contacts(lib_, handle_, table);
  }

  // Customer-visit plans (kam/visits.h) on this instance; like contacts().
  Visits visits() const {
    if (!KAM_API_HAS(&api(), visits)) detail::throw_missing(*lib_, "visits", 4);
    const kam_visits_v1* table = api().visits();
    if (table == nullptr)
      throw Error(KAM_ERR_UNSUPPORTED, builtin_status_name(KAM_ERR_UNSUPPORTED),
                  "plugin '" + lib_->path + "' was built without visit plans (visits() is NULL)", "visits");
    return Visits(lib_, handle_, table);
  }

  // ---- 1.5 ----

  // Distributor rules (kam/distributors.h) on this instance. Throws Error(KAM_ERR_UNSUPPORTED) when
  // the plugin is older than ABI 1.5 or was built without them. Must not outlive this Instance.
  Distributors distributors() const {
    if (!KAM_API_HAS(&api(), distributors)) detail::throw_missing(*lib_, "distributors", 5);
    const kam_distributors_v1* table = api().distributors();
    if (table == nullptr)
      throw Error(KAM_ERR_UNSUPPORTED, builtin_status_name(KAM_ERR_UNSUPPORTED),
                  "plugin '" + lib_->path + "' was built without distributor rules (distributors() is NULL)",
                  "distributors");
    return Distributors(lib_, handle_, table);
  }

  // The service workflow capability (kam/service.h). Throws Error(KAM_ERR_UNSUPPORTED) when the
  // plugin is older than ABI 1.4 or was built without it. The Service must not outlive this Instance.
  Service service() const {
    if (!KAM_API_HAS(&api(), service)) detail::throw_missing(*lib_, "service", 4);
    const kam_service_v1* table = api().service();
    if (table == nullptr) {
      throw Error(KAM_ERR_UNSUPPORTED, builtin_status_name(KAM_ERR_UNSUPPORTED),
                  "plugin '" + lib_->path + "' was built without service workflows (service() is NULL)", "service");
    }
    return Service(lib_, handle_, table);
  }

  // The identity capability (kam/identity.h) on this instance. Throws Error(KAM_ERR_UNSUPPORTED) when
  // the plugin is older than ABI 1.4 or was built without identity matching. The Identity must not
  // outlive this Instance.
  Identity identity() const {
    if (!KAM_API_HAS(&api(), identity)) detail::throw_missing(*lib_, "identity", 4);
    const kam_identity_v1* table = api().identity();
    if (table == nullptr) {
      throw Error(KAM_ERR_UNSUPPORTED, builtin_status_name(KAM_ERR_UNSUPPORTED),
                  "plugin '" + lib_->path + "' was built without identity matching (identity() is NULL)",
                  "identity");
    }
    return Identity(lib_, handle_, table);
  }

  // The C handle, for table functions the wrapper does not cover. Owned by this Instance.
  kam_instance* handle() const noexcept { return handle_; }
  const kam_api_v1& api() const noexcept { return *lib_->api; }

 private:
  void destroy() noexcept {
    if (handle_ != nullptr) {
      lib_->api->instance_destroy(handle_);  // documented to release everything; status ignored here
      handle_ = nullptr;
    }
  }

  struct ProgressState {
    const ProgressFn* fn;
    std::exception_ptr error;  // the first exception progress threw; it is not called after one
  };
  static void progress_adapter(void* progress_data, uint64_t done, uint64_t total) {
    auto* state = static_cast<ProgressState*>(progress_data);
    if (state == nullptr || state->error) return;
    try {
      (*state->fn)(done, total);
    } catch (...) {
      state->error = std::current_exception();
    }
  }

  static void log_adapter(void* host_data, kam_log_level level, const char* message) {
    try {
      static_cast<HostCallbacks*>(host_data)->log(level, message ? std::string_view(message) : std::string_view());
    } catch (...) {
    }
  }
  static kam_status notify_adapter(void* host_data, const kam_notification* notification) {
    if (notification == nullptr) return KAM_ERR_INVALID_ARGUMENT;
    try {
      return static_cast<HostCallbacks*>(host_data)->notify(*notification);
    } catch (...) {
      return KAM_ERR_INTERNAL;
    }
  }
  static int64_t now_adapter(void* host_data) {
    try {
      return static_cast<HostCallbacks*>(host_data)->now_ms();
    } catch (...) {
      using namespace std::chrono;
      return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
  }

  // Declared first so it is destroyed last: the library outlives the handle and the callbacks.
  detail::LibraryPtr lib_;
  std::unique_ptr<HostCallbacks> callbacks_;
  kam_instance* handle_ = nullptr;
};

inline Instance Plugin::create_instance(const ConfigSource& config, HostCallbacks callbacks) const {
  return Instance(*this, config, std::move(callbacks));
}

}  // namespace kam::host

#endif  // KAM_HOST_INSTANCE_HPP
