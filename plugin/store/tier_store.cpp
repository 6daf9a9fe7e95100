// tier_store.cpp - SqlStore's part for account tiers: reading every account's facts in one pass,
// compare-and-set writes of tier states with their history and notifications, overrides, and the
// shared schedule of periodic work.
#include <algorithm>

#include "store/audit.hpp"
#include "store/cursor.hpp"
#include "store/json_columns.hpp"
#include "store/order_days.hpp"
#include "store/outbox.hpp"
#include "store/periodic_jobs.hpp"
#include "store/sql_store.hpp"
#include "store/transaction.hpp"

namespace kam::store::detail {
namespace {

// PostgreSQL sorts text by its locale; the merge below needs byte order on both sides.
std::string by_id(Backend backend, const char* column = "account_id") {
  return backend == Backend::postgresql ? std::string(column) + " COLLATE \"C\"" : std::string(column);
}

// A read-only snapshot for a multi-query read (cursors need a transaction on PostgreSQL).
class ReadSnapshot {
 public:
  ReadSnapshot(soci::session& sql, Backend backend) : sql_(sql) {
    sql_ << (backend == Backend::postgresql ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
  }
  ~ReadSnapshot() {
    try {
      sql_ << "COMMIT";
    } catch (...) {
      // A failed read transaction ends with the session's next use.
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  soci::session& sql_;
};

// Walks one query's rows that belong to the account being assembled (rows ordered by account id
// in column 0); rows of ids that are not accounts are skipped.
class Merge {
 public:
  explicit Merge(Cursor& cursor) : c_(cursor), valid_(c_.next()) {}
  // Calls fn(cursor) for each row of `account_id`.
  template <class Fn>
  void take(std::string_view account_id, Fn&& fn) {
    while (valid_ && c_.text_at(0) < account_id) valid_ = c_.next();
    while (valid_ && c_.text_at(0) == account_id) {
      fn(c_);
      valid_ = c_.next();
    }
  }

 private:
  Cursor& c_;
  bool valid_;
};

std::optional<int64_t> optional_int(const Cursor& c, int column) {
  if (c.null_at(column)) return std::nullopt;
  return c.int64_at(column);
}

WriteParam optional_param(const std::optional<int64_t>& v) {
  if (!v) return std::monostate{};
  return *v;
}

constexpr const char* kStateColumns =
    "tier, since_ms, below_since_ms, computed_tier, effective_tier, effective_since_ms, churn_level, churn_score,"
    " evaluated_at_ms, config_version, metrics_json";

StoredTierState read_state(const Cursor& c, int first) {
  StoredTierState s;
  s.tier = c.text_at(first);
  s.since_ms = c.int64_at(first + 1);
  s.below_since_ms = optional_int(c, first + 2);
  s.computed_tier = c.text_at(first + 3);
  s.effective_tier = c.text_at(first + 4);
  s.effective_since_ms = c.int64_at(first + 5);
  s.churn_level = static_cast<int32_t>(c.int64_at(first + 6));
  s.churn_score = static_cast<int32_t>(c.int64_at(first + 7));
  s.evaluated_at_ms = c.int64_at(first + 8);
  s.config_version = c.int64_at(first + 9);
  s.metrics_json = c.text_at(first + 10);
  return s;
}

std::vector<WriteParam> state_params(const std::string& account_id, const StoredTierState& s) {
  return {account_id,          s.tier,          s.since_ms,        optional_param(s.below_since_ms),
          s.computed_tier,     s.effective_tier, s.effective_since_ms, int64_t{s.churn_level},
          int64_t{s.churn_score}, s.evaluated_at_ms, s.config_version, s.metrics_json};
}

// The config's id in config_versions, registering it on first use.
int64_t config_version_id(soci::session& sql, const TierWriteContext& c) {
  sql << "INSERT INTO config_versions (content_hash, source_name, first_used_at_ms, yaml_text)"
         " VALUES (:hash, :source, :at, :text) ON CONFLICT (content_hash) DO NOTHING",
      soci::use(c.config_hash, "hash"), soci::use(c.config_source, "source"), soci::use(c.now_ms, "at"),
      soci::use(c.config_text, "text");
  long long id = 0;
  sql << "SELECT id FROM config_versions WHERE content_hash = :hash", soci::into(id), soci::use(c.config_hash, "hash");
  return id;
}

std::string override_json(const StoredOverride& o) {
  return json_object({{"tier", o.tier},
                      {"reason", o.reason},
                      {"user_id", o.user_id},
                      {"set_at_ms", o.set_at_ms},
                      {"expires_at_ms", o.expires_at_ms}});
}

// The override in force or scheduled (not cleared, not expired) on an account, newest first.
std::optional<StoredOverride> open_override(soci::session& sql, Backend backend, const std::string& account_id,
                                            int64_t now_ms) {
  Cursor c(sql, backend,
           "SELECT id, tier, reason, actor, set_at_ms, expires_at_ms FROM tier_overrides"
           " WHERE account_id = $1 AND cleared_at_ms IS NULL AND expires_at_ms > $2 ORDER BY id DESC",
           {account_id, now_ms});
  if (!c.next()) return std::nullopt;
  return StoredOverride{c.int64_at(0), std::string(c.text_at(1)), std::string(c.text_at(2)), std::string(c.text_at(3)),
                        c.int64_at(4), c.int64_at(5)};
}

AuditEntry audit_for(const core::Actor& actor, int64_t now_ms, const char* action, const std::string& account_id) {
  AuditEntry a;
  a.at_ms = now_ms;
  a.user_id = actor.user_id;
  a.roles = actor.roles;
  a.action = action;
  a.entity_type = "account";
  a.entity_id = account_id;
  return a;
}

}  // namespace

uint64_t SqlStore::account_count() {
  long long n = 0;
  with_session("count accounts", [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM accounts", soci::into(n); });
  return static_cast<uint64_t>(n);
}

void SqlStore::scan_account_facts(const FactsQuery& query, const std::function<void(AccountFacts&&)>& fn) {
  with_session("read account facts", [&](soci::session& sql) {
    ReadSnapshot snapshot(sql, backend_);
    const bool one = !query.account_id.empty();
    const std::string where_one = one ? " WHERE account_id = $1" : "";
    std::vector<CursorParam> id_param;
    if (one) id_param.push_back(query.account_id);

    Cursor accounts(sql, backend_,
                    "SELECT account_id, name, flags FROM accounts" + where_one + " ORDER BY " + by_id(backend_),
                    id_param);
    std::vector<CursorParam> day_params{int64_t{query.until_day}};
    if (one) day_params.push_back(query.account_id);
    Cursor days(sql, backend_,
                "SELECT account_id, day, currency, amount_minor, margin_minor, orders FROM order_days WHERE day <= $1" +
                    std::string(one ? " AND account_id = $2" : "") + " ORDER BY account_id, day, currency",
                day_params);
    Cursor complaints(sql, backend_,
                      "SELECT account_id, COUNT(*) FROM complaints WHERE closed_at_ms IS NULL" +
                          std::string(one ? " AND account_id = $1" : "") + " GROUP BY account_id ORDER BY " +
                          by_id(backend_),
                      id_param);
    Cursor visits(sql, backend_,
                  "SELECT account_id, MAX(completed_at_ms) FROM visits WHERE completed_at_ms IS NOT NULL" +
                      std::string(one ? " AND account_id = $1" : "") + " GROUP BY account_id ORDER BY " +
                      by_id(backend_),
                  id_param);
    std::optional<Cursor> states, overrides;
    if (query.with_state) {
      states.emplace(sql, backend_,
                     std::string("SELECT account_id, ") + kStateColumns + " FROM tier_state" + where_one +
                         " ORDER BY account_id",
                     id_param);
      overrides.emplace(sql, backend_,
                        "SELECT account_id, id, tier, reason, actor, set_at_ms, expires_at_ms FROM tier_overrides"
                        " WHERE cleared_at_ms IS NULL" +
                            std::string(one ? " AND account_id = $1" : "") + " ORDER BY " + by_id(backend_) + ", id",
                        id_param);
    }
    Merge day_rows(days), complaint_rows(complaints), visit_rows(visits);
    std::optional<Merge> state_rows, override_rows;
    if (states) state_rows.emplace(*states);
    if (overrides) override_rows.emplace(*overrides);

    while (accounts.next()) {
      AccountFacts f;
      f.account_id = accounts.text_at(0);
      f.name = accounts.text_at(1);
      const std::string_view flags = accounts.text_at(2);
      if (flags != "[]" && !flags.empty()) f.flags = parse_json_string_array(std::string(flags));
      day_rows.take(f.account_id, [&](const Cursor& c) {
        f.days.push_back(core::tiers::DayTotal{core::time::LocalDate{static_cast<int32_t>(c.int64_at(1))},
                                               std::string(c.text_at(2)), c.int64_at(3), c.int64_at(4),
                                               c.int64_at(5)});
      });
      complaint_rows.take(f.account_id, [&](const Cursor& c) { f.open_complaints = c.int64_at(1); });
      visit_rows.take(f.account_id, [&](const Cursor& c) { f.last_visit_ms = optional_int(c, 1); });
      if (state_rows) state_rows->take(f.account_id, [&](const Cursor& c) { f.state = read_state(c, 1); });
      if (override_rows) {
        override_rows->take(f.account_id, [&](const Cursor& c) {  // ordered by id: the newest stays
          f.override_row = StoredOverride{c.int64_at(1),        std::string(c.text_at(2)), std::string(c.text_at(3)),
                                          std::string(c.text_at(4)), c.int64_at(5), c.int64_at(6)};
        });
      }
      fn(std::move(f));
    }
  });
}

TierWriteResult SqlStore::write_tier_states(const std::vector<TierWrite>& writes, const TierWriteContext& context) {
  TierWriteResult result;
  write_transaction("write tier states", [&](soci::session& sql) {
    result = TierWriteResult{};
    result.config_version = config_version_id(sql, context);
    RepeatedWrite insert(sql, backend_,
                         std::string("INSERT INTO tier_state (account_id, ") + kStateColumns +
                             ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                             " ON CONFLICT (account_id) DO NOTHING");
    // Compare-and-set on what the evaluation decided from. SQLite's IS and PostgreSQL's IS NOT
    // DISTINCT FROM compare NULLs as equal.
    const std::string same = backend_ == Backend::sqlite ? " IS " : " IS NOT DISTINCT FROM ";
    RepeatedWrite update(sql, backend_,
                         "UPDATE tier_state SET tier = $2, since_ms = $3, below_since_ms = $4, computed_tier = $5,"
                         " effective_tier = $6, effective_since_ms = $7, churn_level = $8, churn_score = $9,"
                         " evaluated_at_ms = $10, config_version = $11, metrics_json = $12"
                         " WHERE account_id = $1 AND tier = $13 AND since_ms = $14 AND below_since_ms" +
                             same +
                             "$15 AND computed_tier = $16 AND effective_tier = $17 AND effective_since_ms = $18"
                             " AND churn_level = $19");
    RepeatedWrite history(sql, backend_,
                          "INSERT INTO tier_history (account_id, tier, previous_tier, since_ms, config_version,"
                          " metrics_json, reason, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
    for (const TierWrite& w : writes) {
      StoredTierState next = w.next;
      next.config_version = result.config_version;
      std::vector<WriteParam> params = state_params(w.account_id, next);
      int64_t changed = 0;
      if (!w.expected) {
        changed = insert.run(params);
      } else {
        const StoredTierState& e = *w.expected;
        params.insert(params.end(), {e.tier, e.since_ms, optional_param(e.below_since_ms), e.computed_tier,
                                     e.effective_tier, e.effective_since_ms, int64_t{e.churn_level}});
        changed = update.run(params);
      }
      if (changed != 1) {
        ++result.skipped;
        continue;
      }
      ++result.applied;
      if (w.history) {
        history.run({w.account_id, next.effective_tier, w.previous_effective_tier, next.effective_since_ms,
                     result.config_version, next.metrics_json, w.reason, context.actor.user_id});
      }
      for (const Notification& n : w.notifications) {
        detail::enqueue_notification(sql, n);
        ++result.notifications;
      }
    }
    if (context.audit) detail::append_audit(sql, context.audit(result));
    if (!context.completes_job.empty()) record_job_run(sql, context.completes_job, context.now_ms);
  });
  return result;
}

StoredOverride SqlStore::set_tier_override(const std::string& account_id, const std::string& tier,
                                           const std::string& reason, int64_t expires_at_ms, const core::Actor& actor,
                                           int64_t now_ms) {
  StoredOverride stored;
  write_transaction("set tier override on account '" + account_id + "'", [&](soci::session& sql) {
    int found = 0;
    sql << "SELECT COUNT(*) FROM accounts WHERE account_id = :id", soci::into(found), soci::use(account_id, "id");
    if (found == 0) throw Error(Status::not_found, "account '" + account_id + "' is unknown");
    const std::optional<StoredOverride> before = open_override(sql, backend_, account_id, now_ms);
    sql << "UPDATE tier_overrides SET cleared_at_ms = :now, cleared_by = :by"
           " WHERE account_id = :id AND cleared_at_ms IS NULL",
        soci::use(now_ms, "now"), soci::use(actor.user_id, "by"), soci::use(account_id, "id");
    sql << "INSERT INTO tier_overrides (account_id, tier, reason, actor, set_at_ms, expires_at_ms)"
           " VALUES (:id, :tier, :reason, :actor, :set_at, :expires)",
        soci::use(account_id, "id"), soci::use(tier, "tier"), soci::use(reason, "reason"),
        soci::use(actor.user_id, "actor"), soci::use(now_ms, "set_at"), soci::use(expires_at_ms, "expires");
    stored = *open_override(sql, backend_, account_id, now_ms);
    AuditEntry a = audit_for(actor, now_ms, "tiers.override.set", account_id);
    if (before) a.before_json = override_json(*before);
    a.after_json = override_json(stored);
    detail::append_audit(sql, a);
  });
  return stored;
}

std::optional<StoredOverride> SqlStore::clear_tier_override(const std::string& account_id, const std::string& reason,
                                                            const core::Actor& actor, int64_t now_ms) {
  std::optional<StoredOverride> cleared;
  write_transaction("clear tier override on account '" + account_id + "'", [&](soci::session& sql) {
    cleared = open_override(sql, backend_, account_id, now_ms);
    if (!cleared) return;
    sql << "UPDATE tier_overrides SET cleared_at_ms = :now, cleared_by = :by"
           " WHERE account_id = :id AND cleared_at_ms IS NULL",
        soci::use(now_ms, "now"), soci::use(actor.user_id, "by"), soci::use(account_id, "id");
    AuditEntry a = audit_for(actor, now_ms, "tiers.override.clear", account_id);
    a.before_json = override_json(*cleared);
    a.after_json = json_object({{"cleared_reason", reason}});
    detail::append_audit(sql, a);
  });
  return cleared;
}

std::vector<TierListRow> SqlStore::list_tiers(const TierListQuery& q) {
  std::vector<TierListRow> out;
  out.reserve(q.limit);
  with_session("list account tiers", [&](soci::session& sql) {
    ReadSnapshot snapshot(sql, backend_);
    // Byte order on both backends, so a page ends where the next one starts. With a tier: the
    // tier_state_by_tier index; without: the accounts' primary key; LIMIT either way.
    const std::string columns = std::string("a.account_id, a.name, s.account_id, s.") +
                                "tier, s.since_ms, s.below_since_ms, s.computed_tier, s.effective_tier,"
                                " s.effective_since_ms, s.churn_level, s.churn_score, s.evaluated_at_ms,"
                                " s.config_version, ''";
    const std::string key = by_id(backend_, q.tier.empty() ? "a.account_id" : "s.account_id");
    const std::string page = key + " > $1 ORDER BY " + key + " LIMIT $2";
    std::unique_ptr<Cursor> c;
    if (q.tier.empty()) {
      c = std::make_unique<Cursor>(sql, backend_,
                                   "SELECT " + columns +
                                       " FROM accounts a LEFT JOIN tier_state s ON s.account_id = a.account_id"
                                       " WHERE " + page,
                                   std::vector<CursorParam>{q.after_account_id, int64_t{q.limit}});
    } else {
      c = std::make_unique<Cursor>(sql, backend_,
                                   "SELECT " + columns +
                                       " FROM tier_state s JOIN accounts a ON a.account_id = s.account_id"
                                       " WHERE s.effective_tier = $3 AND " + page,
                                   std::vector<CursorParam>{q.after_account_id, int64_t{q.limit}, q.tier});
    }
    while (c->next()) {
      TierListRow row{std::string(c->text_at(0)), std::string(c->text_at(1)), std::nullopt};
      if (!c->null_at(2)) row.state = read_state(*c, 3);
      out.push_back(std::move(row));
    }
  });
  return out;
}

std::vector<TierHistoryEntry> SqlStore::tier_history(const std::string& account_id, uint32_t limit) {
  std::vector<TierHistoryEntry> out;
  with_session("read tier history of account '" + account_id + "'", [&](soci::session& sql) {
    ReadSnapshot snapshot(sql, backend_);
    Cursor c(sql, backend_,
             "SELECT id, tier, previous_tier, reason, actor, since_ms, config_version, metrics_json FROM tier_history"
             " WHERE account_id = $1 ORDER BY id DESC LIMIT $2",
             {account_id, int64_t{limit}});
    while (c.next()) {
      out.push_back(TierHistoryEntry{c.int64_at(0), std::string(c.text_at(1)), std::string(c.text_at(2)),
                                     std::string(c.text_at(3)), std::string(c.text_at(4)), c.int64_at(5),
                                     c.int64_at(6), std::string(c.text_at(7))});
    }
  });
  return out;
}

}  // namespace kam::store::detail
