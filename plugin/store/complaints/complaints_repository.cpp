// complaints_repository.cpp - ComplaintsRepository on the shared Database; see
// complaints_repository.hpp. Reads run in one read snapshot each; writes in one write transaction.
#include "store/complaints/complaints_repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "core/events.hpp"
#include "store/complaints/calendar_versions.hpp"
#include "store/complaints/complaint_rows.hpp"
#include "store/cursor.hpp"
#include "store/database/database.hpp"
#include "store/identity/merged_sql.hpp"
#include "store/jobs/settings.hpp"
#include "store/outbox/outbox_sql.hpp"
#include "store/read_snapshot.hpp"

namespace kam::store {

namespace cc = core::complaints;
using detail::Cursor;
using detail::RepeatedWrite;

core::complaints::Ledger StoredComplaint::ledger() const {
  cc::Ledger out;
  out.reserve(entries.size());
  for (const StoredEntry& e : entries) out.push_back(e.entry);
  return out;
}

namespace {

constexpr int32_t kNotifySlaWarning = 2, kNotifySlaBreach = 3;  // KAM_NOTIFY_*

// Ledgers of `ids` with each account's name and manager (one query), in the order of `ids`.
std::vector<StoredComplaint> load(soci::session& sql, detail::Backend backend, const std::vector<std::string>& ids) {
  std::vector<StoredComplaint> out;
  if (ids.empty()) return out;
  std::string columns;  // kLedgerColumns, each as l.<column>: complaint_current has some of the names too
  for (std::string_view rest = detail::kLedgerColumns; !rest.empty();) {
    const std::size_t comma = rest.find(',');
    const std::string_view column = rest.substr(0, comma);
    columns += ", l." + std::string(column.substr(column.find_first_not_of(' ')));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  std::string query = "SELECT l.complaint_id" + columns + ", a.name, a.account_manager_id FROM complaint_ledger l"
                      " JOIN complaint_current c ON c.complaint_id = l.complaint_id"
                      " LEFT JOIN accounts a ON a.account_id = c.account_id WHERE l.complaint_id IN (";
  std::vector<detail::CursorParam> params;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    query += (i ? ", $" : "$") + std::to_string(i + 1);
    params.emplace_back(ids[i]);
  }
  query += ") ORDER BY l.complaint_id, l.seq";
  std::map<std::string, StoredComplaint> by_id;
  {
    Cursor c(sql, backend, query, std::move(params));
    StoredComplaint* current = nullptr;
    while (c.next()) {
      const std::string_view id = c.text_at(0);
      if (!current || current->complaint_id != id) {
        current = &by_id[std::string(id)];
        current->complaint_id = id;
        current->account_name = c.null_at(19) ? "" : c.text_at(19);
        current->account_manager_id = c.null_at(20) ? "" : c.text_at(20);
      }
      current->entries.push_back(detail::ledger_entry_at(c, 1));
    }
  }
  for (const std::string& id : ids) {
    auto found = by_id.find(id);
    if (found == by_id.end()) continue;
    found->second.account_id = found->second.entries.front().entry.account_id;
    out.push_back(std::move(found->second));
  }
  return out;
}

constexpr std::size_t kLoadChunk = 500;

}  // namespace

void ComplaintsRepository::scan(const ComplaintScan& s, const std::function<void(StoredComplaint&&)>& fn) {
  std::string where = " WHERE 1 = 1";
  std::vector<detail::CursorParam> params;
  const auto param = [&](detail::CursorParam p) {
    params.push_back(std::move(p));
    return "$" + std::to_string(params.size());
  };
  if (!s.complaint_id.empty()) where += " AND complaint_id = " + param(s.complaint_id);
  if (!s.employee_id.empty()) {
    const std::string p = param(s.employee_id);
    where += " AND (first_owner = " + p + " OR assignee = " + p + ")";
  }
  // With the accounts merged into it (store/identity).
  if (!s.account_id.empty()) where += " AND " + detail::of_account_and_merged("account_id", param(s.account_id));
  if (!s.department.empty()) {
    const std::string p = param(s.department);
    where += " AND (owner_department = " + p + " OR department = " + p + ")";
  }
  if (!s.calendar.empty()) where += " AND calendar = " + param(s.calendar);
  if (s.phases == ComplaintScan::Phases::open) where += " AND phase = 1";
  if (s.phases == ComplaintScan::Phases::done) where += " AND phase IN (2, 3)";
  if (s.received_from_ms) where += " AND received_at_ms >= " + param(*s.received_from_ms);
  if (s.received_to_ms) where += " AND received_at_ms < " + param(*s.received_to_ms);
  std::string query = "SELECT complaint_id FROM complaint_current" + where;
  query += s.limit > 0 ? " ORDER BY received_at_ms DESC, complaint_id LIMIT " + std::to_string(s.limit)
                       : " ORDER BY complaint_id";
  db_.with_session("reading complaints", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    std::vector<std::string> ids;
    {
      Cursor c(sql, db_.backend(), query, params);
      while (c.next()) ids.emplace_back(c.text_at(0));
    }
    for (std::size_t from = 0; from < ids.size(); from += kLoadChunk) {
      const std::vector<std::string> chunk(ids.begin() + static_cast<std::ptrdiff_t>(from),
                                           ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), from + kLoadChunk)));
      for (StoredComplaint& c : load(sql, db_.backend(), chunk)) fn(std::move(c));
    }
  });
}

std::optional<StoredComplaint> ComplaintsRepository::complaint(const std::string& complaint_id) {
  std::optional<StoredComplaint> out;
  db_.with_session("reading a complaint", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    std::vector<StoredComplaint> found = load(sql, db_.backend(), {complaint_id});
    if (!found.empty()) out = std::move(found.front());
  });
  return out;
}

std::optional<StoredEmployee> ComplaintsRepository::employee(const std::string& employee_id) {
  std::optional<StoredEmployee> out;
  db_.with_session("reading an employee", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());  // PostgreSQL cursors need one
    Cursor c(sql, db_.backend(),
             "SELECT employee_id, name, department, manager_id, calendar, time_zone, flags, updated_at_ms"
             " FROM employees WHERE employee_id = $1",
             {employee_id});
    if (!c.next()) return;
    out = StoredEmployee{std::string(c.text_at(0)), std::string(c.text_at(1)), std::string(c.text_at(2)),
                         std::string(c.text_at(3)), std::string(c.text_at(4)), std::string(c.text_at(5)),
                         static_cast<uint32_t>(c.int64_at(6)),            c.int64_at(7)};
  });
  return out;
}

core::complaints::OrgFacts ComplaintsRepository::org_facts() {
  cc::OrgFacts out;
  db_.with_session("reading the org facts", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    Cursor c(sql, db_.backend(), "SELECT employee_id, manager_id, department, flags FROM employees");
    while (c.next()) {
      cc::Employee e;
      e.department = c.text_at(2);
      const bool inactive = (c.int64_at(3) & core::kEmployeeInactive) != 0;
      if (!inactive) e.manager_id = c.text_at(1);
      out.emplace(std::string(c.text_at(0)), std::move(e));
    }
  });
  return out;
}

std::vector<SlaNotification> ComplaintsRepository::escalations_of(const std::string& complaint_id) {
  std::vector<SlaNotification> out;
  db_.with_session("reading a complaint's escalations", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());  // PostgreSQL cursors need one
    Cursor c(sql, db_.backend(),
             "SELECT escalation_key, account_id, kind, clock, step, generation, due_at_ms, payload_json"
             " FROM sla_escalations WHERE complaint_id = $1 ORDER BY due_at_ms, escalation_key",
             {complaint_id});
    while (c.next()) {
      SlaNotification n;
      n.key = c.text_at(0);
      n.complaint_id = complaint_id;
      n.account_id = c.text_at(1);
      n.kind = c.int64_at(2) == kNotifySlaBreach ? cc::NotifyKind::breach : cc::NotifyKind::warning;
      n.clock = c.text_at(3);
      n.step = static_cast<int32_t>(c.int64_at(4));
      n.generation = static_cast<int32_t>(c.int64_at(5));
      n.due_at_ms = c.int64_at(6);
      n.payload_json = c.text_at(7);
      out.push_back(std::move(n));
    }
  });
  return out;
}

std::optional<ComplaintsRepository::Account> ComplaintsRepository::account(const std::string& account_id) {
  std::optional<Account> out;
  db_.with_session("reading an account", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());  // PostgreSQL cursors need one
    Cursor c(sql, db_.backend(), "SELECT name, account_manager_id FROM accounts WHERE account_id = $1", {account_id});
    if (c.next()) out = Account{account_id, std::string(c.text_at(0)), std::string(c.text_at(1))};
  });
  return out;
}

AccountComplaintCounts ComplaintsRepository::account_counts(const std::string& account_id, int64_t breaches_since_ms) {
  AccountComplaintCounts out;
  db_.with_session("counting an account's complaints", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    Cursor open(sql, db_.backend(),
                "SELECT COUNT(*) FROM complaint_current WHERE " + detail::of_account_and_merged("account_id", "$1") +
                    " AND phase = 1",
                {account_id});
    if (open.next()) out.open = open.int64_at(0);
    Cursor breaches(sql, db_.backend(),
                    "SELECT COUNT(DISTINCT complaint_id) FROM sla_escalations WHERE " +
                        detail::of_account_and_merged("account_id", "$1") + " AND kind = $2"
                    " AND due_at_ms >= $3",
                    {account_id, int64_t{kNotifySlaBreach}, breaches_since_ms});
    if (breaches.next()) out.breaches_since = breaches.int64_at(0);
  });
  return out;
}

core::complaints::Calendars ComplaintsRepository::calendars(const std::set<std::string>& keys) {
  cc::Calendars out;
  db_.with_session("reading calendar versions", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    out = detail::stored_calendars(sql, db_.backend(), keys);
  });
  return out;
}

void ComplaintsRepository::register_calendar(const std::string& key, const core::time::WorkDefinition& definition,
                                             int64_t now_ms) {
  db_.write_transaction("registering a calendar version", [&](soci::session& sql) {
    detail::ensure_calendar_version(sql, db_.backend(), key, definition, now_ms);
  });
}

std::vector<StoredComplaint> ComplaintsRepository::due(int64_t now_ms,
                                                       std::optional<std::pair<int64_t, std::string>> after,
                                                       uint32_t limit, std::vector<int64_t>* due_ms) {
  std::vector<StoredComplaint> out;
  db_.with_session("reading the complaints due", [&](soci::session& sql) {
    detail::ReadSnapshot snapshot(sql, db_.backend());
    std::vector<std::string> ids;
    std::map<std::string, int64_t> dues;
    {
      std::string query = "SELECT complaint_id, next_due_ms FROM complaint_current WHERE next_due_ms IS NOT NULL"
                          " AND next_due_ms <= $1";
      std::vector<detail::CursorParam> params{now_ms};
      if (after) {
        query += " AND (next_due_ms > $2 OR (next_due_ms = $2 AND complaint_id > $3))";
        params.push_back(after->first);
        params.push_back(after->second);
      }
      query += " ORDER BY next_due_ms, complaint_id LIMIT " + std::to_string(limit);
      Cursor c(sql, db_.backend(), query, params);
      while (c.next()) {
        ids.emplace_back(c.text_at(0));
        dues[ids.back()] = c.int64_at(1);
      }
    }
    out = load(sql, db_.backend(), ids);
    if (due_ms)
      for (const StoredComplaint& c : out) due_ms->push_back(dues.at(c.complaint_id));
  });
  return out;
}

SlaWriteResult ComplaintsRepository::write_sla(const std::vector<SlaWrite>& writes, int64_t now_ms,
                                               const std::string& completes_job) {
  SlaWriteResult result;
  db_.write_transaction("writing SLA escalations", [&](soci::session& sql) {
    result = {};
    RepeatedWrite claim(sql, db_.backend(),
                        "INSERT INTO sla_escalations (escalation_key, complaint_id, account_id, clock, step, generation,"
                        " kind, due_at_ms, created_at_ms, notification_id, payload_json)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10) ON CONFLICT (escalation_key) DO NOTHING");
    RepeatedWrite link(sql, db_.backend(), "UPDATE sla_escalations SET notification_id = $1 WHERE escalation_key = $2");
    RepeatedWrite next(sql, db_.backend(),
                       "UPDATE complaint_current SET next_due_ms = $1 WHERE complaint_id = $2 AND last_seq = $3");
    for (const SlaWrite& w : writes) {
      for (const SlaNotification& n : w.notifications) {
        const int64_t kind = n.kind == cc::NotifyKind::breach ? kNotifySlaBreach : kNotifySlaWarning;
        if (claim.run({n.key, n.complaint_id, n.account_id, n.clock, int64_t{n.step}, int64_t{n.generation}, kind,
                       n.due_at_ms, now_ms, n.payload_json}) == 0) {
          ++result.already_written;  // this key was written before (by any host)
          continue;
        }
        Notification out;
        out.kind = static_cast<int32_t>(kind);
        out.kind_name = kind == kNotifySlaBreach ? "sla_breach" : "sla_warning";
        out.account_id = n.account_id;
        out.created_at_ms = now_ms;
        out.payload_json = n.payload_json;
        link.run({detail::enqueue_notification(sql, out), n.key});
        ++(kind == kNotifySlaBreach ? result.breaches : result.warnings);
      }
      detail::WriteParam due;
      if (w.next_due_ms) due = *w.next_due_ms;
      next.run({due, w.complaint_id, int64_t{w.expected_last_seq}});
    }
    if (!completes_job.empty()) detail::record_job_run(sql, completes_job, now_ms);
  });
  return result;
}

uint64_t ComplaintsRepository::append(const std::vector<LedgerAppend>& appends, int64_t now_ms) {
  uint64_t appended = 0;
  (void)now_ms;
  db_.write_transaction("appending complaint ledger entries", [&](soci::session& sql) {
    appended = 0;
    // Claim each complaint's next seq by moving last_seq forward first (compare-and-set): a
    // concurrent step of the same complaint either came first (this one is skipped) or waits.
    RepeatedWrite claim(sql, db_.backend(),
                        "UPDATE complaint_current SET last_seq = $1 WHERE complaint_id = $2 AND last_seq = $3");
    for (const LedgerAppend& a : appends) {
      const int32_t last = a.expected_last_seq + static_cast<int32_t>(a.entries.size());
      if (a.entries.empty() || claim.run({int64_t{last}, a.complaint_id, int64_t{a.expected_last_seq}}) == 0) continue;
      if (!detail::insert_entries(sql, db_.backend(), a.complaint_id, a.expected_last_seq, a.entries, ""))
        throw Error(Status::store, "complaint '" + a.complaint_id + "': its ledger moved past seq " +
                                       std::to_string(a.expected_last_seq) + " without its cache row");
      std::vector<StoredEntry> entries = detail::read_ledger(sql, db_.backend(), a.complaint_id);
      cc::Ledger ledger;
      for (const StoredEntry& e : entries) ledger.push_back(e.entry);
      detail::write_current(sql, db_.backend(), a.complaint_id, cc::replay(ledger), last, a.next_due_ms);
      ++appended;
    }
  });
  return appended;
}

}  // namespace kam::store
