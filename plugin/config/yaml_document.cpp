#include "config/yaml_document.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace kam::config::detail {
namespace {

// yaml-cpp reports a tab in indentation as some later, puzzling error; find the tab instead.
std::optional<YAML::Mark> first_indent_tab(std::string_view text, int up_to_line0) {
  int line = 0;
  std::size_t start = 0;
  while (start <= text.size() && line <= up_to_line0) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    for (std::size_t i = start; i < end && (text[i] == ' ' || text[i] == '\t'); ++i)
      if (text[i] == '\t') return make_mark(line, static_cast<int>(i - start));
    start = end + 1;
    ++line;
  }
  return std::nullopt;
}

// yaml-cpp's terse messages, with what an admin most likely has to fix.
std::string explain(const std::string& msg) {
  struct Hint {
    std::string_view msg, hint;
  };
  static constexpr Hint kHints[] = {
      {"end of sequence flow not found", "a '[' is not closed by ']'"},
      {"end of map flow not found", "a '{' is not closed by '}'"},
      {"illegal map value", "a 'key: value' where none can be; check the indentation, or quote a value that contains ': '"},
      {"end of map not found", "check the indentation of the keys"},
      {"end of sequence not found", "check the indentation of the '- ' items"},
      {"unknown escape character", "inside double quotes write \\\\ for a backslash, or use single quotes"},
  };
  for (const Hint& h : kHints)
    if (msg == h.msg) return "YAML syntax error: " + msg + " (" + std::string(h.hint) + ")";
  return "YAML syntax error: " + msg;
}

// An unquoted `op: >=` starts a YAML block scalar (`>`) or a tag (`!`), which the parser reports
// as something puzzling; the line tells what was meant.
bool has_unquoted_operator(std::string_view text, int line0) {
  int line = 0;
  std::size_t start = 0;
  while (line < line0 && start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return false;
    start = nl + 1;
    ++line;
  }
  const std::string_view row = text.substr(start, text.find('\n', start) - start);
  for (std::size_t at = row.find("op:"); at != std::string_view::npos; at = row.find("op:", at + 1)) {
    std::size_t i = at + 3;
    while (i < row.size() && row[i] == ' ') ++i;
    if (i < row.size() && (row[i] == '>' || row[i] == '!')) return true;
  }
  return false;
}

}  // namespace

std::optional<YAML::Node> parse_top_mapping(const std::string& text, DiagnosticSink& sink) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::ParserException& e) {
    if (auto tab = first_indent_tab(text, e.mark.line))
      sink.error(*tab, "YAML syntax error: tab character in indentation; indent with spaces only");
    else if (has_unquoted_operator(text, e.mark.line))
      sink.error(e.mark, explain(e.msg) + "; quote comparison operators, e.g. op: \">=\"");
    else
      sink.error(e.mark, explain(e.msg));
    return std::nullopt;
  }
  const YAML::Mark start = make_mark(0, 0);
  if (documents.empty() || documents[0].IsNull()) {
    sink.error(start, "the config is empty; expected a mapping that starts with 'kam: 1'");
    return std::nullopt;
  }
  if (!documents[0].IsMap()) {
    sink.error(start, "expected a mapping at the top level (starting with 'kam: 1'), got " + describe(documents[0]));
    return std::nullopt;
  }
  // A trailing '---' with nothing after it is harmless; a second document would be ignored silently.
  for (std::size_t i = 1; i < documents.size(); ++i) {
    if (!documents[i].IsNull()) {
      sink.error(documents[i].Mark(), "expected a single YAML document; remove the '---' and what follows it");
      break;
    }
  }
  return documents[0];
}

}  // namespace kam::config::detail
