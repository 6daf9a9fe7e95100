// tier_evaluation.cpp - evaluate_tiers(): read every account (one scan), rank the portfolio, run
// rules + hysteresis + override + churn per account, and write what changed in chunks through the
// store's compare-and-set (the shared skeleton: app/chunked_update.hpp).
#include <algorithm>
#include <chrono>
#include <memory>

#include "core/error.hpp"
#include "core/tiers/churn.hpp"
#include "core/tiers/customer_value.hpp"
#include "core/tiers/explain.hpp"
#include "app/chunked_update.hpp"
#include "app/tiers/account_facts.hpp"
#include "app/tiers/tiers.hpp"
#include "app/tiers/state_json.hpp"
#include "store/store.hpp"

namespace kam::app {
namespace t = core::tiers;
namespace time = core::time;

namespace {

constexpr int32_t kNotifyTierChanged = 1, kNotifyChurnRisk = 6;  // KAM_NOTIFY_*

// What the evaluation keeps of an account between reading and deciding.
struct AccountRow {
  t::AccountMetrics metrics;
  std::string missing_rate;  // why its money metrics cannot be computed: its tier is kept as stored
  std::unique_ptr<store::StoredTierState> state;    // nothing: never evaluated
  std::unique_ptr<store::StoredOverride> override_row;
  std::optional<store::StoredRanking> ranking;  // its row of the stored ranking
};

// Why the effective tier changed, in words for the history and the notification.
std::string change_reason(const t::AccountEvaluation& e, const store::StoredTierState* before,
                          const t::TierConfig& tiers) {
  auto label = [&](const std::string& tier) {
    const t::TierLevel* level = tiers.find(tier);
    return level ? level->label : tier;
  };
  if (e.effective.overridden) {
    return "manual override to " + label(e.effective.tier) + " by " + e.effective.override->actor_user_id + ": " +
           e.effective.override->reason;
  }
  if (before != nullptr && before->effective_tier != before->tier) {
    const std::string why = e.effective.override_status == t::OverrideStatus::expired ? "expired" : "ended";
    return "override " + why + "; " + label(e.effective.tier) + " from the rules";
  }
  switch (e.hysteresis.change) {
    case t::TierChange::initial: return "first classification: " + label(e.effective.tier);
    case t::TierChange::upgraded: return "upgraded to " + label(e.effective.tier) + ": the rules give it";
    case t::TierChange::downgraded:
      return "downgraded to " + label(e.effective.tier) + " after " + std::to_string(tiers.downgrade_after_days) +
             " days below " + label(before ? before->tier : std::string());
    case t::TierChange::reset: return "previous tier no longer configured; " + label(e.effective.tier) + " from the rules";
    default: return label(e.effective.tier) + " from the rules";
  }
}

class Evaluator {
 public:
  Evaluator(store::Store& store, const config::Config& config, const EvaluationRequest& request, const LogFn& log)
      : store_(store),
        config_(config),
        request_(request),
        log_(log),
        calendar_(config.business.time_zone),
        update_({.dry_run = request.dry_run, .progress = request.progress}) {
    context_.config = &config_.tiers;
    context_.reporting_currency = config_.business.reporting_currency;
    context_.calendar = calendar_;
  }

  EvaluationSummary run() {
    read();
    if (!request_.account_id.empty() && update_.rows().empty()) {
      if (const auto merged = store_.identity().merge_of(request_.account_id))  // app/identity: no tier of its own
        throw Error(Status::conflict, merged_account_message(request_.account_id, merged->golden_id, "evaluate"));
      throw Error(Status::not_found, "account '" + request_.account_id + "' is unknown");
    }
    rank();
    update_.decide_and_write([&](AccountRow& row) { return decide(row); },
                             [&](std::vector<store::TierWrite>& writes, bool last) { flush(writes, last); });
    store_ranking();
    if (conversion_failures_ > 0) {
      log(core::LogLevel::warning, "tier evaluation: " + std::to_string(conversion_failures_) +
                           " account(s) have orders without an exchange rate; their tiers are kept until the "
                           "rate is in exchange_rates (first: account '" + first_conversion_error_ + ")");
    }
    summary_.accounts = update_.row_count();
    return summary_;
  }

 private:
  void log(core::LogLevel level, const std::string& m) const {
    if (log_) log_(level, m);
  }

  void read() {
    // Before the scan: a ranking written after this read makes write_ranking rewrite every row.
    if (full_write()) {
      if (const std::optional<store::RankingRun> run = store_.tiers().ranking_run()) ranking_run_ = run->run;
    }
    store::FactsQuery query;
    query.account_id = request_.account_id;
    query.until_day = calendar_.local_date(request_.now_ms).days_since_epoch;
    query.breaches_since_ms = calendar_.trailing_window(request_.now_ms, config_.tiers.window_days).start_ms;
    query.with_state = true;
    if (request_.account_id.empty() && update_.wants_progress()) update_.expect(store_.tiers().account_count());
    update_.read([&](const auto& add) {
      store_.tiers().scan_account_facts(query, [&](store::AccountFacts&& f) { add(row_of(std::move(f))); });
    });
  }

  // What the decision needs of an account's facts.
  AccountRow row_of(store::AccountFacts&& f) {
    std::string error;
    AccountRow row;
    row.metrics = metrics_from_facts(f, config_, request_.now_ms, &error);
    if (!error.empty() && conversion_failures_++ == 0) first_conversion_error_ = f.account_id + "': " + error;
    row.missing_rate = std::move(error);
    if (f.state) {
      f.state->metrics_json.clear();  // not needed to decide; saves memory on big portfolios
      row.state = std::make_unique<store::StoredTierState>(std::move(*f.state));
    }
    if (f.override_row) row.override_row = std::make_unique<store::StoredOverride>(std::move(*f.override_row));
    row.ranking = f.ranking;
    return row;
  }

  void rank() {
    std::vector<AccountRow>& rows = update_.rows();
    if (request_.account_id.empty()) {
      std::vector<t::AccountRevenue> revenues;
      revenues.reserve(rows.size());
      for (const AccountRow& r : rows) revenues.push_back({r.metrics.account_id, r.metrics.revenue.value_or(0)});
      const std::vector<t::PortfolioPosition> positions = t::portfolio_positions(revenues);
      for (size_t i = 0; i < rows.size(); ++i) rows[i].metrics.portfolio = positions[i];
      if (full_write()) {
        ranking_.reserve(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
          const store::StoredRanking now{positions[i].rank, positions[i].revenue, positions[i].revenue_before};
          ranking_.push_back({rows[i].metrics.account_id, now, rows[i].ranking != now});
        }
        if (!positions.empty()) total_revenue_ = positions.front().total_revenue;
      }
      return;
    }
    // One account: its position needs every account's revenue, but only when a rule looks at it.
    if (!rules_need_portfolio(config_.tiers)) return;
    for (AccountRow& r : rows) rank_in_portfolio(store_, config_, request_.now_ms, r.metrics);
  }

  // A full evaluation that stores what it decided also stores its ranking, for the cards.
  bool full_write() const { return request_.account_id.empty() && !request_.dry_run; }

  // The ranking rows that moved since the stored ranking (all of them for the first one).
  void store_ranking() {
    if (!full_write()) return;
    store_.tiers().write_ranking(ranking_, ranking_run_, request_.now_ms, total_revenue_);
    ranking_.clear();
  }

  // The decision for one account (counted in the summary): the write, when anything changed.
  std::optional<store::TierWrite> decide(const AccountRow& row) {
    const int64_t now = request_.now_ms;
    if (!row.missing_rate.empty()) {
      // A missing rate never decides a tier (docs/tiers.md, Exchange rates): nothing changes.
      ++summary_.missing_rates;
      return std::nullopt;
    }
    const store::StoredTierState* before = row.state.get();
    const t::AccountEvaluation e = t::evaluate_account(row.metrics, config_.tiers, previous_state(before),
                                                       override_of(row.override_row.get()), now);
    std::optional<t::ChurnLevel> churn_before;
    if (before) churn_before = static_cast<t::ChurnLevel>(before->churn_level);
    t::ChurnAssessment churn = t::assess_churn(row.metrics, config_.churn_risk, e.key_account, churn_before);
    // The first evaluation takes the churn level as it finds it: no alert for the whole portfolio.
    if (!before) churn.notify = false;

    store::StoredTierState next;
    next.tier = e.hysteresis.state.tier;
    next.since_ms = e.hysteresis.state.since_ms;
    next.below_since_ms = e.hysteresis.state.below_since_ms;
    next.computed_tier = e.classification.tier;
    next.effective_tier = e.effective.tier;
    const bool effective_changed = before == nullptr || before->effective_tier != e.effective.tier;
    next.effective_since_ms = effective_changed ? now : before->effective_since_ms;
    next.churn_level = static_cast<int32_t>(churn.level);
    next.churn_score = churn.score;
    next.evaluated_at_ms = now;

    switch (e.hysteresis.change) {
      case t::TierChange::initial: ++summary_.initial; break;
      case t::TierChange::upgraded: ++summary_.upgraded; break;
      case t::TierChange::downgraded: ++summary_.downgraded; break;
      case t::TierChange::downgrade_pending: ++summary_.downgrades_pending; break;
      default: break;
    }
    if (churn.notify) ++summary_.churn_alerts;

    if (before == nullptr || !before->same_decision(next) || churn.notify) {
      store::TierWrite w;
      w.account_id = row.metrics.account_id;
      if (before) w.expected = *before;
      next.metrics_json = metrics_json(row.metrics, churn.score);
      w.history = effective_changed;
      w.previous_effective_tier = before ? before->effective_tier : std::string();
      if (effective_changed) w.reason = change_reason(e, before, config_.tiers);
      if (effective_changed && before != nullptr) {
        w.notifications.push_back(tier_notification(row.metrics, e, *before, w.reason));
      }
      if (churn.notify) w.notifications.push_back(churn_notification(row.metrics, churn));
      w.next = std::move(next);
      ++summary_.changes;
      return w;
    }
    return std::nullopt;
  }

  store::Notification tier_notification(const t::AccountMetrics& m, const t::AccountEvaluation& e,
                                        const store::StoredTierState& before, const std::string& reason) const {
    store::Notification n;
    n.kind = kNotifyTierChanged;
    n.kind_name = "tier_changed";
    n.account_id = m.account_id;
    n.created_at_ms = request_.now_ms;
    n.payload_json = tier_changed_json(m.account_id, before.effective_tier, e, reason,
                                       t::explain_evaluation(e, context_));
    return n;
  }

  store::Notification churn_notification(const t::AccountMetrics& m, const t::ChurnAssessment& churn) const {
    store::Notification n;
    n.kind = kNotifyChurnRisk;
    n.kind_name = "churn_risk";
    n.account_id = m.account_id;
    n.created_at_ms = request_.now_ms;
    n.payload_json = churn_risk_json(m.account_id, churn, t::explain_churn(churn));
    return n;
  }

  // One write transaction (never in a dry run); the last one of a run also writes the run's audit
  // summary and completes its periodic job, so a run that fails is not recorded as done.
  void flush(std::vector<store::TierWrite>& writes, bool last) {
    const bool audited = !request_.audit_action.empty();
    if (writes.empty() && !(last && (audited || !request_.completes_job.empty()))) return;
    store::TierWriteContext c;
    c.now_ms = request_.now_ms;
    c.actor = request_.actor;
    c.config_hash = config_.content_hash;
    c.config_source = config_.source_name;
    c.config_text = config_.yaml_text;
    ++parts_;
    if (audited) c.audit = [&](const store::TierWriteResult& r) { return audit_entry(r, last); };
    if (last && request_.account_id.empty()) c.completes_job = request_.completes_job;
    const store::TierWriteResult r = store_.tiers().write_tier_states(writes, c);
    summary_.notifications += r.notifications;
    summary_.skipped += r.skipped;
  }

  store::AuditEntry audit_entry(const store::TierWriteResult& r, bool last) const {
    store::AuditEntry a;
    a.at_ms = request_.now_ms;
    a.user_id = request_.actor.user_id;
    a.roles = request_.actor.roles;
    a.action = request_.audit_action;
    a.entity_type = request_.account_id.empty() ? "tiers" : "account";
    a.entity_id = request_.account_id;
    if (last) {
      EvaluationSummary s = summary_;
      s.accounts = update_.row_count();
      s.notifications += r.notifications;
      s.skipped += r.skipped;
      a.after_json = summary_json(s, parts_);
    } else {
      a.after_json = part_json(parts_, r);
    }
    return a;
  }

  store::Store& store_;
  const config::Config& config_;
  const EvaluationRequest& request_;
  const LogFn& log_;
  time::BusinessCalendar calendar_;
  t::ExplainContext context_;
  ChunkedUpdate<AccountRow, store::TierWrite> update_;
  uint64_t conversion_failures_ = 0;
  std::string first_conversion_error_;
  EvaluationSummary summary_;
  uint64_t parts_ = 0;  // write transactions so far
  std::optional<int64_t> ranking_run_;        // the stored ranking's run when the read began
  std::vector<store::RankingWrite> ranking_;  // full_write(): this run's ranking
  int64_t total_revenue_ = 0;
};

}  // namespace

EvaluationSummary evaluate_tiers(store::Store& store, const config::Config& config, const EvaluationRequest& request,
                                 const LogFn& log) {
  return Evaluator(store, config, request, log).run();
}

}  // namespace kam::app
