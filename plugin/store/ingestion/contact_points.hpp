// contact_points.hpp - writes the normalised phone numbers and e-mail addresses of one owner (an
// account's own, contact_id "", or one contact's), replacing the owner's previous ones: both events
// carry the whole list each time (kam/events.h). Numbers are read in the config's default region;
// one that does not normalise is stored as given with valid = 0 (never matched, docs/contacts.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/ingestion/writer_context.hpp"

namespace kam::store::detail {

class RepeatedWrite;

class ContactPoints {
 public:
  explicit ContactPoints(WriteContext& context);
  ~ContactPoints();
  ContactPoints(const ContactPoints&) = delete;
  ContactPoints& operator=(const ContactPoints&) = delete;

  // Deletes the owner's points, then stores these (none when both lists are empty).
  void replace(const std::string& account_id, const std::string& contact_id, const std::vector<std::string>& phones,
               const std::vector<std::string>& emails);

 private:
  WriteContext& ctx_;
  std::unique_ptr<RepeatedWrite> delete_, insert_;
};

}  // namespace kam::store::detail
