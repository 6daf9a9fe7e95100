// The tick (ABI 1.1): runs every periodic job that is due (app/tick.cpp's registry) and reports the
// tier evaluation in kam_tick_result (its layout is frozen; later jobs append members).
#include <chrono>
#include <optional>

#include "abi/api.hpp"
#include "abi/app_convert.hpp"
#include "abi/call.hpp"
#include "abi/guard.hpp"
#include "abi/instance.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "app/tick.hpp"

namespace kam::abi {

kam_status tick(kam_instance* instance, const kam_actor* actor, kam_tick_result* result) {
  return status_of_call([&] {
    const auto started = std::chrono::steady_clock::now();
    // The actor must hold the permission of every registered job (today: tiers.evaluate).
    std::optional<Call> call;
    for (const app::PeriodicJob& job : app::periodic_jobs()) call.emplace(instance, actor, "tick", job.permission);
    if (result != nullptr) {
      check_output(result, kTickResultSize_1_1, "kam_tick_result");
      write_output(result, kam_tick_result{});
    }
    const ConfigSnapshot snapshot = config_snapshot(instance);
    const int64_t now = now_ms(instance);
    const app::TickResult ran =
        app::tick(app::JobContext{*instance->store, *snapshot.config, call->actor(), now, log_for(instance)});
    if (result == nullptr || !ran.tiers) return;
    kam_tick_result out{};
    out.tier_evaluation_ran = 1;
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    fill_tier_summary(&out.tiers, *ran.tiers, now, ms);
    out.tier_missing_rates = ran.tiers->missing_rates;
    write_output(result, out);
  });
}

}  // namespace kam::abi
