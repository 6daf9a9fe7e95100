// Account tiers (ABI 1.1): evaluate, the account card, overrides, the Pareto report; 1.2: the paged
// tier listing. Each converts, checks the actor (Call), runs one use case (app/tiers) and converts back.
#include <chrono>

#include "abi/api.hpp"
#include "abi/app_convert.hpp"
#include "abi/buffer.hpp"
#include "abi/call.hpp"
#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/instance.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "app/tiers/tiers.hpp"

namespace kam::abi {
namespace {

std::string account_id_arg(const char* id, const char* function) {
  return id_arg(id, (std::string(function) + ": account_id").c_str());
}

}  // namespace

kam_status tiers_evaluate(kam_instance* instance, const kam_actor* actor, const kam_tier_evaluation* request,
                          kam_tier_evaluation_summary* summary) {
  return status_of_call([&] {
    const auto started = std::chrono::steady_clock::now();
    Call call(instance, actor, "tiers_evaluate", app::kTiersEvaluatePermission);
    require_ptr(request, "tiers_evaluate", "request");
    check_struct(request, kTierEvaluationSize_1_1, "kam_tier_evaluation");
    if ((request->flags & ~KAM_EVALUATE_DRY_RUN) != 0)
      throw Error(Status::unsupported, "tiers_evaluate: request.flags has bits this plugin does not know");
    if (summary != nullptr) check_output(summary, kTierEvaluationSummarySize_1_1, "kam_tier_evaluation_summary");
    app::EvaluationRequest r;
    if (request->account_id != nullptr) r.account_id = account_id_arg(request->account_id, "tiers_evaluate");
    r.dry_run = (request->flags & KAM_EVALUATE_DRY_RUN) != 0;
    r.now_ms = now_ms(instance);
    r.actor = call.actor();
    if (request->progress != nullptr) {
      kam_progress_fn fn = request->progress;
      void* data = request->progress_data;
      r.progress = [fn, data](uint64_t done, uint64_t total) { fn(data, done, total); };
    }
    const ConfigSnapshot snapshot = config_snapshot(instance);
    const app::EvaluationSummary s = app::evaluate_on_request(*instance->store, *snapshot.config, r, log_for(instance));
    if (summary != nullptr) {
      const auto ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
      kam_tier_evaluation_summary out{};
      fill_tier_summary(&out, s, r.now_ms, ms);
      out.missing_rates = s.missing_rates;
      write_output(summary, out);
    }
  });
}

kam_status account_card(kam_instance* instance, const kam_actor* actor, const char* account_id, kam_buffer* out_json) {
  return status_of_call([&] {
    Call call(instance, actor, "account_card", "tiers.read");
    const std::string id = account_id_arg(account_id, "account_card");
    require_ptr(out_json, "account_card", "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json, app::account_card_json(*instance->store, *snapshot.config, id, now_ms(instance)),
                "account_card");
  });
}

kam_status tier_override_set(kam_instance* instance, const kam_actor* actor, const kam_tier_override* request) {
  return status_of_call([&] {
    Call call(instance, actor, "tier_override_set", "tiers.override");
    require_ptr(request, "tier_override_set", "override_request");
    check_struct(request, kTierOverrideSize_1_1, "kam_tier_override");
    check_reserved(request->reserved0, "kam_tier_override.reserved0");
    app::OverrideRequest r;
    r.account_id = account_id_arg(request->account_id, "tier_override_set");
    r.tier = input_string(request->tier, "tier_override_set: tier", StringKind::name, true);
    r.reason = input_string(request->reason, "tier_override_set: reason", StringKind::reason, true);
    r.expires_at_ms = request->expires_at_ms;
    const ConfigSnapshot snapshot = config_snapshot(instance);
    app::set_override(*instance->store, *snapshot.config, r, call.actor(), now_ms(instance), log_for(instance));
  });
}

kam_status tier_override_clear(kam_instance* instance, const kam_actor* actor, const char* account_id,
                               const char* reason) {
  return status_of_call([&] {
    Call call(instance, actor, "tier_override_clear", "tiers.override");
    const std::string id = account_id_arg(account_id, "tier_override_clear");
    const std::string why = input_string(reason, "tier_override_clear: reason", StringKind::reason, true);
    const ConfigSnapshot snapshot = config_snapshot(instance);
    app::clear_override(*instance->store, *snapshot.config, id, why, call.actor(), now_ms(instance), log_for(instance));
  });
}

kam_status report_pareto(kam_instance* instance, const kam_actor* actor, uint32_t max_entries, kam_buffer* out_json) {
  return status_of_call([&] {
    Call call(instance, actor, "report_pareto", "tiers.read");
    require_ptr(out_json, "report_pareto", "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                app::pareto_report_json(*instance->store, *snapshot.config, now_ms(instance), max_entries),
                "report_pareto");
  });
}

/* 1.2 */
kam_status tiers_list(kam_instance* instance, const kam_actor* actor, const kam_tier_list_query* query,
                      kam_buffer* out_json) {
  return status_of_call([&] {
    Call call(instance, actor, "tiers_list", "tiers.read");
    require_ptr(query, "tiers_list", "query");
    check_struct(query, kTierListQuerySize_1_2, "kam_tier_list_query");
    require_ptr(out_json, "tiers_list", "out_json");
    app::TierListRequest r;
    r.limit = query->limit;
    r.tier = input_string(query->tier, "tiers_list: query.tier", StringKind::name, false);
    if (query->after_account_id != nullptr) r.after_account_id = account_id_arg(query->after_account_id, "tiers_list");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json, app::tier_list_json(*instance->store, *snapshot.config, r), "tiers_list");
  });
}
/* end 1.2 */

}  // namespace kam::abi
