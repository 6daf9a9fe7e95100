// Account tiers (ABI 1.1): evaluate, the account card, overrides, the Pareto report, the tick;
// 1.2: the paged tier listing.
#include <chrono>

#include <nlohmann/json.hpp>

#include "abi/api.hpp"
#include "abi/buffer.hpp"
#include "abi/call.hpp"
#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/instance.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "evaluation/evaluation.hpp"

namespace kam::abi {
namespace {

evaluation::LogFn log_for(kam_instance* instance) {
  return [instance](core::LogLevel level, const std::string& m) { log(instance, static_cast<kam_log_level>(level), m); };
}

std::string account_id_arg(const char* id, const char* function) {
  return id_arg(id, (std::string(function) + ": account_id").c_str());
}

// The summary members of both kam_tier_evaluation_summary and its frozen 1.1 copy in the tick result.
template <class Summary>
void fill_summary(Summary* out, const evaluation::EvaluationSummary& s, int64_t now, int64_t duration_ms) {
  out->struct_size = sizeof(Summary);
  out->accounts = s.accounts;
  out->initial = s.initial;
  out->upgraded = s.upgraded;
  out->downgraded = s.downgraded;
  out->downgrades_pending = s.downgrades_pending;
  out->churn_alerts = s.churn_alerts;
  out->notifications = s.notifications;
  out->skipped = s.skipped;
  out->evaluated_at_ms = now;
  out->duration_ms = duration_ms;
}

// Runs an evaluation a user asked for (evaluation::evaluate_on_request audits it).
evaluation::EvaluationSummary run_evaluation(kam_instance* instance, const core::Actor& who,
                                             evaluation::EvaluationRequest request) {
  const ConfigSnapshot snapshot = config_snapshot(instance);
  request.actor = who;
  return evaluation::evaluate_on_request(*instance->store, *snapshot.config, request, log_for(instance));
}

// After an override changes, the account's stored tier follows at once (history, notification).
void follow_override(kam_instance* instance, const ConfigSnapshot& snapshot, const std::string& account_id,
                     const core::Actor& who, int64_t now) {
  evaluation::follow_override(*instance->store, *snapshot.config, account_id, who, now, log_for(instance));
}

}  // namespace

kam_status tiers_evaluate(kam_instance* instance, const kam_actor* actor, const kam_tier_evaluation* request,
                          kam_tier_evaluation_summary* summary) {
  return guarded([&] {
    const auto started = std::chrono::steady_clock::now();
    Call call(instance, actor, "tiers_evaluate", "tiers.evaluate");
    const core::Actor& who = call.actor();
    require_ptr(request, "tiers_evaluate", "request");
    check_struct(request, kTierEvaluationSize_1_1, "kam_tier_evaluation");
    if ((request->flags & ~KAM_EVALUATE_DRY_RUN) != 0)
      throw Error(Status::unsupported, "tiers_evaluate: request.flags has bits this plugin does not know");
    if (summary != nullptr) check_output(summary, kTierEvaluationSummarySize_1_1, "kam_tier_evaluation_summary");
    evaluation::EvaluationRequest r;
    if (request->account_id != nullptr) r.account_id = account_id_arg(request->account_id, "tiers_evaluate");
    r.dry_run = (request->flags & KAM_EVALUATE_DRY_RUN) != 0;
    r.now_ms = now_ms(instance);
    if (request->progress != nullptr) {
      kam_progress_fn fn = request->progress;
      void* data = request->progress_data;
      r.progress = [fn, data](uint64_t done, uint64_t total) { fn(data, done, total); };
    }
    const evaluation::EvaluationSummary s = run_evaluation(instance, who, r);
    if (summary != nullptr) {
      const auto ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
      kam_tier_evaluation_summary out{};
      fill_summary(&out, s, r.now_ms, ms);
      out.missing_rates = s.missing_rates;
      write_output(summary, out);
    }
  });
}

kam_status account_card(kam_instance* instance, const kam_actor* actor, const char* account_id, kam_buffer* out_json) {
  return guarded([&] {
    Call call(instance, actor, "account_card", "tiers.read");
    const std::string id = account_id_arg(account_id, "account_card");
    require_ptr(out_json, "account_card", "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json, evaluation::account_card_json(*instance->store, *snapshot.config, id, now_ms(instance)),
                "account_card");
  });
}

kam_status tier_override_set(kam_instance* instance, const kam_actor* actor, const kam_tier_override* request) {
  return guarded([&] {
    Call call(instance, actor, "tier_override_set", "tiers.override");
    const core::Actor& who = call.actor();
    require_ptr(request, "tier_override_set", "override_request");
    check_struct(request, kTierOverrideSize_1_1, "kam_tier_override");
    check_reserved(request->reserved0, "kam_tier_override.reserved0");
    const std::string id = account_id_arg(request->account_id, "tier_override_set");
    const std::string tier = input_string(request->tier, "tier_override_set: tier", StringKind::name, true);
    const std::string reason =
        input_string(request->reason, "tier_override_set: reason", StringKind::reason, true);
    const ConfigSnapshot snapshot = config_snapshot(instance);
    if (snapshot.config->tiers.find(tier) == nullptr) {
      std::string names;
      for (const auto& level : snapshot.config->tiers.levels) names += (names.empty() ? "" : ", ") + level.name;
      throw Error(Status::not_found, "tier_override_set: tier '" + tier + "' is not configured (tiers: " + names + ")");
    }
    const int64_t now = now_ms(instance);
    if (request->expires_at_ms <= now)
      throw Error(Status::invalid_argument, "tier_override_set: expires_at_ms (" +
                                                std::to_string(request->expires_at_ms) +
                                                ") is not after the host's now (" + std::to_string(now) + ")");
    instance->store->set_tier_override(id, tier, reason, request->expires_at_ms, who, now);
    follow_override(instance, snapshot, id, who, now);
  });
}

kam_status tier_override_clear(kam_instance* instance, const kam_actor* actor, const char* account_id,
                               const char* reason) {
  return guarded([&] {
    Call call(instance, actor, "tier_override_clear", "tiers.override");
    const core::Actor& who = call.actor();
    const std::string id = account_id_arg(account_id, "tier_override_clear");
    const std::string why = input_string(reason, "tier_override_clear: reason", StringKind::reason, true);
    const int64_t now = now_ms(instance);
    if (!instance->store->clear_tier_override(id, why, who, now))
      throw Error(Status::not_found, "tier_override_clear: account '" + id + "' has no override in force");
    follow_override(instance, config_snapshot(instance), id, who, now);
  });
}

kam_status report_pareto(kam_instance* instance, const kam_actor* actor, uint32_t max_entries, kam_buffer* out_json) {
  return guarded([&] {
    Call call(instance, actor, "report_pareto", "tiers.read");
    require_ptr(out_json, "report_pareto", "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json,
                evaluation::pareto_report_json(*instance->store, *snapshot.config, now_ms(instance), max_entries),
                "report_pareto");
  });
}

kam_status tick(kam_instance* instance, const kam_actor* actor, kam_tick_result* result) {
  return guarded([&] {
    const auto started = std::chrono::steady_clock::now();
    Call call(instance, actor, "tick", "tiers.evaluate");
    const core::Actor& who = call.actor();
    if (result != nullptr) {
      check_output(result, kTickResultSize_1_1, "kam_tick_result");
      write_output(result, kam_tick_result{});
    }
    const ConfigSnapshot snapshot = config_snapshot(instance);
    const int64_t now = now_ms(instance);
    const std::optional<evaluation::EvaluationSummary> ran =
        evaluation::evaluate_when_due(*instance->store, *snapshot.config, who, now, log_for(instance));
    if (!ran) return;
    const evaluation::EvaluationSummary& s = *ran;
    log(instance, KAM_LOG_INFO,
        "periodic tier evaluation: " + std::to_string(s.accounts) + " accounts, " + std::to_string(s.changes) +
            " changes, " + std::to_string(s.notifications) + " notifications");
    if (result != nullptr) {
      kam_tick_result out{};
      out.tier_evaluation_ran = 1;
      const auto ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
      fill_summary(&out.tiers, s, now, ms);
      out.tier_missing_rates = s.missing_rates;
      write_output(result, out);
    }
  });
}

/* 1.2 */
kam_status tiers_list(kam_instance* instance, const kam_actor* actor, const kam_tier_list_query* query,
                      kam_buffer* out_json) {
  return guarded([&] {
    Call call(instance, actor, "tiers_list", "tiers.read");
    require_ptr(query, "tiers_list", "query");
    check_struct(query, kTierListQuerySize_1_2, "kam_tier_list_query");
    require_ptr(out_json, "tiers_list", "out_json");
    evaluation::TierListRequest r;
    r.limit = query->limit;
    r.tier = input_string(query->tier, "tiers_list: query.tier", StringKind::name, false);
    if (query->after_account_id != nullptr) r.after_account_id = account_id_arg(query->after_account_id, "tiers_list");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json, evaluation::tier_list_json(*instance->store, *snapshot.config, r), "tiers_list");
  });
}
/* end 1.2 */

}  // namespace kam::abi
