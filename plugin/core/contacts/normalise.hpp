// normalise.hpp - contact points (phone numbers and e-mail addresses) in the one form they are
// stored and looked up in (docs/contacts.md): phones as E.164 ("+8613800138000", libphonenumber,
// national numbers read in a default region), e-mail addresses trimmed and NFKC case-folded. A value
// that does not normalise is kept as given and flagged invalid: stored, shown, never matched.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kam::core::contacts {

enum class PointKind { phone, email };

const char* point_kind_name(PointKind kind);  // "phone" | "email"

struct Normalised {
  std::string value;   // E.164 / folded address; the trimmed input when !valid
  bool valid = false;  // false: kept, never matched
};

// `region` is an ISO 3166 two-letter code (business.phone_region), used for national numbers.
// Input already in E.164 form (^\+[1-9][0-9]{6,14}$, surrounding spaces trimmed) takes
// normalise_e164_fast; anything else, and whatever the fast path leaves open, libphonenumber.
Normalised normalise_phone(std::string_view raw, std::string_view region);
// libphonenumber alone: Parse, IsPossibleNumber, Format E164.
Normalised normalise_phone_with_library(std::string_view raw, std::string_view region);
// The hotline's usual input ("+8613800138000") without libphonenumber's Parse (its regular
// expressions cost most of a lookup): answers only when the result is sure to be the input itself
// (a calling code the library knows, no leading zero or trunk prefix after it, a possible length
// for that code); nullopt leaves it to the library. Same answers as the library
// (tests/core/contacts_e164_test.cpp compares them over every region's numbers).
std::optional<Normalised> normalise_e164_fast(std::string_view trimmed);
Normalised normalise_email(std::string_view raw);

// A hotline or mailbox query: an '@' makes it an e-mail address, anything else a phone number.
struct Query {
  PointKind kind = PointKind::phone;
  Normalised normalised;
};
Query classify(std::string_view raw, std::string_view region);

// Whether libphonenumber knows the region code ("CN", "DE", ...), for the config loader.
bool is_phone_region(std::string_view region);

}  // namespace kam::core::contacts
