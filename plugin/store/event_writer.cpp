// event_writer.cpp - EventWriter for accounts, distributors, orders and visits (complaints and
// service requests: event_writer_lifecycles.cpp).
#include "store/event_writer.hpp"

#include <variant>

#include "core/lifecycle/lifecycle.hpp"
#include "store/event_writer_support.hpp"
#include "store/json_columns.hpp"
#include "store/pg_bulk.hpp"

namespace kam::store::detail {

using soci::use;

EventWriter::EventWriter(soci::session& sql, Backend backend, int64_t received_at_ms,
                         const KnownIds* committed_accounts)
    : sql_(sql),
      backend_(backend),
      committed_accounts_(committed_accounts),
      received_at_ms_(received_at_ms) {}

ItemResult EventWriter::write(const core::Event& event) {
  event_id_ = event.event_id;
  at_ms_ = event.occurred_at_ms;
  return std::visit([this](const auto& payload) { return store(payload); }, event.payload);
}

bool EventWriter::account_exists(const std::string& account_id) {
  if (committed_accounts_ && committed_accounts_->contains(account_id)) return true;
  if (known_accounts_.count(account_id)) return true;
  if (absent_accounts_.count(account_id)) return false;
  if (!account_exists_) {
    account_exists_.emplace(
        (sql_.prepare << "SELECT 1 FROM accounts WHERE account_id = :account_id",
         soci::into(found_int_), use(key_, "account_id")));
  }
  key_ = account_id;
  if (!account_exists_->execute(true)) return false;
  known_accounts_.insert(account_id);
  return true;
}

void EventWriter::prefetch_accounts(const std::vector<BatchItem>& items) {
  std::unordered_set<std::string_view> wanted;
  PgArray ids;
  auto want = [&](const std::string& id) {
    if (committed_accounts_ && committed_accounts_->contains(id)) return;
    if (wanted.insert(id).second) ids.add(id);
  };
  for (const auto& item : items) {
    if (!item.event) continue;
    if (const auto* o = std::get_if<core::OrderPosted>(&item.event->payload)) want(o->account_id);
    if (const auto* v = std::get_if<core::VisitEvent>(&item.event->payload)) want(v->account_id);
  }
  if (ids.empty()) return;
  const PgResult found = pg_exec(
      sql_, "SELECT account_id FROM accounts WHERE account_id = ANY (CAST($1 AS text[]))",
      {&ids.literal()});
  for (int row = 0; row < found.rows(); ++row) {
    const std::string_view id = found.text(row, 0);
    known_accounts_.emplace(id);
    wanted.erase(id);
  }
  absent_accounts_ = std::move(wanted);
}

// --- accounts and distributors ---------------------------------------------------------------------

ItemResult EventWriter::store(const core::AccountUpserted& a) {
  if (!account_upsert_) {
    // The whole record each time; an older event arriving late does not overwrite a newer one.
    account_upsert_.emplace(
        (sql_.prepare << "INSERT INTO accounts (account_id, name, name_latin, tax_id, region,"
                         " industry, account_manager_id, distributor_id, flags, updated_at_ms,"
                         " last_event_id) VALUES (:account_id, :name, :name_latin, :tax_id,"
                         " :region, :industry, :account_manager_id, :distributor_id, :flags,"
                         " :updated_at_ms, :last_event_id)"
                         " ON CONFLICT (account_id) DO UPDATE SET name = excluded.name,"
                         " name_latin = excluded.name_latin, tax_id = excluded.tax_id,"
                         " region = excluded.region, industry = excluded.industry,"
                         " account_manager_id = excluded.account_manager_id,"
                         " distributor_id = excluded.distributor_id, flags = excluded.flags,"
                         " updated_at_ms = excluded.updated_at_ms,"
                         " last_event_id = excluded.last_event_id"
                         " WHERE excluded.updated_at_ms >= accounts.updated_at_ms",
         use(a_id_, "account_id"), use(a_name_, "name"), use(a_name_latin_, "name_latin"),
         use(a_tax_id_, "tax_id"), use(a_region_, "region"), use(a_industry_, "industry"),
         use(a_manager_, "account_manager_id"), use(a_distributor_, "distributor_id"),
         use(a_flags_, "flags"), use(at_ms_, "updated_at_ms"), use(event_id_, "last_event_id")));
  }
  a_id_ = a.account_id;
  a_name_ = a.name;
  a_name_latin_ = a.name_latin;
  a_tax_id_ = a.tax_id;
  a_region_ = a.region;
  a_industry_ = a.industry;
  a_manager_ = a.account_manager_id;
  a_distributor_ = a.distributor_id;
  a_flags_ = json_string_array(a.flags);
  account_upsert_->execute(true);
  if (!committed_accounts_ || !committed_accounts_->contains(a.account_id))
    known_accounts_.insert(a.account_id);
  return accepted_item();
}

ItemResult EventWriter::store(const core::DistributorUpserted& d) {
  if (!distributor_upsert_) {
    distributor_upsert_.emplace(
        (sql_.prepare << "INSERT INTO distributors (distributor_id, name, tax_id, level,"
                         " territories, industries, updated_at_ms, last_event_id)"
                         " VALUES (:distributor_id, :name, :tax_id, :level, :territories,"
                         " :industries, :updated_at_ms, :last_event_id)"
                         " ON CONFLICT (distributor_id) DO UPDATE SET name = excluded.name,"
                         " tax_id = excluded.tax_id, level = excluded.level,"
                         " territories = excluded.territories, industries = excluded.industries,"
                         " updated_at_ms = excluded.updated_at_ms,"
                         " last_event_id = excluded.last_event_id"
                         " WHERE excluded.updated_at_ms >= distributors.updated_at_ms",
         use(d_id_, "distributor_id"), use(d_name_, "name"), use(d_tax_id_, "tax_id"),
         use(d_level_, "level"), use(d_territories_, "territories"),
         use(d_industries_, "industries"), use(at_ms_, "updated_at_ms"),
         use(event_id_, "last_event_id")));
  }
  d_id_ = d.distributor_id;
  d_name_ = d.name;
  d_tax_id_ = d.tax_id;
  d_level_ = d.level;
  d_territories_ = json_string_array(d.territories);
  d_industries_ = json_string_array(d.industries);
  distributor_upsert_->execute(true);
  return accepted_item();
}

// --- orders ----------------------------------------------------------------------------------------

ItemResult EventWriter::store(const core::OrderPosted& o) {
  if (!account_exists(o.account_id)) return unknown_item("account", o.account_id, "account_upserted");
  o_id_ = o.order_id;
  if (backend_ == Backend::sqlite) {
    // Bound to the event's own strings (no copies); run() finishes with them before returning.
    if (!sqlite_order_insert_) {
      sqlite_order_insert_.emplace(
          sql_,
          "INSERT INTO orders (order_id, account_id, amount_minor, currency, margin_minor,"
          " document_type, order_date_ms, event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
          " ON CONFLICT (order_id) DO NOTHING");
    }
    SqliteStatement& insert = *sqlite_order_insert_;
    insert.bind(1, o.order_id);
    insert.bind(2, o.account_id);
    insert.bind(3, o.amount.minor_units);
    insert.bind(4, o.amount.currency);
    insert.bind(5, o.margin.minor_units);
    insert.bind(6, int64_t{o.document_type});
    insert.bind(7, at_ms_);
    insert.bind(8, event_id_);
    if (insert.run() == 1) return accepted_item();
  } else {
    if (!order_insert_) {
      order_insert_.emplace(
          (sql_.prepare << "INSERT INTO orders (order_id, account_id, amount_minor, currency,"
                           " margin_minor, document_type, order_date_ms, event_id)"
                           " VALUES (:order_id, :account_id, :amount_minor, :currency,"
                           " :margin_minor, :document_type, :order_date_ms, :event_id)"
                           " ON CONFLICT (order_id) DO NOTHING",
           use(o_id_, "order_id"), use(o_account_, "account_id"), use(o_amount_, "amount_minor"),
           use(o_currency_, "currency"), use(o_margin_, "margin_minor"),
           use(o_document_type_, "document_type"), use(at_ms_, "order_date_ms"),
           use(event_id_, "event_id")));
    }
    o_account_ = o.account_id;
    o_amount_ = o.amount.minor_units;
    o_currency_ = o.amount.currency;
    o_margin_ = o.margin.minor_units;
    o_document_type_ = o.document_type;
    order_insert_->execute(true);
    if (order_insert_->get_affected_rows() == 1) return accepted_item();
  }

  if (!order_owner_) {
    order_owner_.emplace((sql_.prepare << "SELECT event_id FROM orders WHERE order_id = :order_id",
                          soci::into(found_text_, found_ind_), use(o_id_, "order_id")));
  }
  order_owner_->execute(true);
  return rejected_item(Status::conflict, "order '" + o.order_id + "' was already posted by event '" +
                                        found_text_ + "'");
}

ItemResult EventWriter::store(const core::OrderCancelled& c) {
  if (!order_cancel_) {
    // The first cancellation counts; a later one for the same order changes nothing.
    order_cancel_.emplace(
        (sql_.prepare << "UPDATE orders SET cancelled_at_ms = :cancelled_at_ms,"
                         " cancel_reason = :cancel_reason, cancel_event_id = :cancel_event_id"
                         " WHERE order_id = :order_id AND cancelled_at_ms IS NULL",
         use(at_ms_, "cancelled_at_ms"), use(o_reason_, "cancel_reason"),
         use(event_id_, "cancel_event_id"), use(o_id_, "order_id")));
  }
  o_id_ = c.order_id;
  o_reason_ = c.reason;
  order_cancel_->execute(true);
  if (order_cancel_->get_affected_rows() == 1) {
    cancelled_orders_.push_back(c.order_id);
    return accepted_item();
  }

  if (!order_exists_) {
    order_exists_.emplace((sql_.prepare << "SELECT 1 FROM orders WHERE order_id = :order_id",
                           soci::into(found_int_), use(o_id_, "order_id")));
  }
  if (order_exists_->execute(true)) return accepted_item();  // cancelled before
  return unknown_item("order", c.order_id, "order_posted");
}

// --- visits ----------------------------------------------------------------------------------------

ItemResult EventWriter::store(const core::VisitEvent& v) {
  if (!account_exists(v.account_id)) return unknown_item("account", v.account_id, "account_upserted");
  if (!visit_upsert_) {
    // The times the event records (core/lifecycle) are kept; the status follows the newest event.
    visit_upsert_.emplace(
        (sql_.prepare
             << "INSERT INTO visits (visit_id, account_id, employee_id, status, planned_for_ms,"
                " completed_at_ms, cancelled_at_ms, notes, updated_at_ms, last_event_id)"
                " VALUES (:visit_id, :account_id, :employee_id, :status, :planned_for_ms,"
                " :completed_at_ms, :cancelled_at_ms, :notes, :updated_at_ms, :last_event_id)"
                " ON CONFLICT (visit_id) DO UPDATE SET"
                " planned_for_ms = COALESCE(excluded.planned_for_ms, visits.planned_for_ms),"
                " completed_at_ms = COALESCE(excluded.completed_at_ms, visits.completed_at_ms),"
                " cancelled_at_ms = COALESCE(excluded.cancelled_at_ms, visits.cancelled_at_ms),"
                " notes = CASE WHEN excluded.notes <> '' THEN excluded.notes ELSE visits.notes END,"
                " employee_id = CASE WHEN excluded.updated_at_ms >= visits.updated_at_ms"
                " THEN excluded.employee_id ELSE visits.employee_id END,"
                " status = CASE WHEN excluded.updated_at_ms >= visits.updated_at_ms"
                " THEN excluded.status ELSE visits.status END,"
                " last_event_id = CASE WHEN excluded.updated_at_ms >= visits.updated_at_ms"
                " THEN excluded.last_event_id ELSE visits.last_event_id END,"
                " updated_at_ms = CASE WHEN excluded.updated_at_ms >= visits.updated_at_ms"
                " THEN excluded.updated_at_ms ELSE visits.updated_at_ms END",
         use(v_id_, "visit_id"), use(v_account_, "account_id"), use(v_employee_, "employee_id"),
         use(v_status_, "status"), use(v_planned_, v_planned_ind_, "planned_for_ms"),
         use(v_completed_, v_completed_ind_, "completed_at_ms"),
         use(v_cancelled_, v_cancelled_ind_, "cancelled_at_ms"), use(v_notes_, "notes"),
         use(at_ms_, "updated_at_ms"), use(event_id_, "last_event_id")));
  }
  v_id_ = v.visit_id;
  v_account_ = v.account_id;
  v_employee_ = v.employee_id;
  v_status_ = v.status;
  v_notes_ = v.notes;
  v_planned_plain_ = v.planned_for_ms;
  const core::lifecycle::VisitChange change =
      core::lifecycle::visit_change(static_cast<core::VisitStatus>(v.status), v.planned_for_ms, at_ms_);
  const auto bind_time = [](const std::optional<int64_t>& t, int64_t& value, soci::indicator& ind) {
    value = t.value_or(0);
    ind = t ? soci::i_ok : soci::i_null;
  };
  bind_time(change.planned_for_ms, v_planned_, v_planned_ind_);
  bind_time(change.completed_at_ms, v_completed_, v_completed_ind_);
  bind_time(change.cancelled_at_ms, v_cancelled_, v_cancelled_ind_);
  visit_upsert_->execute(true);

  if (!visit_event_) {
    visit_event_.emplace(
        (sql_.prepare << "INSERT INTO visit_events (event_id, visit_id, account_id, employee_id,"
                         " status, planned_for_ms, notes, occurred_at_ms, received_at_ms) VALUES"
                         " (:event_id, :visit_id, :account_id, :employee_id, :status,"
                         " :planned_for_ms, :notes, :occurred_at_ms, :received_at_ms)",
         use(event_id_, "event_id"), use(v_id_, "visit_id"), use(v_account_, "account_id"),
         use(v_employee_, "employee_id"), use(v_status_, "status"),
         use(v_planned_plain_, "planned_for_ms"), use(v_notes_, "notes"),
         use(at_ms_, "occurred_at_ms"), use(received_at_ms_, "received_at_ms")));
  }
  visit_event_->execute(true);
  return accepted_item();
}

}  // namespace kam::store::detail
