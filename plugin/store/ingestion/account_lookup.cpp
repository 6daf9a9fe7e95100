// account_lookup.cpp - AccountLookup: memory first, then one prepared lookup per unknown account.
#include "store/ingestion/account_lookup.hpp"

#include <soci/soci.h>

#include <variant>

#include "store/pg_bulk.hpp"

namespace kam::store::detail {

AccountLookup::AccountLookup(soci::session& sql, const KnownIds* committed_accounts)
    : sql_(sql), committed_(committed_accounts) {}

AccountLookup::~AccountLookup() = default;

bool AccountLookup::exists(const std::string& account_id) {
  if (committed_ && committed_->contains(account_id)) return true;
  if (known_.count(account_id)) return true;
  if (absent_.count(account_id)) return false;
  if (!exists_) {
    exists_ = std::make_unique<soci::statement>(
        (sql_.prepare << "SELECT 1 FROM accounts WHERE account_id = :account_id", soci::into(found_),
         soci::use(key_, "account_id")));
  }
  key_ = account_id;
  if (!exists_->execute(true)) return false;
  known_.insert(account_id);
  return true;
}

void AccountLookup::upserted(const std::string& account_id) {
  if (!committed_ || !committed_->contains(account_id)) known_.insert(account_id);
}

void AccountLookup::prefetch(const std::vector<BatchItem>& items) {
  std::unordered_set<std::string_view> wanted;
  PgArray ids;
  auto want = [&](const std::string& id) {
    if (committed_ && committed_->contains(id)) return;
    if (wanted.insert(id).second) ids.add(id);
  };
  for (const auto& item : items) {
    if (!item.event) continue;
    if (const auto* o = std::get_if<core::OrderPosted>(&item.event->payload)) want(o->account_id);
    if (const auto* v = std::get_if<core::VisitEvent>(&item.event->payload)) want(v->account_id);
  }
  if (ids.empty()) return;
  const PgResult found =
      pg_exec(sql_, "SELECT account_id FROM accounts WHERE account_id = ANY (CAST($1 AS text[]))", {&ids.literal()});
  for (int row = 0; row < found.rows(); ++row) {
    const std::string_view id = found.text(row, 0);
    known_.emplace(id);
    wanted.erase(id);
  }
  absent_ = std::move(wanted);
}

}  // namespace kam::store::detail
