// churn_risk.cpp - the churn_risk section: weighted signals, score levels, when to notify, and the
// retention discount per level (core/tiers/churn.hpp).
#include "config/sections/sections.hpp"

#include <map>

#include "config/did_you_mean.hpp"
#include "config/values.hpp"
#include "core/money/decimal.hpp"
#include "core/tiers/tiers.hpp"

namespace kam::config::detail {

namespace t = core::tiers;
namespace money = core::money;

namespace {

std::optional<int64_t> signal_bound(const MapReader& r, std::string_view key, t::ChurnSignal signal) {
  const Entry* e = r.find(key);
  if (!e) return std::nullopt;
  const t::ChurnSignalInfo& info = t::churn_signal_info(signal);
  if (info.kind == t::MetricKind::percent)
    return percent_of(r, *e, 0, 10000, std::string(info.name) + " is a percentage");
  return whole_of(r, *e, 0, 100000, info.name);
}

void read_churn_signals(const MapReader& section, const Entry& entry, t::ChurnConfig& churn) {
  const YAML::Node* list =
      sequence_of(section, entry, "a list of signals like - {signal: revenue_drop, zero_at: \"10%\", full_at: \"50%\", weight: 40}");
  if (!list) return;
  std::map<t::ChurnSignal, int> seen;  // signal -> line
  std::size_t index = 0;
  for (const YAML::Node& item : *list) {
    const std::string path = "churn_risk.signals[" + std::to_string(index++) + "]";
    auto r = item_reader(section.sink(), item, path, {"signal", "zero_at", "full_at", "weight"},
                         "{signal: revenue_drop, zero_at: \"10%\", full_at: \"50%\", weight: 40}");
    if (!r || !require_keys(*r, path, {"signal", "zero_at", "full_at", "weight"})) continue;
    const Entry& se = *r->find("signal");
    std::optional<t::ChurnSignal> signal;
    if (se.value.IsScalar()) signal = t::churn_signal_by_name(se.value.Scalar());
    if (!signal) {
      const auto names = t::churn_signal_names();
      std::string message = "expected one of " + join(names) + ", got " + describe(se.value);
      if (se.value.IsScalar()) message += did_you_mean_suffix(se.value.Scalar(), names);
      r->error_at_value(se, message);
      continue;
    }
    if (auto [it, inserted] = seen.emplace(*signal, se.value.Mark().line + 1); !inserted) {
      r->error_at_value(se, std::string(t::churn_signal_info(*signal).name) + " is already listed (line " +
                                std::to_string(it->second) + ")");
      continue;
    }
    t::ChurnSignalRule rule;
    rule.signal = *signal;
    auto zero = signal_bound(*r, "zero_at", *signal);
    auto full = signal_bound(*r, "full_at", *signal);
    auto weight = r->get_int("weight", 1, 1000);
    if (!zero || !full || !weight) continue;
    if (*full <= *zero) {
      const bool percent = t::churn_signal_info(*signal).kind == t::MetricKind::percent;
      r->error_at_value(*r->find("full_at"), "must be above zero_at (" +
                                                 (percent ? money::format_percent_bp(*zero) : std::to_string(*zero)) +
                                                 "), got " + describe(r->find("full_at")->value));
      continue;
    }
    rule.zero_at = *zero;
    rule.full_at = *full;
    rule.weight = static_cast<int32_t>(*weight);
    churn.signals.push_back(rule);
  }
}

}  // namespace

void read_churn_risk(const MapReader& top, Config& config) {
  auto r = top.get_map("churn_risk", std::vector<std::string_view>{"signals", "levels", "notify_at", "retention_discount"});
  if (!r) return;
  t::ChurnConfig& churn = config.churn_risk;
  if (const Entry* signals = r->find("signals"); signals && !signals->value.IsNull())
    read_churn_signals(*r, *signals, churn);
  if (auto levels = r->get_map("levels", std::vector<std::string_view>{"medium", "high"})) {
    if (auto v = levels->get_int("medium", 1, 100)) churn.medium_at = static_cast<int32_t>(*v);
    if (auto v = levels->get_int("high", 1, 100)) churn.high_at = static_cast<int32_t>(*v);
    if (churn.high_at <= churn.medium_at) {
      const Entry* e = levels->find("high") ? levels->find("high") : levels->find("medium");
      if (e)
        levels->error_at_value(*e, e->key == "high"
                                       ? "must be above levels.medium (" + std::to_string(churn.medium_at) + "), got " + describe(e->value)
                                       : "must be below levels.high (" + std::to_string(churn.high_at) + "), got " + describe(e->value));
    }
  }
  if (auto v = r->get_choice("notify_at", {"medium", "high"}))
    churn.notify_at = *v == 0 ? t::ChurnLevel::medium : t::ChurnLevel::high;
  if (auto d = r->get_map("retention_discount", std::vector<std::string_view>{"low", "medium", "high"})) {
    const std::string_view names[] = {"low", "medium", "high"};
    for (std::size_t i = 0; i < 3; ++i)
      if (auto v = get_percent(*d, names[i], 0, 10000)) churn.retention_discount_bp[i] = *v;
  }
}

}  // namespace kam::config::detail
