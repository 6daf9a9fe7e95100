// deals_repository.cpp - DealsRepository: reads through Cursor, writes through RepeatedWrite, every
// change with its audit entry and notifications in one transaction.
#include "store/distributors/deals_repository.hpp"

#include <algorithm>
#include <set>

#include <soci/soci.h>

#include "core/error.hpp"
#include "core/fnv1a.hpp"
#include "store/audit/audit_sql.hpp"
#include "store/cursor.hpp"
#include "store/database/database.hpp"
#include "store/jobs/settings.hpp"
#include "store/json_columns.hpp"
#include "store/outbox/outbox_sql.hpp"
#include "store/read_snapshot.hpp"

namespace kam::store {

using detail::Backend;
using detail::Cursor;
using detail::CursorParam;
using detail::RepeatedWrite;
using detail::WriteParam;
using detail::json_string_array;
using detail::parse_json_string_array;

namespace {

constexpr size_t kChunk = 200;

constexpr const char* kDealColumns =
    "SELECT registration_id, distributor_id, level, customer_name, customer_name_latin, tax_id, region, industry,"
    " product_lines, amount_minor, currency, amount_reporting_minor, discount_bp, expected_close_ms, notes, decision,"
    " status, reasons_json, conflict, matched_account_id, registered_at_ms, registered_by, protected_until_ms,"
    " reviewed_at_ms, reviewed_by, review_reason, expired_at_ms FROM deal_registrations";

StoredDeal deal_at(const Cursor& c) {
  StoredDeal d;
  d.registration_id = c.text_at(0);
  d.distributor_id = c.text_at(1);
  d.level = c.text_at(2);
  d.customer_name = c.text_at(3);
  d.customer_name_latin = c.text_at(4);
  d.tax_id = c.text_at(5);
  d.region = c.text_at(6);
  d.industry = c.text_at(7);
  d.product_lines = parse_json_string_array(std::string(c.text_at(8)));
  d.amount_minor = c.int64_at(9);
  d.currency = c.text_at(10);
  d.amount_reporting_minor = c.int64_at(11);
  d.discount_bp = c.int64_at(12);
  d.expected_close_ms = c.int64_at(13);
  d.notes = c.text_at(14);
  d.decision = c.text_at(15);
  d.status = c.text_at(16);
  d.reasons_json = c.text_at(17);
  d.conflict = c.int64_at(18) != 0;
  d.matched_account_id = c.text_at(19);
  d.registered_at_ms = c.int64_at(20);
  d.registered_by = c.text_at(21);
  d.protected_until_ms = detail::optional_int64_at(c, 22);
  d.reviewed_at_ms = detail::optional_int64_at(c, 23);
  d.reviewed_by = c.text_at(24);
  d.review_reason = c.text_at(25);
  d.expired_at_ms = detail::optional_int64_at(c, 26);
  return d;
}

std::optional<StoredDeal> find_deal(soci::session& sql, Backend backend, const std::string& id) {
  Cursor c(sql, backend, std::string(kDealColumns) + " WHERE registration_id = $1", {id});
  if (!c.next()) return std::nullopt;
  return deal_at(c);
}

// The signed 64-bit advisory lock key of a name ("deal-customer:KEY", "deal-distributor:ID").
int64_t lock_key(const std::string& name) {
  core::Fnv1a64 f;
  f.bytes(name);
  return static_cast<int64_t>(f.value());
}

class TransactionReads final : public DealDecisionReads {
 public:
  TransactionReads(soci::session& sql, Backend backend) : sql_(sql), backend_(backend) {}

  std::optional<StoredDeal> find(const std::string& registration_id) override {
    return find_deal(sql_, backend_, registration_id);
  }

  std::vector<StoredDeal> holding(const std::vector<std::string>& keys, int64_t now_ms) override {
    std::set<std::string> ids;
    detail::in_chunks(keys, kChunk, [&](const std::string& list, std::vector<CursorParam> params) {
      const std::string now_param = "$" + std::to_string(params.size() + 1);
      params.emplace_back(now_ms);
      Cursor c(sql_, backend_,
               "SELECT DISTINCT k.registration_id FROM deal_registration_keys k JOIN deal_registrations r"
               " ON r.registration_id = k.registration_id WHERE k.block_key IN (" +
                   list + ") AND r.status IN ('approved', 'needs_review') AND r.protected_until_ms > " + now_param,
               std::move(params));
      while (c.next()) ids.emplace(c.text_at(0));
    });
    std::vector<StoredDeal> out;
    for (const std::string& id : ids)
      if (std::optional<StoredDeal> d = find(id)) out.push_back(std::move(*d));
    std::sort(out.begin(), out.end(), [](const StoredDeal& a, const StoredDeal& b) {
      return std::tie(a.registered_at_ms, a.registration_id) < std::tie(b.registered_at_ms, b.registration_id);
    });
    return out;
  }

  int64_t counted_since(const std::string& distributor_id, int64_t from_ms) override {
    Cursor c(sql_, backend_,
             "SELECT COUNT(*) FROM deal_registrations WHERE distributor_id = $1 AND registered_at_ms >= $2"
             " AND status <> 'rejected'",
             {distributor_id, from_ms});
    return c.next() ? c.int64_at(0) : 0;
  }

 private:
  soci::session& sql_;
  Backend backend_;
};

void insert_deal(soci::session& sql, Backend backend, const StoredDeal& d) {
  RepeatedWrite insert(
      sql, backend,
      "INSERT INTO deal_registrations (registration_id, distributor_id, level, customer_name, customer_name_latin,"
      " tax_id, region, industry, product_lines, amount_minor, currency, amount_reporting_minor, discount_bp,"
      " expected_close_ms, notes, decision, status, reasons_json, conflict, matched_account_id, registered_at_ms,"
      " registered_by, protected_until_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
      " $16, $17, $18, $19, $20, $21, $22, $23)");
  insert.run({d.registration_id, d.distributor_id, d.level, d.customer_name, d.customer_name_latin, d.tax_id, d.region,
              d.industry, json_string_array(d.product_lines), d.amount_minor, d.currency, d.amount_reporting_minor,
              d.discount_bp, d.expected_close_ms, d.notes, d.decision, d.status, d.reasons_json,
              int64_t{d.conflict ? 1 : 0}, d.matched_account_id, d.registered_at_ms, d.registered_by,
              detail::optional_param(d.protected_until_ms)});
}

}  // namespace

std::optional<StoredDistributor> DealsRepository::distributor(const std::string& distributor_id) {
  std::optional<StoredDistributor> out;
  db_.with_session("reading a distributor", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(),
             "SELECT distributor_id, name, tax_id, level, territories, industries FROM distributors"
             " WHERE distributor_id = $1",
             {distributor_id});
    if (!c.next()) return;
    out = StoredDistributor{std::string(c.text_at(0)), std::string(c.text_at(1)),
                            std::string(c.text_at(2)), std::string(c.text_at(3)),
                            parse_json_string_array(std::string(c.text_at(4))),
                            parse_json_string_array(std::string(c.text_at(5)))};
  });
  return out;
}

std::vector<HouseCandidate> DealsRepository::house_candidates(const std::vector<std::string>& account_ids) {
  std::vector<HouseCandidate> out;
  if (account_ids.empty()) return out;
  db_.with_session("reading matched accounts", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    detail::in_chunks(account_ids, kChunk, [&](const std::string& list, std::vector<CursorParam> params) {
      Cursor c(sql, db_.backend(),
               "SELECT a.account_id, a.name, COALESCE(t.effective_tier, ''), a.distributor_id, a.account_manager_id,"
               " COALESCE(t.churn_level, 0)"
               " FROM accounts a LEFT JOIN tier_state t ON t.account_id = a.account_id WHERE a.account_id IN (" +
                   list + ")",
               std::move(params));
      while (c.next())
        out.push_back(HouseCandidate{std::string(c.text_at(0)), std::string(c.text_at(1)), std::string(c.text_at(2)),
                                     std::string(c.text_at(3)), std::string(c.text_at(4)),
                                     static_cast<int32_t>(c.int64_at(5))});
    });
  });
  return out;
}

std::optional<StoredDeal> DealsRepository::deal(const std::string& registration_id) {
  std::optional<StoredDeal> out;
  db_.with_session("reading a deal registration", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    out = find_deal(sql, db_.backend(), registration_id);
  });
  return out;
}

StoredDeal DealsRepository::register_deal(const std::vector<std::string>& keys, const std::string& distributor_id,
                                          const std::function<DealInsert(DealDecisionReads&)>& decide) {
  StoredDeal out;
  db_.write_transaction("registering a deal", [&](soci::session& sql) {
    if (db_.backend() == Backend::postgresql) {
      // One order for every host (sorted keys), so two deciders never wait on each other in a cycle.
      std::set<int64_t> locks{lock_key("deal-distributor:" + distributor_id)};
      for (const std::string& k : keys) locks.insert(lock_key("deal-customer:" + k));
      for (const int64_t key : locks) sql << "SELECT pg_advisory_xact_lock(" << key << ")";
    }
    TransactionReads reads(sql, db_.backend());
    DealInsert insert = decide(reads);
    if (insert.existing) {
      out = std::move(*insert.existing);
      return;
    }
    insert_deal(sql, db_.backend(), insert.row);
    RepeatedWrite key_write(sql, db_.backend(),
                            "INSERT INTO deal_registration_keys (block_key, registration_id) VALUES ($1, $2)"
                            " ON CONFLICT DO NOTHING");
    for (const std::string& k : std::set<std::string>(insert.keys.begin(), insert.keys.end()))
      key_write.run({k, insert.row.registration_id});
    detail::append_audit(sql, insert.audit);
    for (const Notification& n : insert.notifications) detail::enqueue_notification(sql, n);
    out = insert.row;
  });
  return out;
}

StoredDeal DealsRepository::review(const std::string& registration_id, const DealReview& review) {
  StoredDeal out;
  db_.write_transaction("reviewing a deal registration", [&](soci::session& sql) {
    if (db_.backend() == Backend::postgresql)
      sql << "SELECT pg_advisory_xact_lock(" << lock_key("deal-registration:" + registration_id) << ")";
    std::optional<StoredDeal> d = find_deal(sql, db_.backend(), registration_id);
    if (!d) throw Error(Status::not_found, "distributors.deal_review: unknown registration '" + registration_id + "'");
    if (d->status != "needs_review")
      throw Error(Status::conflict, "distributors.deal_review: registration '" + registration_id + "' is " +
                                        d->status + ", not in review");
    const StoredDeal before = *d;
    d->status = review.approve ? "approved" : "rejected";
    d->reviewed_at_ms = review.now_ms;
    d->reviewed_by = review.actor.user_id;
    d->review_reason = review.reason;
    d->protected_until_ms = review.approve ? std::optional<int64_t>(review.protected_until_ms) : std::nullopt;
    RepeatedWrite update(sql, db_.backend(),
                         "UPDATE deal_registrations SET status = $1, reviewed_at_ms = $2, reviewed_by = $3,"
                         " review_reason = $4, protected_until_ms = $5 WHERE registration_id = $6"
                         " AND status = 'needs_review'");
    update.run({d->status, review.now_ms, d->reviewed_by, d->review_reason, detail::optional_param(d->protected_until_ms),
                registration_id});
    AuditEntry a;
    a.at_ms = review.now_ms;
    a.user_id = review.actor.user_id;
    a.roles = review.actor.roles;
    a.action = "deals.review";
    a.entity_type = "deal_registration";
    a.entity_id = registration_id;
    a.before_json = "{\"status\":\"needs_review\"}";
    a.after_json = std::string("{\"status\":\"") + d->status + "\"}";
    detail::append_audit(sql, a);
    out = *d;
  });
  return out;
}

std::vector<StoredDeal> DealsRepository::expire(int64_t now_ms,
                                                const std::function<Notification(const StoredDeal&)>& notify,
                                                const std::string& completes_job) {
  std::vector<StoredDeal> out;
  db_.write_transaction("expiring deal registrations", [&](soci::session& sql) {
    out.clear();
    std::vector<StoredDeal> due;
    {
      Cursor c(sql, db_.backend(),
               std::string(kDealColumns) +
                   " WHERE status IN ('approved', 'needs_review') AND protected_until_ms <= $1"
                   " ORDER BY protected_until_ms, registration_id",
               {now_ms});
      while (c.next()) due.push_back(deal_at(c));
    }
    RepeatedWrite update(sql, db_.backend(),
                         "UPDATE deal_registrations SET status = 'expired', expired_at_ms = $1"
                         " WHERE registration_id = $2 AND status IN ('approved', 'needs_review')");
    for (StoredDeal& d : due) {
      if (update.run({now_ms, d.registration_id}) == 0) continue;  // another host expired it first
      d.status = "expired";
      d.expired_at_ms = now_ms;
      detail::enqueue_notification(sql, notify(d));
      out.push_back(std::move(d));
    }
    if (!completes_job.empty()) detail::record_job_run(sql, completes_job, now_ms);
  });
  return out;
}

std::vector<StoredDeal> DealsRepository::scan(const DealScan& scan) {
  std::vector<StoredDeal> out;
  db_.with_session("reading deal registrations", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    std::string query = std::string(kDealColumns) + " WHERE registered_at_ms >= $1";
    std::vector<CursorParam> params{scan.from_ms};
    auto param = [&](CursorParam p) {
      params.push_back(std::move(p));
      return "$" + std::to_string(params.size());
    };
    if (scan.to_ms > 0) query += " AND registered_at_ms < " + param(scan.to_ms);
    if (!scan.distributor_id.empty()) query += " AND distributor_id = " + param(scan.distributor_id);
    if (!scan.status.empty()) query += " AND status = " + param(scan.status);
    if (scan.conflicts_only) query += " AND conflict = 1";
    const char* op = scan.oldest_first ? ">" : "<";
    if (scan.after) {
      const std::string at = param(scan.after->first), id = param(scan.after->second);
      query += " AND (registered_at_ms " + std::string(op) + " " + at + " OR (registered_at_ms = " + at +
               " AND registration_id " + op + " " + id + "))";
    }
    const char* order = scan.oldest_first ? " ASC" : " DESC";
    query += std::string(" ORDER BY registered_at_ms") + order + ", registration_id" + order;
    if (scan.limit > 0) query += " LIMIT " + std::to_string(scan.limit);
    Cursor c(sql, db_.backend(), query, params);
    while (c.next()) out.push_back(deal_at(c));
  });
  return out;
}

}  // namespace kam::store
