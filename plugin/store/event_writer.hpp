// event_writer.hpp - the domain checks and writes for one new ERP event (its id already claimed, see
// event_claims.hpp), inside the batch's open transaction.
//
// A check that fails (an order for an unknown account, a step of an unknown complaint, ...) returns a
// rejection before anything is written, so a rejected event leaves nothing behind. Unique keys are
// written with INSERT ... ON CONFLICT DO NOTHING and checked through affected rows, because on
// PostgreSQL a unique violation would abort the whole batch.
//
// Every statement is prepared once per batch and re-executed with new values bound to members
// (`sql << ...` per row re-prepares and is several times slower). On SQLite the order insert, run
// once per order event, binds the event's own strings on the raw handle (sqlite_statement.hpp).
// On PostgreSQL, ingest.cpp normally hands orders to BulkOrders instead of store(OrderPosted).
#pragma once

#include <soci/soci.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/events.hpp"
#include "store/backend.hpp"
#include "store/known_ids.hpp"
#include "store/sqlite_statement.hpp"
#include "store/store.hpp"

namespace kam::store::detail {

class EventWriter {
 public:
  // `committed_accounts`: accounts known to be committed (may be null); asked before the database.
  EventWriter(soci::session& sql, Backend backend, int64_t received_at_ms,
              const KnownIds* committed_accounts);
  EventWriter(const EventWriter&) = delete;
  EventWriter& operator=(const EventWriter&) = delete;

  // Accepted (stored) or rejected (nothing stored).
  ItemResult write(const core::Event& event);

  // Whether the account is stored (before this batch, or upserted by it so far).
  bool account_exists(const std::string& account_id);

  // PostgreSQL: looks up, with one query, the accounts the batch's orders and visits name that
  // committed_accounts does not know, so account_exists() needs no round trip for them.
  void prefetch_accounts(const std::vector<BatchItem>& items);

  // Accounts this batch found in the database or upserted that `committed_accounts` did not know:
  // once the batch has committed, they may be added to it.
  const std::unordered_set<std::string>& learned_accounts() const { return known_accounts_; }

  // Orders this batch cancelled (the first cancellation of each), for the order-day totals.
  const std::vector<std::string>& cancelled_orders() const { return cancelled_orders_; }

 private:
  ItemResult store(const core::AccountUpserted& a);
  ItemResult store(const core::OrderPosted& o);
  ItemResult store(const core::OrderCancelled& c);
  ItemResult store(const core::ComplaintEvent& c);
  ItemResult store(const core::ServiceRequestEvent& s);
  ItemResult store(const core::VisitEvent& v);
  ItemResult store(const core::DistributorUpserted& d);
  ItemResult store(const core::EmployeeEvent& e);  // 1.3; written once schema v4 has its table

  soci::statement& complaint_update(int32_t action);
  soci::statement& service_update(int32_t action);

  soci::session& sql_;
  const Backend backend_;
  const KnownIds* committed_accounts_;
  // Accounts seen in this transaction (stored before or upserted in it) that committed_accounts_
  // did not know; accounts are never deleted.
  std::unordered_set<std::string> known_accounts_;
  // Accounts prefetch_accounts() did not find (unless upserted since: known_accounts_ comes first).
  std::unordered_set<std::string_view> absent_accounts_;
  std::vector<std::string> cancelled_orders_;

  // --- values bound to the statements ---------------------------------------------------------
  // the current event
  std::string event_id_;
  int64_t received_at_ms_ = 0, at_ms_ = 0;
  // lookups
  std::string key_;
  int found_int_ = 0;
  std::string found_text_;
  soci::indicator found_ind_ = soci::i_ok;
  // accounts / distributors
  std::string a_id_, a_name_, a_name_latin_, a_tax_id_, a_region_, a_industry_, a_manager_,
      a_distributor_, a_flags_;
  std::string d_id_, d_name_, d_tax_id_, d_level_, d_territories_, d_industries_;
  // orders
  std::string o_id_, o_account_, o_currency_, o_reason_;
  int64_t o_amount_ = 0, o_margin_ = 0;
  int32_t o_document_type_ = 0;
  // complaints and service requests (shared where the columns mean the same)
  std::string c_id_, c_account_, c_employee_, c_department_, c_to_employee_, c_to_department_,
      c_channel_, c_category_, c_text_, c_state_, c_assignee_;
  std::string c_next_state_;  // the status / state the step leaves (core/lifecycle)
  int32_t c_action_ = 0, c_severity_ = 0;
  // visits
  std::string v_id_, v_account_, v_employee_, v_notes_;
  int32_t v_status_ = 0;
  int64_t v_planned_ = 0, v_completed_ = 0, v_cancelled_ = 0, v_planned_plain_ = 0;
  soci::indicator v_planned_ind_ = soci::i_null, v_completed_ind_ = soci::i_null,
                  v_cancelled_ind_ = soci::i_null;

  // --- statements, prepared on first use ------------------------------------------------------
  std::optional<soci::statement> account_exists_;
  std::optional<soci::statement> account_upsert_, distributor_upsert_;
  std::optional<soci::statement> order_insert_, order_owner_, order_cancel_, order_exists_;
  std::optional<SqliteStatement> sqlite_order_insert_;  // SQLite: the per-order statement, raw
  std::optional<soci::statement> complaint_open_, complaint_event_, complaint_opener_;
  std::array<std::optional<soci::statement>, 8> complaint_updates_;
  std::optional<soci::statement> service_open_, service_event_, service_opener_;
  std::array<std::optional<soci::statement>, 6> service_updates_;
  std::optional<soci::statement> visit_upsert_, visit_event_;
};

}  // namespace kam::store::detail
