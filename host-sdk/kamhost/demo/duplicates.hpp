// duplicates.hpp - the demo company's duplicate master records: one company held under several
// account ids and spellings (Chinese with brackets or a region prefix, Traditional, English), the
// same brand in another city that is another company, and a corrupted tax id, each with orders, as
// JSON lines `kamhost import` reads after the portfolio (`kamhost accounts duplicates` then finds
// them; a merge makes their orders count as one account's). Fixed, not random.
#pragma once

#include <cstdint>
#include <ostream>

namespace kamhost::demo {

struct DuplicatesSummary {
  uint64_t accounts = 0, orders = 0;
};

// Orders fall in the 30 days before end_ms (UTC epoch ms).
DuplicatesSummary write_duplicates(int64_t end_ms, const char* currency, std::ostream& out);

}  // namespace kamhost::demo
