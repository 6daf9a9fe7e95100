// fields.hpp - what both import formats (JSON lines, CSV) share about field values: the error a bad
// line gets, white space, values quoted in messages, currencies, the accepted time forms.
#pragma once

#include <kam/kam.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kamhost::import {

// A line that cannot become an event; the message names the field ("occurred_at: ...").
// It goes to the rejects file with status KAM_ERR_INVALID_ARGUMENT.
class ParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool is_space(char c);
// s without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view s);
// A value quoted for a message, shortened so a message stays readable.
std::string in_quotes(std::string_view v);
// The currency code into m (at most 3 bytes, NUL-padded).
void set_currency(kam_money& m, std::string_view currency);
// value as a three-letter code; throws ParseError naming "currency" otherwise.
std::string_view currency_or_throw(const char* value);

// A complaint's priority as a file writes it: a name (low, normal, high, critical) or a number 0..4
// (0 = unspecified); throws ParseError naming `field` otherwise.
int32_t priority_from_text(std::string_view text, const char* field);
// Bit flags from their names (kam_event_complaint.response_flags, kam_event_employee.flags): the bits
// of every name, each trimmed, empty ones left out; throws ParseError naming `field` and the names
// it knows for an unknown one.
struct Named;
uint32_t flag_bits(const Named* table, std::size_t table_size, const std::vector<std::string_view>& names,
                   const char* field);

inline constexpr const char* kTimeHelp =
    "is not an RFC 3339 time with an offset (2026-03-01T09:30:00Z, 2026-03-01T17:30:00+08:00) or a "
    "date (2026-03-01)";

}  // namespace kamhost::import
