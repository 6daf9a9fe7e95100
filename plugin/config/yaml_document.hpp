// yaml_document.hpp - turns config text into the one YAML mapping the schema reads, reporting
// syntax errors (with yaml-cpp's position and a plainer hint), empty files, several documents and
// a top level that is not a mapping.
#pragma once

#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "config/yaml_reader.hpp"

namespace kam::config::detail {

// The top-level mapping, or nothing after reporting why there is none.
std::optional<YAML::Node> parse_top_mapping(const std::string& text, DiagnosticSink& sink);

}  // namespace kam::config::detail
