// audit_sql.cpp - audit entries appended and read on an open session.
#include "store/audit/audit_sql.hpp"

#include <string>

#include "store/json_columns.hpp"

namespace kam::store::detail {

AuditWriter::AuditWriter(soci::session& sql)
    : insert_((sql.prepare << "INSERT INTO audit (at_ms, user_id, roles_json, action, entity_type,"
                              " entity_id, before_json, after_json)"
                              " VALUES (:at_ms, :user_id, :roles_json, :action, :entity_type,"
                              " :entity_id, :before_json, :after_json) RETURNING id",
               soci::use(at_ms_, "at_ms"), soci::use(user_id_, "user_id"),
               soci::use(roles_json_, "roles_json"), soci::use(action_, "action"),
               soci::use(entity_type_, "entity_type"), soci::use(entity_id_, "entity_id"),
               soci::use(before_json_, before_ind_, "before_json"),
               soci::use(after_json_, after_ind_, "after_json"), soci::into(id_))) {}

int64_t AuditWriter::append(const AuditEntry& e) {
  at_ms_ = e.at_ms;
  user_id_ = e.user_id;
  roles_json_ = json_string_array(e.roles);
  action_ = e.action;
  entity_type_ = e.entity_type;
  entity_id_ = e.entity_id;
  before_json_ = e.before_json;
  before_ind_ = e.before_json.empty() ? soci::i_null : soci::i_ok;
  after_json_ = e.after_json;
  after_ind_ = e.after_json.empty() ? soci::i_null : soci::i_ok;
  id_ = 0;
  insert_.execute(true);
  return id_;
}

int64_t append_audit(soci::session& sql, const AuditEntry& entry) {
  AuditWriter writer(sql);
  return writer.append(entry);
}

std::vector<AuditEntry> query_audit(soci::session& sql, const AuditQuery& q) {
  int limit = static_cast<int>(q.limit == 0 ? kDefaultAuditLimit
                                            : std::min<uint32_t>(q.limit, kMaxAuditLimit));
  // Filter values bound by name; only the filters in use appear in the SQL.
  int64_t since_ms = q.since_ms, until_ms = q.until_ms, before_id = q.before_id;
  std::string user_id = q.user_id, entity_type = q.entity_type, entity_id = q.entity_id;

  AuditEntry row;
  std::string roles_json;
  soci::indicator before_ind = soci::i_null, after_ind = soci::i_null;

  std::string text =
      "SELECT id, at_ms, user_id, roles_json, action, entity_type, entity_id, before_json,"
      " after_json FROM audit WHERE 1 = 1";
  soci::statement st(sql);
  st.exchange(soci::into(row.id));
  st.exchange(soci::into(row.at_ms));
  st.exchange(soci::into(row.user_id));
  st.exchange(soci::into(roles_json));
  st.exchange(soci::into(row.action));
  st.exchange(soci::into(row.entity_type));
  st.exchange(soci::into(row.entity_id));
  st.exchange(soci::into(row.before_json, before_ind));
  st.exchange(soci::into(row.after_json, after_ind));
  if (q.since_ms != 0) {
    text += " AND at_ms >= :since_ms";
    st.exchange(soci::use(since_ms, "since_ms"));
  }
  if (q.until_ms != 0) {
    text += " AND at_ms < :until_ms";
    st.exchange(soci::use(until_ms, "until_ms"));
  }
  if (!q.user_id.empty()) {
    text += " AND user_id = :user_id";
    st.exchange(soci::use(user_id, "user_id"));
  }
  if (!q.entity_type.empty()) {
    text += " AND entity_type = :entity_type";
    st.exchange(soci::use(entity_type, "entity_type"));
  }
  if (!q.entity_id.empty()) {
    text += " AND entity_id = :entity_id";
    st.exchange(soci::use(entity_id, "entity_id"));
  }
  if (q.before_id != 0) {
    text += " AND id < :before_id";
    st.exchange(soci::use(before_id, "before_id"));
  }
  text += " ORDER BY id DESC LIMIT :row_limit";
  st.exchange(soci::use(limit, "row_limit"));

  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  std::vector<AuditEntry> out;
  if (!st.execute(true)) return out;
  do {
    AuditEntry e = row;
    e.roles = parse_json_string_array(roles_json);
    if (before_ind != soci::i_ok) e.before_json.clear();
    if (after_ind != soci::i_ok) e.after_json.clear();
    out.push_back(std::move(e));
  } while (st.fetch());
  return out;
}

}  // namespace kam::store::detail
