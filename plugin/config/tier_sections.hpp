// tier_sections.hpp - the config sections of the VIP tier engine: exchange_rates, tiers,
// customer_value and churn_risk (schema in docs/config.md, semantics in docs/tiers.md).
#pragma once

#include "config/config.hpp"
#include "config/yaml_reader.hpp"

namespace kam::config::detail {

// Reads the four sections from the top-level mapping into `config`, reporting every problem to the
// top reader's sink. Needs config.business already read (money thresholds use the reporting
// currency's minor digits). Sections left out keep their defaults.
void read_tier_sections(const MapReader& top, Config& config);

}  // namespace kam::config::detail
