// account_writer.cpp - AccountWriter: one prepared upsert per batch.
#include "store/ingestion/account_writer.hpp"

#include "store/ingestion/writer_support.hpp"
#include "store/json_columns.hpp"

namespace kam::store::detail {

using soci::use;

ItemResult AccountWriter::write(const core::AccountUpserted& a) {
  if (!upsert_) {
    upsert_.emplace(
        (ctx_.sql.prepare << "INSERT INTO accounts (account_id, name, name_latin, tax_id, region,"
                             " industry, account_manager_id, distributor_id, flags, updated_at_ms,"
                             " last_event_id) VALUES (:account_id, :name, :name_latin, :tax_id,"
                             " :region, :industry, :account_manager_id, :distributor_id, :flags,"
                             " :updated_at_ms, :last_event_id)"
                             " ON CONFLICT (account_id) DO UPDATE SET name = excluded.name,"
                             " name_latin = excluded.name_latin, tax_id = excluded.tax_id,"
                             " region = excluded.region, industry = excluded.industry,"
                             " account_manager_id = excluded.account_manager_id,"
                             " distributor_id = excluded.distributor_id, flags = excluded.flags,"
                             " updated_at_ms = excluded.updated_at_ms,"
                             " last_event_id = excluded.last_event_id"
                             " WHERE excluded.updated_at_ms >= accounts.updated_at_ms",
         use(id_, "account_id"), use(name_, "name"), use(name_latin_, "name_latin"), use(tax_id_, "tax_id"),
         use(region_, "region"), use(industry_, "industry"), use(manager_, "account_manager_id"),
         use(distributor_, "distributor_id"), use(flags_, "flags"), use(ctx_.at_ms, "updated_at_ms"),
         use(ctx_.event_id, "last_event_id")));
  }
  id_ = a.account_id;
  name_ = a.name;
  name_latin_ = a.name_latin;
  tax_id_ = a.tax_id;
  region_ = a.region;
  industry_ = a.industry;
  manager_ = a.account_manager_id;
  distributor_ = a.distributor_id;
  flags_ = json_string_array(a.flags);
  upsert_->execute(true);
  const bool stored = upsert_->get_affected_rows() > 0;  // not when a newer record is stored already
  // Only when this record applied (a late older one changes nothing, its points neither).
  if (a.has_contact_points && stored) points_.replace(a.account_id, "", a.phones, a.emails);
  ctx_.accounts.upserted(a.account_id);
  if (stored) write_identity(a);
  return accepted_item();
}

void AccountWriter::write_identity(const core::AccountUpserted& a) {
  if (!identity_) identity_.emplace(ctx_.sql, ctx_.backend);
  identity_->write(a.account_id, a.name, a.name_latin, a.tax_id);
}

}  // namespace kam::store::detail
