// card.hpp - an account's card (the plugin's account_card JSON) as an account manager reads it:
// tier and why, benefits in words, key metrics, churn risk, history. Dates are in the card's
// business_time_zone; money has the card's reporting_currency_digits; plugin text is escaped.
// Kept apart from the command so that other front ends (the web UI) render the same data.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

namespace kamhost {

void render_card(std::ostream& out, const nlohmann::json& card);

}  // namespace kamhost
