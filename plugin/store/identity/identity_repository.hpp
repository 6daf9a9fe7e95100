// identity_repository.hpp - account identity in the database (docs/identity.md): each account's
// prepared names and blocking keys (kept current by ingestion's account writer; written for older
// accounts when the store opens), candidate accounts for a name, the whole base for duplicate
// clusters, and merges into golden accounts (audited, reversible).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/identity/merge_plan.hpp"
#include "core/identity/record.hpp"

namespace kam::store {

class Database;

// One stored account with its spellings prepared (its name, then its Latin name when given).
struct IdentityAccount {
  std::string account_id;
  std::vector<core::identity::Record> records;
  std::string merged_into;  // its golden account, or empty
};

// Every account that is not merged into another, with its blocking keys (duplicates).
struct IdentityBase {
  std::vector<IdentityAccount> accounts;       // account id byte order
  std::vector<std::vector<std::string>> keys;  // per account, from account_identity_keys
};

struct StoredMerge {
  std::string account_id, golden_id, merged_by, reason;
  int64_t merged_at_ms = 0;
};

struct MergeResult {
  std::string golden_id;
  core::identity::MergePlan plan;
  int64_t audit_id = 0;
};

class IdentityRepository {
 public:
  explicit IdentityRepository(Database& database) : db_(database) {}

  // Writes the identity rows and keys of accounts that have none (a database migrated from before
  // schema 5), in chunks of their own transactions; returns how many.
  uint64_t backfill();

  // The accounts holding one of `keys`; a key held by more than max_block accounts is used only if it
  // is a tax id ("t:") or a whole trade name ("e:"), and then for its first 10 x max_block accounts.
  std::vector<IdentityAccount> candidates(const std::vector<std::string>& keys, size_t max_block);
  // The accounts, by id (unknown ones are left out).
  std::vector<IdentityAccount> accounts(const std::vector<std::string>& account_ids);
  IdentityBase base();

  std::optional<StoredMerge> merge_of(const std::string& account_id);
  std::vector<StoredMerge> members_of(const std::string& golden_id);

  // Applies core::identity::plan_merge in one transaction with its audit entry ("accounts.merge").
  // Throws what plan_merge throws.
  MergeResult merge(const std::string& golden_id, const std::vector<std::string>& account_ids,
                    const std::string& reason, const core::Actor& actor, int64_t now_ms);
  // Ends one account's merge, audited ("accounts.unmerge", the merge in before_json). Throws
  // not_found (unknown account) and conflict (not merged).
  StoredMerge unmerge(const std::string& account_id, const std::string& reason, const core::Actor& actor,
                      int64_t now_ms);

 private:
  Database& db_;
};

}  // namespace kam::store
