// account_lookup.hpp - whether an account exists, asked by the order and visit writers of a batch:
// the store's memory of committed accounts first, then what this batch upserted or found, then the
// database (one prepared lookup; on PostgreSQL one query for the whole batch beforehand).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "store/ingestion/ingestion_repository.hpp"
#include "store/ingestion/known_ids.hpp"

namespace soci {
class session;
class statement;
}

namespace kam::store::detail {

class AccountLookup {
 public:
  // `committed_accounts`: accounts known to be committed (may be null); asked before the database.
  AccountLookup(soci::session& sql, const KnownIds* committed_accounts);
  ~AccountLookup();
  AccountLookup(const AccountLookup&) = delete;
  AccountLookup& operator=(const AccountLookup&) = delete;

  // Whether the account is stored (before this batch, or upserted by it so far).
  bool exists(const std::string& account_id);
  // The batch upserted this account.
  void upserted(const std::string& account_id);

  // PostgreSQL: looks up, with one query, the accounts the batch's orders and visits name that
  // committed_accounts does not know, so exists() needs no round trip for them.
  void prefetch(const std::vector<BatchItem>& items);

  // Accounts this batch found in the database or upserted that `committed_accounts` did not know:
  // once the batch has committed, they may be added to it.
  const std::unordered_set<std::string>& learned() const { return known_; }

 private:
  soci::session& sql_;
  const KnownIds* committed_;
  // Accounts seen in this transaction (stored before or upserted in it) that committed_ did not
  // know; accounts are never deleted.
  std::unordered_set<std::string> known_;
  // Accounts prefetch() did not find (unless upserted since: known_ comes first).
  std::unordered_set<std::string_view> absent_;
  std::string key_;
  int found_ = 0;
  std::unique_ptr<soci::statement> exists_;  // prepared on first use
};

}  // namespace kam::store::detail
