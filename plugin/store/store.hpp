// store.hpp - KAM's own database, reached through SOCI: SQLite (embedded default) or PostgreSQL
// (several ERP application servers sharing one database).
//
// A Store is the one object an instance owns: it opens the shared Database (connections, migrations,
// write lock; database/database.hpp) and holds one repository per feature over it, each in its own
// folder with its own value types: ingestion/, outbox/, audit/, jobs/ (periodic job claims and
// their schedule), tiers/, complaints/. Every operation is safe to call from several threads at
// once. Timestamps always come from the caller (the host's clock or the event), never from the
// database.
//
// Adding a repository (complaints, service, channel): one folder store/<feature>/ with its
// <feature>_repository.{hpp,cpp} (a class over Database&, its value types in its header), one
// member below, one accessor, and its sources in CMakeLists.txt. A change that must commit with a
// notification or an audit entry runs in database().write_transaction and uses outbox_sql.hpp /
// audit_sql.hpp on that session. This header and the repository headers do not include SOCI.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "config/config.hpp"
#include "core/log_level.hpp"
#include "store/audit/audit_repository.hpp"
#include "store/complaints/complaints_repository.hpp"
#include "store/contacts/contacts_repository.hpp"
#include "store/distributors/deals_repository.hpp"
#include "store/identity/identity_repository.hpp"
#include "store/ingestion/ingestion_repository.hpp"
#include "store/jobs/jobs_repository.hpp"
#include "store/outbox/outbox_repository.hpp"
#include "store/service/service_repository.hpp"
#include "store/tiers/tiers_repository.hpp"
#include "store/visits/visits_repository.hpp"

namespace kam::store {

using core::LogFn;

class Database;

class Store {
 public:
  // Open (creating the SQLite file and its directory if needed) and migrate forward in one
  // transaction. Throws kam::Error: Status::store (cannot open), Status::schema_too_new (database
  // written by a newer plugin). Several processes opening one PostgreSQL at once migrate exactly once.
  // `business_time_zone` (IANA name) is the zone of the local days the order totals are kept in: a
  // database last opened with another zone has its totals rebuilt from the orders (logged).
  static std::unique_ptr<Store> open(const config::DatabaseConfig& db, LogFn log,
                                     const std::string& business_time_zone = "UTC");
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const char* kind_name() const;  // "sqlite" | "postgresql"
  int32_t schema_version() const;

  IngestionRepository& ingestion() { return ingestion_; }
  OutboxRepository& outbox() { return outbox_; }
  AuditRepository& audit() { return audit_; }
  JobsRepository& jobs() { return jobs_; }
  TiersRepository& tiers() { return tiers_; }
  ComplaintsRepository& complaints() { return complaints_; }
  ContactsRepository& contacts() { return contacts_; }  // 1.4
  VisitsRepository& visits() { return visits_; }        // 1.4
  ServiceRepository& service() { return service_; }  // 1.4
  IdentityRepository& identity() { return identity_; }
  DealsRepository& deals() { return deals_; }  // 1.5

  // The shared database object, for the store's own code and tests (database/database.hpp).
  Database& database() { return *database_; }

 private:
  explicit Store(std::unique_ptr<Database> database);

  std::unique_ptr<Database> database_;  // first: the repositories refer to it
  IngestionRepository ingestion_;
  OutboxRepository outbox_;
  AuditRepository audit_;
  JobsRepository jobs_;
  TiersRepository tiers_;
  ComplaintsRepository complaints_;
  ContactsRepository contacts_;  // 1.4
  VisitsRepository visits_;      // 1.4
  ServiceRepository service_;
  IdentityRepository identity_;
  DealsRepository deals_;  // 1.5
};

}  // namespace kam::store
