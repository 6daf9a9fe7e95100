#include "store/database/transaction.hpp"

namespace kam::store::detail {

Transaction::Transaction(soci::session& sql, Backend backend) : sql_(sql) {
  sql_ << (backend == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  open_ = true;
}

Transaction::~Transaction() { rollback(); }

void Transaction::commit() {
  sql_ << "COMMIT";
  open_ = false;
}

void Transaction::rollback() noexcept {
  if (!open_) return;
  open_ = false;
  try {
    sql_ << "ROLLBACK";
  } catch (...) {
    // The connection is gone or the transaction already ended; the pool checks the connection
    // before it hands it out again.
  }
}

}  // namespace kam::store::detail
