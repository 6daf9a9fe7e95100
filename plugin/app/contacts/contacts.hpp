// contacts.hpp - who is calling (kam/contacts.h, docs/contacts.md): a phone number or e-mail
// address as the hotline or the mailbox received it, normalised like the stored points
// (core/contacts), looked up in the store, and answered with what the host routes by: each account's
// tier, the tier's hotline, the account manager, the open complaints and service requests, the next
// visit due.
#pragma once

#include <string>

#include "config/config.hpp"
#include "store/store.hpp"

namespace kam::app {

inline constexpr const char* kContactsLookup = "contacts.lookup";  // also in core::kPermissions

// kam/contacts.h who: JSON as documented there. Throws invalid_argument for an empty query,
// not_found (naming the normalised value) when no account has it, or when it is no number or
// address KAM can read.
std::string who_json(store::Store& store, const config::Config& config, const std::string& phone_or_email);

}  // namespace kam::app
