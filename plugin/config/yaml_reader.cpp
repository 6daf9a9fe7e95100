#include "config/yaml_reader.hpp"

#include <algorithm>
#include <charconv>

#include "config/did_you_mean.hpp"

namespace kam::config::detail {
namespace {

bool is_plain(const YAML::Node& node) { return node.Tag() == "?"; }

// YAML integers as people write them in config files: optional sign and decimal digits.
bool looks_like_integer(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::string_view item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

}  // namespace

void DiagnosticSink::error(const YAML::Mark& at, std::string message) {
  Diagnostic d;
  d.file = file_;
  if (at.line >= 0 && at.column >= 0) {
    d.line = at.line + 1;
    d.column = at.column + 1;
  }
  d.message = std::move(message);
  diagnostics_.push_back(std::move(d));
}

std::vector<Diagnostic> DiagnosticSink::take_sorted() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return std::move(diagnostics_);
}

YAML::Mark make_mark(int line0, int column0) {
  YAML::Mark m;
  m.pos = -1;
  m.line = line0;
  m.column = column0;
  return m;
}

std::string quoted(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size() && i < kMax; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (text.size() > kMax) out += "...";
  return out + "\"";
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  const std::string& s = node.Scalar();
  if (is_plain(node) && looks_like_integer(s)) return s;
  return quoted(s);
}

MapReader::MapReader(DiagnosticSink& sink, const YAML::Node& node, std::string path, YAML::Mark where,
                     std::optional<std::vector<std::string_view>> known)
    : sink_(&sink), path_(std::move(path)), mark_(where) {
  if (node.IsDefined() && !node.Mark().is_null() && node.IsMap()) mark_ = node.Mark();
  if (!node.IsMap()) return;
  // Range-for, not it->first: GCC 12 warns (wrongly) about yaml-cpp's iterator proxy.
  for (const auto& pair : node) {
    const YAML::Node& key = pair.first;
    if (!key.IsScalar()) {
      sink.error(key.Mark(), (path_.empty() ? std::string("top level") : path_) + ": expected a key name, got " +
                                 describe(key));
      continue;
    }
    const std::string name = key.Scalar();
    if (const Entry* first = find(name)) {
      sink.error(key.Mark(), "duplicate key '" + path_of(name) + "' (first at line " +
                                 std::to_string(first->key_node.Mark().line + 1) + ")");
      continue;
    }
    if (known && std::find(known->begin(), known->end(), name) == known->end()) {
      std::string message = "unknown key '" + path_of(name) + "'";
      if (auto match = closest_match(name, *known))
        message += "; did you mean '" + path_of(*match) + "'?";
      else
        message += "; valid keys here: " + join(*known);
      sink.error(key.Mark(), std::move(message));
      continue;
    }
    entries_.push_back(Entry{name, key, pair.second});
  }
}

const MapReader::Entry* MapReader::find(std::string_view key) const {
  for (const Entry& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

std::string MapReader::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

YAML::Mark MapReader::value_mark(const Entry& entry) {
  // yaml-cpp puts an empty value at the next token, which may be lines away: point at the key.
  if (entry.value.IsNull() || entry.value.Mark().is_null()) return entry.key_node.Mark();
  return entry.value.Mark();
}

void MapReader::error_at_value(const Entry& entry, const std::string& message) const {
  sink_->error(value_mark(entry), path_of(entry.key) + ": " + message);
}

std::optional<std::string> MapReader::get_string(std::string_view key, std::string_view expected) const {
  const Entry* e = find(key);
  if (!e) return std::nullopt;
  if (!e->value.IsScalar()) {
    error_at_value(*e, "expected " + std::string(expected) + ", got " + describe(e->value));
    return std::nullopt;
  }
  return e->value.Scalar();
}

std::optional<int64_t> MapReader::get_int(std::string_view key, int64_t min, int64_t max) const {
  const Entry* e = find(key);
  if (!e) return std::nullopt;
  int64_t value = 0;
  bool ok = false;
  if (e->value.IsScalar() && looks_like_integer(e->value.Scalar())) {
    std::string_view s = e->value.Scalar();
    if (s[0] == '+') s.remove_prefix(1);
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    ok = ec == std::errc() && end == s.data() + s.size() && value >= min && value <= max;
  }
  if (!ok) {
    error_at_value(*e, "expected an integer in " + std::to_string(min) + ".." + std::to_string(max) + ", got " +
                           describe(e->value));
    return std::nullopt;
  }
  return value;
}

std::optional<std::size_t> MapReader::get_choice(std::string_view key,
                                                 const std::vector<std::string_view>& choices) const {
  const Entry* e = find(key);
  if (!e) return std::nullopt;
  if (e->value.IsScalar()) {
    const std::string& s = e->value.Scalar();
    for (std::size_t i = 0; i < choices.size(); ++i)
      if (choices[i] == s) return i;
  }
  std::string message = "expected one of " + join(choices) + ", got " + describe(e->value);
  if (e->value.IsScalar()) message += did_you_mean_suffix(e->value.Scalar(), choices);
  error_at_value(*e, message);
  return std::nullopt;
}

std::optional<MapReader> MapReader::get_map(std::string_view key,
                                            std::optional<std::vector<std::string_view>> known) const {
  const Entry* e = find(key);
  if (!e) return std::nullopt;
  if (!e->value.IsMap() && !e->value.IsNull()) {
    error_at_value(*e, "expected a mapping (indented 'key: value' lines), got " + describe(e->value));
    return std::nullopt;
  }
  return MapReader(*sink_, e->value, path_of(key), e->key_node.Mark(), std::move(known));
}

}  // namespace kam::config::detail
