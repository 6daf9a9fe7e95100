// merge.cpp - merge_json and unmerge_json (audited in the store; refusals audited here), and what the
// account card shows of merges.
#include <nlohmann/json.hpp>

#include "app/identity/identity.hpp"
#include "app/identity/identity_json.hpp"
#include "core/error.hpp"

namespace kam::app {

using nlohmann::json;

namespace {

// Runs fn; a kam::Error it throws is audited as `action` on `entity` with the message, then rethrown.
template <class Fn>
std::string audited_refusal(store::Store& store, const char* action, const std::string& entity, const json& asked,
                            const core::Actor& actor, int64_t now_ms, Fn&& fn) {
  try {
    return fn();
  } catch (const Error& e) {
    if (e.status() == Status::store || e.status() == Status::busy) throw;  // not a refusal
    store::AuditEntry audit;
    audit.at_ms = now_ms;
    audit.user_id = actor.user_id;
    audit.roles = actor.roles;
    audit.action = action;
    audit.entity_type = "account";
    audit.entity_id = entity;
    json after = asked;
    after["refused"] = e.what();
    audit.after_json = identity::dump(after);
    store.audit().append(audit);
    throw;
  }
}

json members_json(const std::vector<store::StoredMerge>& merges) {
  json out = json::array();
  for (const store::StoredMerge& m : merges)
    out.push_back({{"account_id", m.account_id},
                   {"merged_at_ms", m.merged_at_ms},
                   {"merged_by", m.merged_by},
                   {"reason", m.reason}});
  return out;
}

}  // namespace

std::string merge_json(store::Store& store, const std::string& golden_id, const std::vector<std::string>& account_ids,
                       const std::string& reason, const core::Actor& actor, int64_t now_ms) {
  const json asked = {{"golden_id", golden_id}, {"accounts", account_ids}, {"reason", reason}};
  return audited_refusal(store, "accounts.merge.refused", golden_id, asked, actor, now_ms, [&] {
    if (reason.empty()) throw Error(Status::invalid_argument, "identity.merge: reason is empty (say why)");
    const store::MergeResult r = store.identity().merge(golden_id, account_ids, reason, actor, now_ms);
    return identity::dump({{"golden_id", r.golden_id},
                           {"merged", r.plan.merged},
                           {"repointed", r.plan.repointed},
                           {"already", r.plan.already},
                           {"audit_id", r.audit_id}});
  });
}

std::string unmerge_json(store::Store& store, const std::string& account_id, const std::string& reason,
                         const core::Actor& actor, int64_t now_ms) {
  const json asked = {{"account_id", account_id}, {"reason", reason}};
  return audited_refusal(store, "accounts.unmerge.refused", account_id, asked, actor, now_ms, [&] {
    if (reason.empty()) throw Error(Status::invalid_argument, "identity.unmerge: reason is empty (say why)");
    const store::StoredMerge m = store.identity().unmerge(account_id, reason, actor, now_ms);
    return identity::dump({{"account_id", m.account_id},
                           {"was_merged_into", m.golden_id},
                           {"merged_at_ms", m.merged_at_ms},
                           {"merged_by", m.merged_by}});
  });
}

std::optional<std::string> merged_account_card_json(store::Store& store, const std::string& account_id) {
  const std::optional<store::StoredMerge> m = store.identity().merge_of(account_id);
  if (!m) return std::nullopt;
  std::string name;
  for (const store::IdentityAccount& a : store.identity().accounts({account_id})) name = a.records.front().name;
  return identity::dump({{"account_id", account_id},
                         {"name", name},
                         {"merged_into", m->golden_id},
                         {"merged_at_ms", m->merged_at_ms},
                         {"merged_by", m->merged_by},
                         {"merge_reason", m->reason},
                         {"tier", nullptr}});
}

json merged_accounts_json(store::Store& store, const std::string& golden_id) {
  return members_json(store.identity().members_of(golden_id));
}

}  // namespace kam::app
