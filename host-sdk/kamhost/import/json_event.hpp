// json_event.hpp - one JSON line of an import file -> one kam.h event (docs/import.md).
#pragma once

#include <string_view>

#include "import/arena.hpp"
#include "import/events.hpp"
#include "import/fields.hpp"

namespace kamhost::import {

// True for lines that carry no event: empty, only white space, or starting with '#'.
bool is_skipped_json_line(std::string_view line);

// Parses one JSON line into out (zeroed first; strings copied into arena). Throws ParseError.
void parse_json_event(std::string_view line, Arena& arena, AnyEvent& out);

}  // namespace kamhost::import
