// contact_writer.cpp - ContactWriter; see contact_writer.hpp.
#include "store/ingestion/contact_writer.hpp"

#include "store/cursor.hpp"
#include "store/ingestion/writer_support.hpp"

namespace kam::store::detail {

ContactWriter::ContactWriter(WriteContext& context) : ctx_(context), points_(context) {}
ContactWriter::~ContactWriter() = default;

ItemResult ContactWriter::write(const core::ContactEvent& c) {
  if (!ctx_.accounts.exists(c.account_id)) return unknown_item("account", c.account_id, "account_upserted");
  if (!upsert_)
    upsert_ = std::make_unique<RepeatedWrite>(
        ctx_.sql, ctx_.backend,
        "INSERT INTO contacts (contact_id, account_id, name, role, removed, updated_at_ms, last_event_id)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)"
        " ON CONFLICT (contact_id) DO UPDATE SET account_id = excluded.account_id, name = excluded.name,"
        " role = excluded.role, removed = excluded.removed, updated_at_ms = excluded.updated_at_ms,"
        " last_event_id = excluded.last_event_id WHERE contacts.updated_at_ms <= excluded.updated_at_ms");
  const bool removed = (c.flags & core::kContactRemoved) != 0;
  const int64_t changed = upsert_->run(
      {c.contact_id, c.account_id, c.name, c.role, int64_t{removed ? 1 : 0}, ctx_.at_ms, ctx_.event_id});
  if (changed > 0) {
    static const std::vector<std::string> none;
    points_.replace(c.account_id, c.contact_id, removed ? none : c.phones, removed ? none : c.emails);
  }
  return accepted_item();
}

}  // namespace kam::store::detail
