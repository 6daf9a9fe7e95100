// contacts_repository.hpp - who is calling (docs/contacts.md): the accounts a normalised phone
// number or e-mail address belongs to, each with what the hotline routes by (tier, manager) and the
// open work it should know of (complaints, service requests, the next visit due), in one query over
// the contact_points key; and an account's own contacts. Written by ingestion (contact_writer,
// contact_points); this repository only reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kam::store {

class Database;

struct ContactMatch {
  std::string account_id, account_name, account_manager_id, account_manager_name;
  std::string tier;  // effective tier of the last evaluation; "" never evaluated
  std::string contact_id, contact_name, contact_role;  // contact_id "": the account's own number
  int64_t open_complaints = 0, breached_complaints = 0, open_requests = 0;
  std::optional<int64_t> next_visit_due_ms;
};

class ContactsRepository {
 public:
  explicit ContactsRepository(Database& database) : db_(database) {}

  // The valid points equal to (kind, value), one match per account (a contact's point before the
  // account's own), in account id order. kind "phone" | "email"; value normalised.
  // Runs on a statement prepared once per pooled connection.
  std::vector<ContactMatch> who(const std::string& kind, const std::string& value);

  // who's SQL ($1 kind, $2 value): bench/who_bench also runs it through a SOCI statement prepared
  // per call (the path before the statement cache) as its baseline.
  static const char* who_sql();

 private:
  Database& db_;
};

}  // namespace kam::store
