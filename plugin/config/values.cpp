// values.cpp - the shared value readers (see values.hpp).
#include "config/values.hpp"

#include <cctype>

#include "config/did_you_mean.hpp"
#include "core/money/currency.hpp"
#include "core/money/decimal.hpp"
#include "core/tiers/tiers.hpp"
#include "core/time/zone.hpp"

namespace kam::config::detail {

namespace money = core::money;

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::string_view s : items) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

std::optional<std::string> scalar(const MapReader& r, const Entry& e, const std::string& expected) {
  if (e.value.IsScalar()) return e.value.Scalar();
  r.error_at_value(e, expected + ", got " + describe(e.value));
  return std::nullopt;
}

std::optional<bool> get_bool(const MapReader& r, std::string_view key) {
  const Entry* e = r.find(key);
  if (!e) return std::nullopt;
  if (e->value.IsScalar() && e->value.Tag() == "?") {
    const std::string& s = e->value.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  r.error_at_value(*e, "expected true or false, got " + describe(e->value));
  return std::nullopt;
}

std::optional<int64_t> percent_of(const MapReader& r, const Entry& e, int64_t min_bp, int64_t max_bp,
                                  std::string_view lead, bool show_range) {
  std::string expected = std::string(lead) + " like \"12.5%\"";
  if (show_range) expected += " in " + money::format_percent_bp(min_bp) + ".." + money::format_percent_bp(max_bp);
  auto text = scalar(r, e, expected);
  if (!text) return std::nullopt;
  money::DecimalError error = money::DecimalError::none;
  auto bp = money::parse_percent_bp(*text, &error);
  if (!bp && error == money::DecimalError::too_many_decimals) {
    r.error_at_value(e, "percentages have at most 2 decimals (whole basis points), got " + describe(e.value));
    return std::nullopt;
  }
  if (!bp || *bp < min_bp || *bp > max_bp) {
    std::string message = expected + ", got " + describe(e.value);
    if (error == money::DecimalError::missing_percent && money::parse_scaled_decimal(*text, 2))
      message += "; write the % sign, e.g. \"" + *text + "%\"";
    r.error_at_value(e, message);
    return std::nullopt;
  }
  return bp;
}

std::optional<int64_t> get_percent(const MapReader& r, std::string_view key, int64_t min_bp, int64_t max_bp) {
  const Entry* e = r.find(key);
  return e ? percent_of(r, *e, min_bp, max_bp) : std::nullopt;
}

std::optional<int64_t> whole_of(const MapReader& r, const Entry& e, int64_t min, int64_t max, std::string_view what) {
  if (e.value.IsScalar()) {
    if (auto v = money::parse_scaled_decimal(e.value.Scalar(), 0); v && *v >= min && *v <= max) return v;
  }
  r.error_at_value(e, std::string(what) + " is a whole number in " + std::to_string(min) + ".." + std::to_string(max) +
                          ", got " + describe(e.value));
  return std::nullopt;
}

std::optional<int64_t> money_of(const MapReader& r, const Entry& e, std::string_view what, const std::string& currency) {
  const int digits = money::currency_minor_digits(currency);
  const std::string example = digits > 0 ? "1000000." + std::string(static_cast<std::size_t>(digits), '0') : "1000000";
  const std::string expected =
      std::string(what) + " is an amount in " + currency + " like \"" + example + "\"";
  auto text = scalar(r, e, expected);
  if (!text) return std::nullopt;
  money::DecimalError error = money::DecimalError::none;
  auto v = money::parse_scaled_decimal(*text, digits, &error);
  if (v) return v;
  switch (error) {
    case money::DecimalError::too_many_decimals:
      r.error_at_value(e, (digits == 0 ? currency + " amounts have no decimals"
                                       : currency + " has " + std::to_string(digits) + (digits == 1 ? " decimal" : " decimals")) +
                              ", got " + describe(e.value));
      break;
    case money::DecimalError::grouping:
      r.error_at_value(e, "write the amount without thousands separators, like \"" + example + "\", got " +
                              describe(e.value));
      break;
    case money::DecimalError::out_of_range:
      r.error_at_value(e, "amount too large, got " + describe(e.value));
      break;
    default: r.error_at_value(e, expected + ", got " + describe(e.value));
  }
  return std::nullopt;
}

const YAML::Node* sequence_of(const MapReader& r, const Entry& e, const std::string& expected) {
  if (e.value.IsSequence()) return &e.value;
  r.error_at_value(e, "expected " + expected + ", got " + describe(e.value));
  return nullptr;
}

std::optional<MapReader> item_reader(DiagnosticSink& sink, const YAML::Node& item, const std::string& path,
                                     std::vector<std::string_view> known, const std::string& example) {
  if (!item.IsMap()) {
    sink.error(item.Mark(), path + ": expected a mapping like " + example + ", got " + describe(item));
    return std::nullopt;
  }
  return MapReader(sink, item, path, item.Mark(), std::move(known));
}

bool require_keys(const MapReader& r, const std::string& path, std::initializer_list<std::string_view> keys) {
  bool ok = true;
  for (std::string_view key : keys)
    if (!r.find(key)) {
      r.sink().error(r.mark(), path + ": missing required key '" + std::string(key) + "'");
      ok = false;
    }
  return ok;
}

std::optional<int64_t> get_duration(const MapReader& r, std::string_view key) {
  const Entry* e = r.find(key);
  if (!e) return std::nullopt;
  std::optional<int64_t> minutes;
  if (e->value.IsScalar()) minutes = core::tiers::parse_duration_minutes(e->value.Scalar());
  if (!minutes || *minutes > 3650LL * 24 * 60) {
    r.error_at_value(*e, "expected a duration like 30m, 4h, 2d or 1w (up to 3650d), got " + describe(e->value));
    return std::nullopt;
  }
  return minutes;
}

std::optional<core::time::LocalDate> date_of(const MapReader& r, const Entry& e, std::string_view what) {
  std::optional<core::time::LocalDate> date;
  if (e.value.IsScalar()) date = core::time::LocalDate::parse(e.value.Scalar());
  if (!date) r.error_at_value(e, "expected " + std::string(what) + ", like 2026-01-01, got " + describe(e.value));
  return date;
}

std::optional<std::string> get_time_zone(const MapReader& r, std::string_view key) {
  auto tz = r.get_string(key, "an IANA time zone name");
  if (!tz || core::time::is_known_time_zone(*tz)) return tz;
  const Entry& e = *r.find(key);
  r.error_at_value(e, "expected an IANA time zone name like Europe/Berlin or Asia/Shanghai, got " + describe(e.value) +
                          did_you_mean_suffix(*tz, core::time::time_zone_names()));
  return std::nullopt;
}

std::string currency_case_suggestion(const std::string& code) {
  std::string upper = code;
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return upper != code && money::is_known_currency(upper) ? "; did you mean '" + upper + "'?" : std::string();
}

std::string resolve_path(const std::filesystem::path& base_dir, const std::string& path) {
  const std::filesystem::path p(path);
  std::filesystem::path n = (p.is_absolute() || base_dir.empty() ? p : base_dir / p).lexically_normal();
  if (n.has_relative_path() && n.filename().empty()) n = n.parent_path();
  return n.string();
}

std::optional<int32_t> score_bp_of(const std::string& text) {
  std::size_t i = 0;
  int32_t whole = 0;
  bool digits = false;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > 1) return std::nullopt;
    digits = true;
    ++i;
  }
  int32_t fraction = 0, scale = 1000;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      if (scale == 0) return std::nullopt;  // more than four decimal places
      fraction += (text[i] - '0') * scale;
      scale /= 10;
      digits = true;
    }
  }
  if (!digits || i != text.size()) return std::nullopt;
  const int32_t bp = whole * 10000 + fraction;
  if (bp > 10000) return std::nullopt;
  return bp;
}

}  // namespace kam::config::detail
