// import_format.hpp - the file formats of `kamhost import` (docs/import.md): JSON lines and CSV
// (accounts, orders) turned into the kam_event_* structs of kam.h. One header for the commands and
// tests; each piece lives in import/ (arena, events and their names, shared field checks, the
// JSON-lines parser, the CSV reader and mapper) and times in time_text.hpp.
//
// Nothing here calls the plugin, and only the public SDK headers (kam/kam.h) are used.
#pragma once

#include "import/arena.hpp"
#include "import/csv_mapper.hpp"
#include "import/csv_reader.hpp"
#include "import/events.hpp"
#include "import/fields.hpp"
#include "import/fingerprint.hpp"
#include "import/json_event.hpp"
#include "time_text.hpp"

namespace kamhost::import {
using kamhost::format_utc;
using kamhost::parse_time;
}  // namespace kamhost::import
