// contact_points.cpp - ContactPoints; see contact_points.hpp.
#include "store/ingestion/contact_points.hpp"

#include "core/contacts/normalise.hpp"
#include "store/cursor.hpp"

namespace kam::store::detail {

namespace cn = core::contacts;

ContactPoints::ContactPoints(WriteContext& context) : ctx_(context) {}
ContactPoints::~ContactPoints() = default;

void ContactPoints::replace(const std::string& account_id, const std::string& contact_id,
                            const std::vector<std::string>& phones, const std::vector<std::string>& emails) {
  if (!delete_)
    delete_ = std::make_unique<RepeatedWrite>(ctx_.sql, ctx_.backend,
                                              "DELETE FROM contact_points WHERE contact_id = $1 AND account_id = $2");
  // A contact that moved to another account takes its points along: its old ones go by contact id.
  if (contact_id.empty()) {
    delete_->run({contact_id, account_id});
  } else {
    RepeatedWrite(ctx_.sql, ctx_.backend, "DELETE FROM contact_points WHERE contact_id = $1").run({contact_id});
  }
  if (phones.empty() && emails.empty()) return;
  if (!insert_)
    insert_ = std::make_unique<RepeatedWrite>(
        ctx_.sql, ctx_.backend,
        "INSERT INTO contact_points (kind, value, account_id, contact_id, raw, valid) VALUES ($1, $2, $3, $4, $5, $6)"
        " ON CONFLICT (kind, value, account_id, contact_id) DO NOTHING");
  const auto store = [&](cn::PointKind kind, const std::string& raw, const cn::Normalised& n) {
    insert_->run({std::string(cn::point_kind_name(kind)), n.value, account_id, contact_id, raw, int64_t{n.valid ? 1 : 0}});
  };
  for (const std::string& p : phones) store(cn::PointKind::phone, p, cn::normalise_phone(p, ctx_.phone_region));
  for (const std::string& e : emails) store(cn::PointKind::email, e, cn::normalise_email(e));
}

}  // namespace kam::store::detail
