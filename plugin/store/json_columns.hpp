// json_columns.hpp - the JSON values the store encodes into (and decodes from) its own columns: string
// lists (account flags, roles, territories) and small objects (the batch audit entry). Not the ABI's
// json_text (abi/json_text.hpp: JSON handed to the host). nlohmann_json stays inside kam_store.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kam::store::detail {

// ["a","b"]; invalid UTF-8 is replaced rather than refused (the ABI layer has checked it already).
std::string json_string_array(const std::vector<std::string>& values);

// The strings of a JSON array; anything else (or broken text) gives an empty list.
std::vector<std::string> parse_json_string_array(const std::string& text);

using JsonField = std::pair<std::string, std::variant<std::string, int64_t>>;

// {"key":value,...} with text or integer values, in the given order.
std::string json_object(const std::vector<JsonField>& fields);

}  // namespace kam::store::detail
