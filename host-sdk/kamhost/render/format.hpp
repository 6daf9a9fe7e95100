// format.hpp - formatting shared by everything kamhost renders for people (render/: the card, the
// Pareto table and chart; the command tables): plain tables, money, percentages, durations, and
// reading values out of the plugin's JSON. Text from the plugin or a file goes through printable()
// (text/escape.hpp) on its way to a terminal; print_table does it for every cell.
#pragma once

#include <cstdint>
#include <ostream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kamhost {

// ---- text and tables ----

// Display width of UTF-8 text, counting each code point as one column (wide CJK characters take two
// on most terminals, so tables are only approximately aligned for them).
std::size_t columns(const std::string& s);

// At most max bytes of s, cut at a UTF-8 character boundary, with "..." when cut.
std::string shorten(const std::string& s, std::size_t max);

// A plain table on standard output: a header row and rows, columns separated by two spaces. Columns
// whose right_aligned entry is true are padded on the left (numbers); the last column is not padded
// on the right.
// Cells are escaped with printable() first.
void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right_aligned = {});
// One row of such a table with the given column widths (a table printed as it streams, when the
// rows are not all known: tiers list). The cells must be printable() already.
void print_row(std::ostream& out, const std::vector<std::string>& cells, const std::vector<std::size_t>& width,
               const std::vector<bool>& right_aligned = {});
// The same on standard output.
void print_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                 const std::vector<bool>& right_aligned = {});

// ---- values from the plugin's JSON ----

// A member as text: "" for null or missing, strings as they are, anything else as compact JSON.
std::string text_of(const nlohmann::json& v);
std::string text_of(const nlohmann::json& object, const char* key);
// An integer member, or nullopt when it is missing, null or not an integer.
std::optional<int64_t> integer_at(const nlohmann::json& object, const char* key);
// An integer member, 0 when it is missing or not an integer.
int64_t integer_of(const nlohmann::json& object, const char* key);
// A boolean member, false when missing or not a boolean.
bool bool_of(const nlohmann::json& object, const char* key);

// ---- numbers for people ----

// The reporting currency's minor digits as the plugin states them (reporting_currency_digits of a
// card's metrics or of a report): kamhost does not guess them. Throws Failure when missing.
int currency_digits(const nlohmann::json& object);

// Minor units as "CNY 1,250,000.00" (thousands separators, `digits` decimals; "-" before the
// digits when negative). An empty currency leaves out the code.
std::string format_money(int64_t minor_units, const std::string& currency, int digits);

// Basis points as a percentage without trailing zeros: 1250 -> "12.5%", 1500 -> "15%", 1234 -> "12.34%".
std::string format_bp(int64_t bp);
// Basis points with exactly two decimals: 8000 -> "80.00%".
std::string format_bp_fixed(int64_t bp);

// Minutes in the largest unit that divides them: 30 -> "30m", 240 -> "4h", 2880 -> "2d", 10080 -> "1w".
// For wall-clock durations only (config intervals): business time never has days (format_business).
std::string format_minutes(int64_t minutes);

// Business time (working time on a calendar, docs/calendars.md) in hours and minutes, never days: a
// business day is whatever the calendar works. Milliseconds, rounded toward zero to the minute:
// 12'000'000 -> "3h 20m", 2'700'000 -> "45m", 7'200'000 -> "2h", 0 -> "0m", -3'900'000 -> "-1h 5m".
std::string format_business(int64_t ms);
// A business-time target in words: 60 -> "1 business hour", 1440 -> "24 business hours",
// 30 -> "30 business minutes", 90 -> "1h 30m of business time".
std::string business_minutes_phrase(int64_t minutes);

}  // namespace kamhost
