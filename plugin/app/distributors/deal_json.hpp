// deal_json.hpp - the JSON of a stored registration and of a decision's reasons (kam/distributors.h
// documents both), and the words of an instant in the business zone, shared by the use cases of
// app/distributors.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "core/distributors/decision.hpp"
#include "store/store.hpp"

namespace kam::app::distributors {

// {code, effect ("rejects" | "review"), message, and the details that apply}.
nlohmann::json finding_json(const core::distributors::Finding& finding);

// {registration_id, distributor_id, level, customer {name, name_latin, tax_id, region, industry},
//  product_lines, amount {minor_units, currency}, amount_reporting_minor, discount_bp,
//  expected_close_ms, notes, decision, status, reasons, conflict, matched_account_id,
//  registered_at_ms, registered_by, protected_until_ms, review {reviewed_at_ms, reviewed_by, reason}
//  (or null), expired_at_ms}
nlohmann::json deal_json(const store::StoredDeal& deal);

// "2026-04-01 10:00 Asia/Shanghai".
std::string local_time_text(int64_t ms, const config::Config& config);

}  // namespace kam::app::distributors
