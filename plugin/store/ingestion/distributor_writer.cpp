// distributor_writer.cpp - DistributorWriter: one prepared upsert per batch.
#include "store/ingestion/distributor_writer.hpp"

#include "store/ingestion/writer_support.hpp"
#include "store/json_columns.hpp"

namespace kam::store::detail {

using soci::use;

ItemResult DistributorWriter::write(const core::DistributorUpserted& d) {
  if (!upsert_) {
    upsert_.emplace(
        (ctx_.sql.prepare << "INSERT INTO distributors (distributor_id, name, tax_id, level,"
                             " territories, industries, updated_at_ms, last_event_id)"
                             " VALUES (:distributor_id, :name, :tax_id, :level, :territories,"
                             " :industries, :updated_at_ms, :last_event_id)"
                             " ON CONFLICT (distributor_id) DO UPDATE SET name = excluded.name,"
                             " tax_id = excluded.tax_id, level = excluded.level,"
                             " territories = excluded.territories, industries = excluded.industries,"
                             " updated_at_ms = excluded.updated_at_ms,"
                             " last_event_id = excluded.last_event_id"
                             " WHERE excluded.updated_at_ms >= distributors.updated_at_ms",
         use(id_, "distributor_id"), use(name_, "name"), use(tax_id_, "tax_id"), use(level_, "level"),
         use(territories_, "territories"), use(industries_, "industries"), use(ctx_.at_ms, "updated_at_ms"),
         use(ctx_.event_id, "last_event_id")));
  }
  id_ = d.distributor_id;
  name_ = d.name;
  tax_id_ = d.tax_id;
  level_ = d.level;
  territories_ = json_string_array(d.territories);
  industries_ = json_string_array(d.industries);
  upsert_->execute(true);
  return accepted_item();
}

}  // namespace kam::store::detail
