// escape.hpp - the one function every kamhost output passes text from the plugin or a file through
// before it reaches a terminal, a log or a chart: control characters become visible escapes, so a
// user id with a newline cannot forge a table row and ANSI escapes cannot move the cursor.
#pragma once

#include <string>
#include <string_view>

namespace kamhost {

// s with every character that would act on a terminal instead of showing written out:
//   \n \r \t        as those two characters
//   other C0, DEL   as \xNN (ESC is \x1b)
//   C1 controls, the line and paragraph separators and the bidirectional overrides and isolates
//   (U+0080..U+009F, U+2028, U+2029, U+202A..U+202E, U+2066..U+2069)   as \u{XXXX}
//   bytes that are not UTF-8   as \xNN
// and a backslash as \\ so that an escape cannot be faked. Everything else is kept as it is.
std::string printable(std::string_view s);

// printable() of each line of a multi-line message, the line breaks kept (the plugin's config
// errors: one "file:line:column: message" per line).
std::string printable_lines(std::string_view s);

// One CSV field (RFC 4180) of printable(s): in double quotes, each quote doubled, when it has a
// comma or a quote (printable() already wrote out line breaks); as it is otherwise.
std::string csv_field(std::string_view s);

}  // namespace kamhost
