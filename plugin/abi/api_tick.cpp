// The tick (ABI 1.1): runs every periodic job that is due (app/tick.cpp's registry) and whose
// permission the actor holds (1.3: one per job), and reports them in kam_tick_result: the tier
// evaluation (its 1.1 layout frozen), and from 1.3 the complaints' SLA check.
#include <chrono>
#include <string>
#include <vector>

#include "abi/api.hpp"
#include "abi/app_convert.hpp"
#include "abi/call.hpp"
#include "abi/guard.hpp"
#include "abi/instance.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "app/tick.hpp"

namespace kam::abi {
namespace {

// A job skipped for a permission the actor lacks is logged once per instance (a host ticking with an
// actor that lacks "complaints.tick" would otherwise log it every minute).
void log_skipped(kam_instance* instance, const core::Actor& actor, const std::vector<std::string>& skipped) {
  for (const std::string& name : skipped) {
    {
      std::lock_guard<std::mutex> lock(instance->tick_skips_mutex);
      if (!instance->tick_skips_logged.insert(name).second) continue;
    }
    std::string permission;
    for (const app::PeriodicJob& job : app::periodic_jobs())
      if (name == job.name) permission = job.permission;
    log(instance, KAM_LOG_WARNING,
        "tick: job '" + name + "' skipped: user '" + actor.user_id + "' lacks its permission '" + permission +
            "' (logged once per instance)");
  }
}

}  // namespace

kam_status tick(kam_instance* instance, const kam_actor* actor, kam_tick_result* result) {
  return status_of_call([&] {
    const auto started = std::chrono::steady_clock::now();
    // The actor must hold the permission of one job at least (refused, naming them all, otherwise).
    std::vector<const char*> permissions;
    for (const app::PeriodicJob& job : app::periodic_jobs()) permissions.push_back(job.permission);
    const Call call(instance, actor, "tick", permissions);
    if (result != nullptr) {
      check_output(result, kTickResultSize_1_1, "kam_tick_result");
      write_output(result, kam_tick_result{});
    }
    const ConfigSnapshot snapshot = config_snapshot(instance);
    const int64_t now = now_ms(instance);
    const app::JobContext context{*instance->store, *snapshot.config, call.actor(), now, log_for(instance)};
    // app::tick runs the due jobs whose permission the actor holds under this snapshot's access rules.
    const app::TickResult ran = app::tick(context);
    log_skipped(instance, call.actor(), ran.skipped_jobs);
    if (result == nullptr) return;
    kam_tick_result out{};
    if (ran.tiers) {
      out.tier_evaluation_ran = 1;
      const auto ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
      fill_tier_summary(&out.tiers, *ran.tiers, now, ms);
      out.tier_missing_rates = ran.tiers->missing_rates;
    }
    if (ran.sla) {  // 1.3
      out.sla_ran = 1;
      out.sla_complaints = ran.sla->complaints;
      out.sla_warnings = ran.sla->warnings;
      out.sla_breaches = ran.sla->breaches;
    }
    if (ran.visits) {  // 1.4
      out.visits_ran = 1;
      out.visits_due = ran.visits->due;
      out.visits_overdue = ran.visits->overdue;
    }
    if (ran.service) {  // 1.4
      out.service_ran = 1;
      out.service_requests = ran.service->requests;
      out.service_notifications = ran.service->notifications;
      out.service_auto_transitions = ran.service->auto_transitions;
    }
    if (ran.deals) {  // 1.5
      out.deals_ran = 1;
      out.deals_expired = ran.deals->expired;
    }
    write_output(result, out);
  });
}

}  // namespace kam::abi
