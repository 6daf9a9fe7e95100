// tiers.hpp - the VIP tier engine in one include: pure functions over plain values, no I/O.
// See docs/tiers.md for the rules, formulas and rounding.
//
//   decimal.hpp         exact decimals: parsing, half-even division, formatting
//   calendar.hpp        local dates and midnight-aligned windows in the business time zone
//   exchange.hpp        exchange rates with effective dates; converting and totalling amounts
//   metrics.hpp         AccountMetrics, the metric catalogue, metrics from a list of orders
//   rules.hpp           tier rules and benefits; classify()
//   hysteresis.hpp      downgrade delay and manual overrides
//   explain.hpp         evaluate_account() and explanations in plain words
//   customer_value.hpp  Pareto report and lifetime value
//   churn.hpp           churn risk score, level and notification flag
#pragma once

#include "core/time/calendar.hpp"
#include "core/tiers/churn.hpp"
#include "core/tiers/customer_value.hpp"
#include "core/money/decimal.hpp"
#include "core/money/exchange.hpp"
#include "core/tiers/explain.hpp"
#include "core/tiers/hysteresis.hpp"
#include "core/tiers/metrics.hpp"
#include "core/tiers/rules.hpp"
