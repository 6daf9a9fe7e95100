// input_string.hpp - the one check of every string a host passes in: strict UTF-8, a length bound
// per kind, and no control characters in ids and names (terminal and log injection); free texts
// may keep line breaks and tabs. The kinds and their bounds are kam.h's conventions.
#pragma once

#include <string>

namespace kam::abi {

enum class StringKind {
  id,      // account, order, complaint, request, visit, distributor, event and user ids; role names
  name,    // names, tier names, flags, regions, industries, departments, channels, source, ...
  reason,  // a reason kept in the audit trail; may hold '\n' and '\t'
  text,    // notes and texts; may hold '\n' and '\t'
};

// NULL becomes "" (and is an error when required). Throws invalid_argument naming `where`.
std::string input_string(const char* s, const char* where, StringKind kind, bool required);

// A required id argument (account_card's account_id, ...).
inline std::string id_arg(const char* s, const char* where) {
  return input_string(s, where, StringKind::id, true);
}

}  // namespace kam::abi
