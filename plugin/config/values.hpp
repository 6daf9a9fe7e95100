// values.hpp - the value readers every config section shares, on top of MapReader: booleans,
// percentages, money, whole numbers (counts), durations, dates, time zones, currency codes, lists of mappings,
// paths. Each one reports a problem at the value's file position with one wording, so every section
// (today's and the coming calendars, SLA targets, workflows, distributor levels) reads and reports
// values the same way. Numbers that matter (money, percentages, rates) are parsed from the YAML
// text exactly, never through floating point.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/yaml_reader.hpp"
#include "core/time/calendar.hpp"

namespace kam::config::detail {

using Entry = MapReader::Entry;

// "a, b, c".
std::string join(const std::vector<std::string_view>& items);

// The value of a scalar entry as text, or nothing after reporting `expected`.
std::optional<std::string> scalar(const MapReader& r, const Entry& e, const std::string& expected);

// true/True/TRUE or false/False/FALSE (an unquoted scalar); absent -> nothing.
std::optional<bool> get_bool(const MapReader& r, std::string_view key);

// A percentage written like "12.5%" in basis points, within [min_bp, max_bp]. `lead` starts the
// message ("expected a percentage", "margin_percent is a percentage"); the range is shown unless
// `show_range` is false.
std::optional<int64_t> percent_of(const MapReader& r, const Entry& e, int64_t min_bp, int64_t max_bp,
                                  std::string_view lead = "expected a percentage", bool show_range = true);
std::optional<int64_t> get_percent(const MapReader& r, std::string_view key, int64_t min_bp, int64_t max_bp);

// "0.85", "1", "0", ".9" -> basis points (a score between 0 and 1); nothing when not a plain decimal
// in [0, 1] of at most four decimal places (identity.threshold, distributors.match_min_score).
std::optional<int32_t> score_bp_of(const std::string& text);

// A whole number within [min, max] ("a whole number" rather than get_int's wording, for values
// that sit next to decimals and percentages).
std::optional<int64_t> whole_of(const MapReader& r, const Entry& e, int64_t min, int64_t max, std::string_view what);

// An amount in `currency`, exactly, in minor units.
std::optional<int64_t> money_of(const MapReader& r, const Entry& e, std::string_view what, const std::string& currency);

// A duration like 30m, 4h, 2d or 1w, in minutes, up to 3650 days.
std::optional<int64_t> get_duration(const MapReader& r, std::string_view key);

// An IANA time zone name known to the system tz database (core/time/zone.hpp), with a did-you-mean
// for a near miss; absent -> nothing.
std::optional<std::string> get_time_zone(const MapReader& r, std::string_view key);

// A local date like 2026-01-01; nothing after reporting "expected <what>, like 2026-01-01, got ...".
std::optional<core::time::LocalDate> date_of(const MapReader& r, const Entry& e, std::string_view what);

// "; did you mean 'EUR'?" when `code` is a known ISO 4217 code in the wrong case, else "".
std::string currency_case_suggestion(const std::string& code);

// The entry's value when it is a list; nothing after reporting "expected <expected>".
const YAML::Node* sequence_of(const MapReader& r, const Entry& e, const std::string& expected);

// A list item that must be a mapping; nothing (after reporting) otherwise.
std::optional<MapReader> item_reader(DiagnosticSink& sink, const YAML::Node& item, const std::string& path,
                                     std::vector<std::string_view> known, const std::string& example);

// Reports each missing key at the mapping (`path` names it); true when none is missing.
bool require_keys(const MapReader& r, const std::string& path, std::initializer_list<std::string_view> keys);

// `path` resolved against `base_dir` (unless absolute or base_dir is empty), lexically normal,
// without a trailing separator ("/var/lib/kam/" -> "/var/lib/kam").
std::string resolve_path(const std::filesystem::path& base_dir, const std::string& path);

}  // namespace kam::config::detail
