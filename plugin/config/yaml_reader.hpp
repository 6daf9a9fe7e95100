// yaml_reader.hpp - a small typed reader over yaml-cpp nodes for the config schema. It looks keys up,
// converts scalars with range and enum checks, reports duplicate and unknown keys (with a
// did-you-mean), and records every problem as a Diagnostic with a 1-based position instead of
// stopping, so one load reports all errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/config.hpp"

namespace kam::config::detail {

// Collects the diagnostics of one load. Each load has its own (no shared state between threads).
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}

  // `at` is yaml-cpp's 0-based mark; a null mark (-1) gives line/column 0 ("unknown").
  void error(const YAML::Mark& at, std::string message);
  bool has_errors() const { return !diagnostics_.empty(); }
  // The diagnostics in file order (stable for errors at the same place).
  std::vector<Diagnostic> take_sorted();

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

// yaml-cpp marks cannot be built from numbers directly; this can.
YAML::Mark make_mark(int line0, int column0);

// How a value reads in "got ..." messages: 42, "lots", a mapping, a list, nothing.
std::string describe(const YAML::Node& node);

// A string in double quotes with control characters escaped, shortened if very long.
std::string quoted(std::string_view text);

// One YAML mapping being read. Construction checks the keys: non-scalar keys, duplicates, and -
// when the valid keys are given - unknown keys. The typed getters return nothing when the key is
// absent or its value is invalid; in the second case a diagnostic has been recorded.
class MapReader {
 public:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };

  // `node` is a mapping or null (an empty section such as `database:` with nothing under it).
  // `where` is used for problems about the mapping as a whole (a missing key) when the node has no
  // position of its own. `known` lists the valid keys; nullopt accepts any key (role names).
  MapReader(DiagnosticSink& sink, const YAML::Node& node, std::string path, YAML::Mark where,
            std::optional<std::vector<std::string_view>> known);

  DiagnosticSink& sink() const { return *sink_; }
  const std::vector<Entry>& entries() const { return entries_; }  // file order, first of duplicates
  const Entry* find(std::string_view key) const;
  YAML::Mark mark() const { return mark_; }
  std::string path_of(std::string_view key) const;  // "database.pool" + "size" -> "database.pool.size"

  // Where to point for a problem with this entry's value (the key when the value is empty).
  static YAML::Mark value_mark(const Entry& entry);
  void error_at_value(const Entry& entry, const std::string& message) const;

  std::optional<std::string> get_string(std::string_view key, std::string_view expected = "a string") const;
  std::optional<int64_t> get_int(std::string_view key, int64_t min, int64_t max) const;
  // Index into `choices` of the value; the error message lists the choices.
  std::optional<std::size_t> get_choice(std::string_view key, const std::vector<std::string_view>& choices) const;
  // A nested section. Absent -> nothing; present but empty -> an empty reader.
  std::optional<MapReader> get_map(std::string_view key, std::optional<std::vector<std::string_view>> known) const;

 private:
  DiagnosticSink* sink_;
  std::string path_;
  YAML::Mark mark_;
  std::vector<Entry> entries_;
};

}  // namespace kam::config::detail
