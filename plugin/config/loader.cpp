// loader.cpp - assembles the config: parses the YAML, checks the format version and the top-level
// keys, runs each section's reader (sections/sections.hpp) in dependency order, and returns a
// Config only when nothing was wrong.
#include "config/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "config/config.hpp"
#include "config/sections/sections.hpp"
#include "config/yaml_document.hpp"
#include "config/yaml_reader.hpp"
#include "core/fnv1a.hpp"

namespace kam::config {
namespace {

using detail::DiagnosticSink;
using detail::MapReader;

constexpr int32_t kFormatVersion = 1;

// Checks `kam:` before anything else. Returns false (after reporting) for a version this code does
// not read: then nothing more is checked, since a newer format would only produce a flood of
// unknown-key errors that bury the one that matters.
bool read_version(const YAML::Node& root, DiagnosticSink& sink, Config& config) {
  // Range-for, not it->first: GCC 12 warns (wrongly) about yaml-cpp's iterator proxy.
  for (const auto& pair : root) {
    if (!pair.first.IsScalar() || pair.first.Scalar() != "kam") continue;
    const YAML::Node& value = pair.second;
    const YAML::Mark at = value.IsNull() ? pair.first.Mark() : value.Mark();
    if (value.IsScalar()) {
      const std::string& s = value.Scalar();
      if (s == "1") {
        config.format_version = kFormatVersion;
        return true;
      }
      if (!s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        sink.error(at, "kam: unsupported config format version " + s + "; this KAM reads version 1");
        return false;
      }
    }
    sink.error(at, "kam: expected the config format version 1, got " + detail::describe(value));
    return true;  // a typo in the version line: the rest is still worth checking
  }
  return true;  // missing: reported with the other top-level keys
}

[[noreturn]] void fail(DiagnosticSink& sink) { throw ConfigError(sink.take_sorted()); }

}  // namespace

namespace detail {

Config load_config(const std::string& text, const std::string& name, const std::filesystem::path& base_dir) {
  DiagnosticSink sink(name);
  const std::optional<YAML::Node> root = detail::parse_top_mapping(text, sink);
  if (!root) fail(sink);

  Config config;
  if (!read_version(*root, sink, config)) fail(sink);
  MapReader top(sink, *root, "", root->Mark(),
                std::vector<std::string_view>{"kam", "instance", "database", "business", "access", "logging",
                                              "calendars", "exchange_rates", "tiers", "customer_value", "churn_risk",
                                              "complaints", "contacts", "visits", "service", "identity",
                                              "distributors", "discount_authority"});
  if (!top.find("kam"))
    sink.error(top.mark(), "missing required key 'kam' (the config format version; add 'kam: 1' as the first line)");
  detail::read_instance(top, base_dir, config);
  detail::read_database(top, config);  // after instance: relative SQLite paths resolve against data_dir
  detail::read_business(top, config);
  detail::read_access(top, config);
  detail::read_logging(top, config);
  detail::read_calendars(top, config);  // before every section that names a calendar (get_calendar)
  // After business: they need the reporting currency.
  detail::read_exchange_rates(top, config);
  detail::read_tiers(top, config);
  detail::read_customer_value(top, config);
  detail::read_churn_risk(top, config);
  detail::read_complaints(top, config);  // after calendars and tiers
  detail::read_contacts(top, config);
  detail::read_visits(top, config);  // after access
  detail::read_service(top, config);     // after access, calendars and tiers
  detail::read_identity(top, config);
  detail::read_distributors(top, config);  // after access, business and tiers
  if (sink.has_errors()) fail(sink);
  config.source_name = name;
  config.content_hash = core::fnv1a64_hex(text);
  config.yaml_text = text;
  return config;
}

}  // namespace detail

Config load_config_text(const std::string& text, const std::string& name) {
  return detail::load_config(text, name, std::filesystem::path());
}

}  // namespace kam::config
