// kam/host/contacts.hpp - kam::host::Contacts, who is calling (ABI 1.4, kam/contacts.h): the
// accounts a phone number or e-mail address belongs to, as the JSON text kam/contacts.h documents.
// Get one from Instance::contacts(), which throws KAM_ERR_UNSUPPORTED on a plugin older than 1.4.
// Part of kam/host.hpp (include that).
#ifndef KAM_HOST_CONTACTS_HPP
#define KAM_HOST_CONTACTS_HPP

#include <kam/host/actor.hpp>
#include <kam/host/buffer.hpp>
#include <kam/host/library.hpp>
#include <kam/kam.h>

#include <optional>
#include <string>
#include <utility>

namespace kam::host {

// The contacts table bound to one instance. Cheap to copy; keeps the library loaded, but not the
// instance: use it only while the Instance it came from lives. Methods are [thread-safe].
class Contacts {
 public:
  Contacts(detail::LibraryPtr lib, kam_instance* instance, const kam_contacts_v1* table)
      : lib_(std::move(lib)), instance_(instance), table_(table) {}

  // Who has this number or address (any common format; an '@' makes it an address). Throws
  // Error(KAM_ERR_NOT_FOUND) for an unknown caller. Needs "contacts.lookup".
  std::string who(const Actor& actor, const std::string& phone_or_email) const {
    if (!KAM_CONTACTS_HAS(table_, who)) missing("who");
    Buffer out(lib_);
    detail::check(*lib_->api, table_->who(instance_, actor.get(), phone_or_email.c_str(), 0, out.get()),
                  "contacts.who");
    return out.str();
  }

  // The same, with an unknown caller as nothing instead of an exception (other errors still throw).
  std::optional<std::string> find(const Actor& actor, const std::string& phone_or_email) const {
    if (!KAM_CONTACTS_HAS(table_, who)) missing("who");
    Buffer out(lib_);
    const kam_status status = table_->who(instance_, actor.get(), phone_or_email.c_str(), 0, out.get());
    if (status == KAM_ERR_NOT_FOUND) return std::nullopt;
    detail::check(*lib_->api, status, "contacts.who");
    return out.str();
  }

  // The C table and handle, for members the wrapper does not cover (check them with KAM_CONTACTS_HAS).
  const kam_contacts_v1& table() const noexcept { return *table_; }
  kam_instance* handle() const noexcept { return instance_; }

 private:
  [[noreturn]] void missing(const char* member) const {
    detail::throw_missing(*lib_, std::string("contacts.") + member, 4);
  }

  detail::LibraryPtr lib_;
  kam_instance* instance_;
  const kam_contacts_v1* table_;
};

}  // namespace kam::host

#endif  // KAM_HOST_CONTACTS_HPP
