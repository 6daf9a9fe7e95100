// merged_sql.hpp - SQL fragments for the readers that count merged accounts under their golden
// account (docs/identity.md, "What counts under the golden account"): tier facts, complaints of an
// account, the tier listing.
#pragma once

#include <string>

namespace kam::store::detail {

// True for an account id `column` that is not merged into another account.
inline std::string not_merged(const std::string& column) {
  return "NOT EXISTS (SELECT 1 FROM account_merges mx WHERE mx.account_id = " + column + ")";
}

// True for rows of account `param` (a "$n") and of the accounts merged into it.
inline std::string of_account_and_merged(const std::string& column, const std::string& param) {
  return "(" + column + " = " + param + " OR " + column +
         " IN (SELECT account_id FROM account_merges WHERE golden_id = " + param + "))";
}

}  // namespace kam::store::detail
