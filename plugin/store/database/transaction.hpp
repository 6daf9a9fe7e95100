// transaction.hpp - a write transaction that takes the write lock up front and rolls back unless
// committed.
//
// SQLite: BEGIN IMMEDIATE, so two writers never both read and then fail to upgrade (SQLITE_BUSY in the
// middle of a batch); busy_timeout makes the second one wait. PostgreSQL: plain BEGIN (READ COMMITTED);
// row locks and ON CONFLICT handle concurrent writers. soci::transaction is not used because it
// cannot say IMMEDIATE.
#pragma once

#include <soci/soci.h>

#include "store/database/backend.hpp"

namespace kam::store::detail {

class Transaction {
 public:
  Transaction(soci::session& sql, Backend backend);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();  // rolls back if still open; never throws

  void commit();
  void rollback() noexcept;
  bool open() const { return open_; }

 private:
  soci::session& sql_;
  bool open_ = false;
};

}  // namespace kam::store::detail
