// event_convert.hpp - turns the host's kam_event_* structs into core::Event values, checking each
// struct's size and kind, every pointer and every string's UTF-8. A problem rejects that one item
// (it becomes a store::BatchItem with an early rejection), never the whole call.
#pragma once

#include "kam/kam.h"
#include "store/ingestion/ingestion_repository.hpp"

namespace kam::abi {

store::BatchItem convert_event(const kam_event_header* header);

}  // namespace kam::abi
