// event_convert.hpp - turns the host's kam_event_* structs into core::Event values, checking each
// struct's size and kind, every pointer and every string's UTF-8. A problem rejects that one item
// (it becomes a store::BatchItem with an early rejection), never the whole call.
#pragma once

#include <string>
#include <vector>

#include "core/events.hpp"
#include "kam/kam.h"
#include "store/ingestion/ingestion_repository.hpp"

namespace kam::abi {

store::BatchItem convert_event(const kam_event_header* header);

// Shared with the other calls that take lists and money (api_distributors.cpp): `count` names,
// each through input_string (StringKind::name, required), at most kMaxListItems; and a kam_money's
// members checked (reserved0, a NUL-terminated code). Throw invalid_argument naming `name`.
std::vector<std::string> string_list(const char* const* items, uint32_t count, const char* name);
core::Money money(const kam_money& m, const char* name);

}  // namespace kam::abi
