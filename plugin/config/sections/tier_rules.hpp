// tier_rules.hpp - reads a tier's rule: {all: [...]} or {any: [...]} of metric comparisons, flags
// and nested groups (core/tiers/rules.hpp), with did-you-mean for metrics and operators.
#pragma once

#include <optional>
#include <string>

#include "config/yaml_reader.hpp"
#include "core/tiers/rules.hpp"

namespace kam::config::detail {

class RuleReader {
 public:
  // Money thresholds are amounts in `currency` (the reporting currency).
  RuleReader(DiagnosticSink& sink, const std::string& currency) : sink_(sink), currency_(currency) {}

  // The rule of a tier level (the entry `rule:` of `level`), or nothing after reporting.
  std::optional<core::tiers::Condition> rule(const MapReader& level, const MapReader::Entry& e);

 private:
  std::optional<core::tiers::Condition> group(const MapReader& parent, const MapReader::Entry& e, int depth);
  std::optional<core::tiers::Condition> condition(const YAML::Node& item, const std::string& path, int depth);
  std::optional<core::tiers::Condition> metric_condition(const MapReader& r, const std::string& path);
  std::optional<int64_t> threshold(const MapReader& r, const MapReader::Entry& e, core::tiers::Metric metric);

  DiagnosticSink& sink_;
  const std::string& currency_;
};

}  // namespace kam::config::detail
