// identity_repository.cpp - IdentityRepository: reads of identity rows and keys, the backfill, and
// merges into golden accounts.
#include "store/identity/identity_repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "store/audit/audit_sql.hpp"
#include "store/database/database.hpp"
#include "store/identity/identity_rows.hpp"
#include "store/jobs/settings.hpp"
#include "store/json_columns.hpp"
#include "store/read_snapshot.hpp"

namespace kam::store {

using namespace detail;  // the store's internal helpers (rows, cursors, snapshots)
namespace ci = core::identity;

namespace {

constexpr size_t kChunk = 500;           // ids per IN list
constexpr size_t kBackfillChunk = 2000;  // accounts per backfill transaction

template <class Fn>
void in_chunks(const std::vector<std::string>& ids, Fn&& fn) {
  detail::in_chunks(ids, kChunk, std::forward<Fn>(fn));
}

// The identity rows of `ids`, grouped by account in id order, with their merge.
std::vector<IdentityAccount> load_accounts(soci::session& sql, Backend backend, std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::map<std::string, IdentityAccount> found;
  in_chunks(ids, [&](const std::string& list, std::vector<CursorParam> params) {
    Cursor c(sql, backend,
             std::string("SELECT i.") + kIdentityColumns + ", COALESCE(m.golden_id, '') FROM account_identity i" +
                 " LEFT JOIN account_merges m ON m.account_id = i.account_id WHERE i.account_id IN (" + list +
                 ") ORDER BY i.account_id, i.spelling",
             std::move(params));
    while (c.next()) {
      IdentityAccount& a = found[std::string(c.text_at(0))];
      a.account_id = c.text_at(0);
      a.records.push_back(read_record(c, 2));
      a.merged_into = c.text_at(kIdentityColumnCount);
    }
  });
  std::vector<IdentityAccount> out;
  out.reserve(found.size());
  for (auto& [id, a] : found) out.push_back(std::move(a));
  return out;
}

std::map<std::string, ci::MergeState> merge_states(soci::session& sql, Backend backend,
                                                   const std::vector<std::string>& ids) {
  std::map<std::string, ci::MergeState> state;
  in_chunks(ids, [&](const std::string& list, std::vector<CursorParam> params) {
    Cursor c(sql, backend, "SELECT account_id FROM accounts WHERE account_id IN (" + list + ")", params);
    while (c.next()) state[std::string(c.text_at(0))];
    Cursor m(sql, backend,
             "SELECT account_id, golden_id FROM account_merges WHERE account_id IN (" + list + ") OR golden_id IN (" +
                 list + ") ORDER BY account_id",
             std::move(params));
    while (m.next()) {
      const std::string account(m.text_at(0)), golden(m.text_at(1));
      if (auto s = state.find(account); s != state.end()) s->second.merged_into = golden;
      if (auto g = state.find(golden); g != state.end()) g->second.members.push_back(account);
    }
  });
  return state;
}

}  // namespace

uint64_t IdentityRepository::backfill() {
  // Done once per database: every account written since has its rows from the account writer, so
  // after one complete pass the anti-join over all accounts need not run again at each open.
  const std::string done_setting = "identity.backfilled";
  bool done = false;
  db_.with_session("read whether identity rows were backfilled",
                   [&](soci::session& sql) { done = read_setting(sql, done_setting).has_value(); });
  if (done) return 0;
  uint64_t written = 0;
  for (;;) {
    struct Missing {
      std::string id, name, name_latin, tax_id;
    };
    std::vector<Missing> missing;
    db_.with_session("find accounts without identity rows", [&](soci::session& sql) {
      ReadSnapshot snapshot(sql, db_.backend());
      Cursor c(sql, db_.backend(),
               "SELECT a.account_id, a.name, a.name_latin, a.tax_id FROM accounts a WHERE NOT EXISTS"
               " (SELECT 1 FROM account_identity i WHERE i.account_id = a.account_id) ORDER BY a.account_id LIMIT $1",
               {int64_t{kBackfillChunk}});
      while (c.next())
        missing.push_back({std::string(c.text_at(0)), std::string(c.text_at(1)), std::string(c.text_at(2)),
                           std::string(c.text_at(3))});
    });
    if (missing.empty()) {
      db_.write_transaction("record that identity rows were backfilled",
                            [&](soci::session& sql) { write_setting(sql, done_setting, "1"); });
      return written;
    }
    db_.write_transaction("write identity rows of stored accounts", [&](soci::session& sql) {
      IdentityWriter writer(sql, db_.backend());
      for (const Missing& m : missing) writer.write(m.id, m.name, m.name_latin, m.tax_id);
    });
    written += missing.size();
  }
}

std::vector<IdentityAccount> IdentityRepository::candidates(const std::vector<std::string>& keys, size_t max_block) {
  std::vector<IdentityAccount> out;
  if (keys.empty()) return out;
  db_.with_session("find candidate accounts", [&](soci::session& sql) {
    ReadSnapshot snapshot(sql, db_.backend());
    std::vector<std::string> small, large;
    in_chunks(keys, [&](const std::string& list, std::vector<CursorParam> params) {
      Cursor c(
          sql, db_.backend(),
          "SELECT block_key, COUNT(*) FROM account_identity_keys WHERE block_key IN (" + list + ") GROUP BY block_key",
          std::move(params));
      while (c.next()) {
        const std::string key(c.text_at(0));
        if (static_cast<size_t>(c.int64_at(1)) <= max_block)
          small.push_back(key);
        else if (key.rfind("t:", 0) == 0 || key.rfind("e:", 0) == 0)
          large.push_back(key);
      }
    });
    std::vector<std::string> ids;
    in_chunks(small, [&](const std::string& list, std::vector<CursorParam> params) {
      Cursor c(sql, db_.backend(), "SELECT account_id FROM account_identity_keys WHERE block_key IN (" + list + ")",
               std::move(params));
      while (c.next()) ids.emplace_back(c.text_at(0));
    });
    for (const std::string& key : large) {
      Cursor c(sql, db_.backend(),
               "SELECT account_id FROM account_identity_keys WHERE block_key = $1 ORDER BY account_id LIMIT $2",
               {key, static_cast<int64_t>(10 * max_block)});
      while (c.next()) ids.emplace_back(c.text_at(0));
    }
    out = load_accounts(sql, db_.backend(), std::move(ids));
  });
  return out;
}

std::vector<IdentityAccount> IdentityRepository::accounts(const std::vector<std::string>& account_ids) {
  std::vector<IdentityAccount> out;
  db_.with_session("read account identities", [&](soci::session& sql) {
    ReadSnapshot snapshot(sql, db_.backend());
    out = load_accounts(sql, db_.backend(), account_ids);
  });
  return out;
}

IdentityBase IdentityRepository::base() {
  IdentityBase out;
  db_.with_session("read the identity of every account", [&](soci::session& sql) {
    ReadSnapshot snapshot(sql, db_.backend());
    const std::string not_merged = " NOT EXISTS (SELECT 1 FROM account_merges m WHERE m.account_id = x.account_id)";
    {
      Cursor c(sql, db_.backend(),
               std::string("SELECT ") + kIdentityColumns + " FROM account_identity x WHERE" + not_merged +
                   " ORDER BY account_id, spelling");
      while (c.next()) {
        if (out.accounts.empty() || out.accounts.back().account_id != c.text_at(0)) {
          out.accounts.push_back(IdentityAccount{std::string(c.text_at(0)), {}, {}});
          out.keys.emplace_back();
        }
        out.accounts.back().records.push_back(read_record(c, 2));
      }
    }
    Cursor k(sql, db_.backend(),
             "SELECT account_id, block_key FROM account_identity_keys x WHERE" + not_merged + " ORDER BY account_id");
    size_t at = 0;
    while (k.next()) {
      while (at < out.accounts.size() && out.accounts[at].account_id < k.text_at(0)) ++at;
      if (at < out.accounts.size() && out.accounts[at].account_id == k.text_at(0))
        out.keys[at].emplace_back(k.text_at(1));
    }
  });
  return out;
}

std::optional<StoredMerge> IdentityRepository::merge_of(const std::string& account_id) {
  std::optional<StoredMerge> out;
  db_.with_session("read the merge of account '" + account_id + "'", [&](soci::session& sql) {
    ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(),
             "SELECT golden_id, merged_at_ms, merged_by, reason FROM account_merges WHERE account_id = $1",
             {account_id});
    if (c.next())
      out = StoredMerge{account_id, std::string(c.text_at(0)), std::string(c.text_at(2)), std::string(c.text_at(3)),
                        c.int64_at(1)};
  });
  return out;
}

std::vector<StoredMerge> IdentityRepository::members_of(const std::string& golden_id) {
  std::vector<StoredMerge> out;
  db_.with_session("read the accounts merged into '" + golden_id + "'", [&](soci::session& sql) {
    ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(),
             "SELECT account_id, merged_at_ms, merged_by, reason FROM account_merges WHERE golden_id = $1"
             " ORDER BY account_id",
             {golden_id});
    while (c.next())
      out.push_back(StoredMerge{std::string(c.text_at(0)), golden_id, std::string(c.text_at(2)),
                                std::string(c.text_at(3)), c.int64_at(1)});
  });
  return out;
}

MergeResult IdentityRepository::merge(const std::string& golden_id, const std::vector<std::string>& account_ids,
                                      const std::string& reason, const core::Actor& actor, int64_t now_ms) {
  MergeResult result;
  result.golden_id = golden_id;
  db_.write_transaction("merge accounts into '" + golden_id + "'", [&](soci::session& sql) {
    std::vector<std::string> ids = account_ids;
    ids.push_back(golden_id);
    result.plan = ci::plan_merge(golden_id, account_ids, merge_states(sql, db_.backend(), ids));
    RepeatedWrite insert(sql, db_.backend(),
                         "INSERT INTO account_merges (account_id, golden_id, merged_at_ms, merged_by, reason)"
                         " VALUES ($1, $2, $3, $4, $5)");
    for (const std::string& id : result.plan.merged) insert.run({id, golden_id, now_ms, actor.user_id, reason});
    RepeatedWrite repoint(sql, db_.backend(),
                          "UPDATE account_merges SET golden_id = $2, merged_at_ms = $3, merged_by = $4, reason = $5"
                          " WHERE account_id = $1");
    for (const std::string& id : result.plan.repointed) repoint.run({id, golden_id, now_ms, actor.user_id, reason});
    AuditEntry audit;
    audit.at_ms = now_ms;
    audit.user_id = actor.user_id;
    audit.roles = actor.roles;
    audit.action = "accounts.merge";
    audit.entity_type = "account";
    audit.entity_id = golden_id;
    audit.after_json = nlohmann::json{
        {"golden_id", golden_id},
        {"merged", result.plan.merged},
        {"repointed", result.plan.repointed},
        {"already", result.plan.already},
        {"reason", reason}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    result.audit_id = append_audit(sql, audit);
  });
  return result;
}

StoredMerge IdentityRepository::unmerge(const std::string& account_id, const std::string& reason,
                                        const core::Actor& actor, int64_t now_ms) {
  StoredMerge merge;
  db_.write_transaction("unmerge account '" + account_id + "'", [&](soci::session& sql) {
    const std::map<std::string, ci::MergeState> state = merge_states(sql, db_.backend(), {account_id});
    if (state.count(account_id) == 0)
      throw Error(Status::not_found, "unmerge: account '" + account_id + "' is unknown");
    {
      Cursor c(sql, db_.backend(),
               "SELECT golden_id, merged_at_ms, merged_by, reason FROM account_merges WHERE account_id = $1",
               {account_id});
      if (!c.next())
        throw Error(Status::conflict, "unmerge: account '" + account_id + "' is not merged into another account");
      merge = StoredMerge{account_id, std::string(c.text_at(0)), std::string(c.text_at(2)), std::string(c.text_at(3)),
                          c.int64_at(1)};
    }
    RepeatedWrite(sql, db_.backend(), "DELETE FROM account_merges WHERE account_id = $1").run({account_id});
    AuditEntry audit;
    audit.at_ms = now_ms;
    audit.user_id = actor.user_id;
    audit.roles = actor.roles;
    audit.action = "accounts.unmerge";
    audit.entity_type = "account";
    audit.entity_id = account_id;
    audit.before_json = json_object({{"golden_id", merge.golden_id},
                                     {"merged_at_ms", merge.merged_at_ms},
                                     {"merged_by", merge.merged_by},
                                     {"reason", merge.reason}});
    audit.after_json = json_object({{"reason", reason}});
    append_audit(sql, audit);
  });
  return merge;
}

}  // namespace kam::store
