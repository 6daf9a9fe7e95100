// store.cpp - the Store: opens the Database and builds the repositories over it.
#include "store/store.hpp"

#include "store/database/database.hpp"

namespace kam::store {

std::unique_ptr<Store> Store::open(const config::DatabaseConfig& db, LogFn log,
                                   const std::string& business_time_zone) {
  std::unique_ptr<Store> store(new Store(std::make_unique<Database>(db, std::move(log), business_time_zone)));
  if (const uint64_t n = store->identity_.backfill(); n > 0)
    store->database_->log(core::LogLevel::info, "database " + store->database_->label() + ": identity rows written for " +
                                                    std::to_string(n) + " accounts stored before schema 5");
  return store;
}

Store::Store(std::unique_ptr<Database> database)
    : database_(std::move(database)),
      ingestion_(*database_),
      outbox_(*database_),
      audit_(*database_),
      jobs_(*database_),
      tiers_(*database_),
      complaints_(*database_),
      contacts_(*database_),
      visits_(*database_),
      service_(*database_),
      identity_(*database_),
      deals_(*database_) {}

Store::~Store() = default;

const char* Store::kind_name() const { return database_->kind_name(); }
int32_t Store::schema_version() const { return database_->schema_version(); }

}  // namespace kam::store
