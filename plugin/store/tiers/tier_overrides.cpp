// tier_overrides.cpp - TiersRepository's manual overrides: set (ending the one in force) and clear,
// each audited in its own transaction.
#include <soci/soci.h>

#include "core/error.hpp"

#include "store/audit/audit_sql.hpp"
#include "store/json_columns.hpp"
#include "store/database/database.hpp"
#include "store/read_snapshot.hpp"
#include "store/tiers/tier_rows.hpp"

namespace kam::store {

using namespace detail;  // the store's internal helpers (rows, cursors, snapshots)

namespace {

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

StoredOverride TiersRepository::set_tier_override(const std::string& account_id, const std::string& tier,
                                           const std::string& reason, int64_t expires_at_ms, const core::Actor& actor,
                                           int64_t now_ms) {
  StoredOverride stored;
  db_.write_transaction("set tier override on account '" + account_id + "'", [&](soci::session& sql) {
    int found = 0;
    sql << "SELECT COUNT(*) FROM accounts WHERE account_id = :id", soci::into(found), soci::use(account_id, "id");
    if (found == 0) throw Error(Status::not_found, "account '" + account_id + "' is unknown");
    const std::optional<StoredOverride> before = open_override(sql, db_.backend(), account_id, now_ms);
    sql << "UPDATE tier_overrides SET cleared_at_ms = :now, cleared_by = :by"
           " WHERE account_id = :id AND cleared_at_ms IS NULL",
        soci::use(now_ms, "now"), soci::use(actor.user_id, "by"), soci::use(account_id, "id");
    sql << "INSERT INTO tier_overrides (account_id, tier, reason, actor, set_at_ms, expires_at_ms)"
           " VALUES (:id, :tier, :reason, :actor, :set_at, :expires)",
        soci::use(account_id, "id"), soci::use(tier, "tier"), soci::use(reason, "reason"),
        soci::use(actor.user_id, "actor"), soci::use(now_ms, "set_at"), soci::use(expires_at_ms, "expires");
    stored = *open_override(sql, db_.backend(), account_id, now_ms);
    AuditEntry a = audit_for(actor, now_ms, "tiers.override.set", account_id);
    if (before) a.before_json = override_json(*before);
    a.after_json = override_json(stored);
    append_audit(sql, a);
  });
  return stored;
}

std::optional<StoredOverride> TiersRepository::clear_tier_override(const std::string& account_id, const std::string& reason,
                                                            const core::Actor& actor, int64_t now_ms) {
  std::optional<StoredOverride> cleared;
  db_.write_transaction("clear tier override on account '" + account_id + "'", [&](soci::session& sql) {
    cleared = open_override(sql, db_.backend(), account_id, now_ms);
    if (!cleared) return;
    sql << "UPDATE tier_overrides SET cleared_at_ms = :now, cleared_by = :by"
           " WHERE account_id = :id AND cleared_at_ms IS NULL",
        soci::use(now_ms, "now"), soci::use(actor.user_id, "by"), soci::use(account_id, "id");
    AuditEntry a = audit_for(actor, now_ms, "tiers.override.clear", account_id);
    a.before_json = override_json(*cleared);
    a.after_json = json_object({{"cleared_reason", reason}});
    append_audit(sql, a);
  });
  return cleared;
}

}  // namespace kam::store
