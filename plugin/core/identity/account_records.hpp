// account_records.hpp - the records of one account (its name, and its Latin name as a second
// spelling of the same company when given), prepared with the process's one Preparer: built on first
// use (~100 ms: the tables, OpenCC, ICU's transliterator), immutable afterwards, so that any thread
// of the store and the use cases may share it.
#pragma once

#include <string>
#include <vector>

#include "core/identity/record.hpp"

namespace kam::core::identity {

const Preparer& shared_preparer();

std::vector<Record> prepare_account(const std::string& name, const std::string& name_latin, const std::string& tax_id);

}  // namespace kam::core::identity
