// deals_repository.hpp - deal registrations in the database (docs/distributors.md): the distributors
// ingestion keeps, the direct accounts a customer may be (house accounts), each registration with its
// decision and reasons, decided and stored in one write transaction that is serialised per customer
// and per distributor (PostgreSQL: advisory locks on the customer's blocking keys and the
// distributor; SQLite: its one writer), reviews, expiry by the host clock, and the scans the queries
// and reports read.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "store/audit/audit_repository.hpp"
#include "store/outbox/outbox_repository.hpp"

namespace kam::store {

class Database;

struct StoredDistributor {
  std::string distributor_id, name, tax_id, level;
  std::vector<std::string> territories, industries;
};

// A direct account a customer matched: what decides whether it is a house account.
struct HouseCandidate {
  std::string account_id, name, tier;  // tier: the effective tier ("" before the first evaluation)
  std::string distributor_id;          // "" for a direct account
  std::string manager_id;              // the account manager ("" when none)
  int32_t churn_level = 0;             // core::tiers::ChurnLevel of its last evaluation (0: low or none)
};

struct StoredDeal {
  std::string registration_id, distributor_id, level;
  std::string customer_name, customer_name_latin, tax_id, region, industry;
  std::vector<std::string> product_lines;
  int64_t amount_minor = 0;
  std::string currency;
  int64_t amount_reporting_minor = 0;
  int64_t discount_bp = 0;
  int64_t expected_close_ms = 0;
  std::string notes;
  std::string decision, status;  // approved | rejected | needs_review (| expired: status only)
  std::string reasons_json = "[]";
  bool conflict = false;
  std::string matched_account_id;
  int64_t registered_at_ms = 0;
  std::string registered_by;
  std::optional<int64_t> protected_until_ms, reviewed_at_ms, expired_at_ms;
  std::string reviewed_by, review_reason;
};

// The reads a decision makes inside its transaction (after its locks are held).
class DealDecisionReads {
 public:
  virtual ~DealDecisionReads() = default;
  virtual std::optional<StoredDeal> find(const std::string& registration_id) = 0;
  // Registrations that hold their customer at now_ms (approved or in review, protection not ended)
  // and share one of `keys`, earliest first.
  virtual std::vector<StoredDeal> holding(const std::vector<std::string>& keys, int64_t now_ms) = 0;
  // The distributor's registrations since from_ms that count against its quota (not rejected).
  virtual int64_t counted_since(const std::string& distributor_id, int64_t from_ms) = 0;
};

// What a decision stores: the row, its customer's keys, its audit entry and notifications. When
// `existing` is set (the same registration id again: a retry), nothing is written and it is returned.
struct DealInsert {
  std::optional<StoredDeal> existing;
  StoredDeal row;
  std::vector<std::string> keys;
  AuditEntry audit;
  std::vector<Notification> notifications;
};

struct DealReview {
  bool approve = false;
  std::string reason;
  int64_t protected_until_ms = 0;  // approve: the protection from now
  core::Actor actor;
  int64_t now_ms = 0;
};

struct DealScan {
  std::string distributor_id;  // "" every distributor
  std::string status;          // "" every status
  bool conflicts_only = false;
  int64_t from_ms = 0, to_ms = 0;  // registered_at_ms in [from, to); to 0: unbounded
  bool oldest_first = false;
  std::optional<std::pair<int64_t, std::string>> after;  // paging: (registered_at_ms, id) of the last row
  uint32_t limit = 0;                                    // 0: no limit
};

class DealsRepository {
 public:
  explicit DealsRepository(Database& database) : db_(database) {}

  std::optional<StoredDistributor> distributor(const std::string& distributor_id);
  // The accounts, by id, with their effective tier, distributor and manager (unknown ids left out).
  std::vector<HouseCandidate> house_candidates(const std::vector<std::string>& account_ids);
  std::optional<StoredDeal> deal(const std::string& registration_id);

  // Runs decide inside one write transaction, after taking (PostgreSQL) advisory locks on the
  // customer's keys and the distributor in a fixed order, so two hosts deciding for one customer
  // (or one distributor's quota) decide one after the other; stores what decide returns.
  StoredDeal register_deal(const std::vector<std::string>& keys, const std::string& distributor_id,
                           const std::function<DealInsert(DealDecisionReads&)>& decide);

  // A registration in review approved or rejected, audited ("deals.review"). Throws not_found
  // (unknown id) and conflict (not in review).
  StoredDeal review(const std::string& registration_id, const DealReview& review);

  // Ends the protection of every registration holding its customer whose protected_until_ms <= now:
  // status expired, one notification each (notify's), in one transaction that also records
  // completes_job's run when set. Returns the registrations it expired.
  std::vector<StoredDeal> expire(int64_t now_ms, const std::function<Notification(const StoredDeal&)>& notify,
                                 const std::string& completes_job);

  std::vector<StoredDeal> scan(const DealScan& scan);

 private:
  Database& db_;
};

}  // namespace kam::store
