// contacts.cpp - the contacts section: the region national phone numbers are read in
// (default_region, an ISO 3166 code libphonenumber knows; docs/contacts.md).
#include "config/sections/sections.hpp"

#include "config/values.hpp"
#include "core/contacts/normalise.hpp"

namespace kam::config::detail {

void read_contacts(const MapReader& top, Config& config) {
  auto section = top.get_map("contacts", std::vector<std::string_view>{"default_region"});
  if (!section) return;
  if (auto region = section->get_string("default_region", "a two-letter region code like CN or DE")) {
    if (core::contacts::is_phone_region(*region)) {
      config.contacts.default_region = *region;
    } else {
      section->error_at_value(*section->find("default_region"),
                              "expected a two-letter region code of the phone numbering plans (ISO 3166, upper "
                              "case) like CN, DE or US, got " + detail::quoted(*region));
    }
  }
}

}  // namespace kam::config::detail
