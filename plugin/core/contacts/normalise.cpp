// normalise.cpp - phone numbers through libphonenumber, e-mail addresses through ICU's NFKC case
// fold (only when the address is not plain ASCII: ASCII folds to its lower case).
#include "core/contacts/normalise.hpp"

#include <phonenumbers/phonenumberutil.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace kam::core::contacts {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// NFKC case fold of UTF-8 text (full-width letters and digits become ASCII, then lower case).
std::string nfkc_casefold(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* folder = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  const icu::UnicodeString out = folder->normalize(in, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string text;
  out.toUTF8String(text);
  return text;
}

}  // namespace

const char* point_kind_name(PointKind kind) { return kind == PointKind::phone ? "phone" : "email"; }

Normalised normalise_phone(std::string_view raw, std::string_view region) {
  const std::string_view given = trim(raw);
  Normalised out{std::string(given), false};
  if (given.empty()) return out;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(given), std::string(region), &number) != PhoneNumberUtil::NO_PARSING_ERROR)
    return out;
  // A number of a possible length is kept even when its range is newer than the library's metadata.
  if (!util.IsPossibleNumber(number)) return out;
  util.Format(number, PhoneNumberUtil::E164, &out.value);
  out.valid = true;
  return out;
}

Normalised normalise_email(std::string_view raw) {
  const std::string_view given = trim(raw);
  Normalised out{std::string(given), false};
  const std::size_t at = given.find('@');
  // One '@' with something on each side and no spaces: anything else is kept and never matched.
  if (at == std::string_view::npos || at == 0 || at + 1 == given.size() ||
      given.find('@', at + 1) != std::string_view::npos ||
      given.find_first_of(" \t") != std::string_view::npos)
    return out;
  if (is_ascii(given)) {
    std::string folded(given);
    std::transform(folded.begin(), folded.end(), folded.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    out.value = std::move(folded);
  } else {
    out.value = nfkc_casefold(given);
  }
  out.valid = true;
  return out;
}

Query classify(std::string_view raw, std::string_view region) {
  if (raw.find('@') != std::string_view::npos) return {PointKind::email, normalise_email(raw)};
  return {PointKind::phone, normalise_phone(raw, region)};
}

bool is_phone_region(std::string_view region) {
  std::set<std::string> regions;
  PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
  return regions.count(std::string(region)) > 0;
}

}  // namespace kam::core::contacts
