// identity_rows.hpp - an account spelling's prepared record (core/identity/record.hpp) as a row of
// account_identity and back, and IdentityWriter: what the account writer calls on every stored
// account (prepared with core/identity/account_records.hpp) so that its identity rows and blocking
// keys stay current.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

#include "core/identity/record.hpp"
#include "store/cursor.hpp"
#include "store/database/backend.hpp"

namespace kam::store::detail {

// account_identity's columns, in the order identity_params and read_record use.
inline constexpr const char* kIdentityColumns =
    "account_id, spelling, name, canonical, script, brand, industry, region, region_code, region_how, legal_form,"
    " legal_class, legal_family, is_group, is_branch, branch_name, latin, match_key, tax_id, tax_id_status,"
    " tax_id_problem";
inline constexpr int kIdentityColumnCount = 21;

std::vector<WriteParam> identity_params(const std::string& account_id, int32_t spelling,
                                        const core::identity::Record& r);
// The record whose columns (kIdentityColumns from `name` on) start at column `first`.
core::identity::Record read_record(const Cursor& c, int first);

// Rewrites one account's identity rows and keys (a few prepared statements, reused for a batch).
class IdentityWriter {
 public:
  IdentityWriter(soci::session& sql, Backend backend);
  ~IdentityWriter();
  IdentityWriter(const IdentityWriter&) = delete;
  IdentityWriter& operator=(const IdentityWriter&) = delete;

  void write(const std::string& account_id, const std::string& name, const std::string& name_latin,
             const std::string& tax_id);

 private:
  Backend backend_;
  RepeatedWrite delete_keys_, delete_rows_, insert_row_, insert_keys_;
};

}  // namespace kam::store::detail
