// normalise.cpp - phone numbers through libphonenumber, e-mail addresses through ICU's NFKC case
// fold (only when the address is not plain ASCII: ASCII folds to its lower case).
#include "core/contacts/normalise.hpp"

#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>
#include <set>
#include <unordered_map>

namespace i18n::phonenumbers {
// libphonenumber's compiled-in metadata, the bytes PhoneNumberUtil itself loads (declared in its
// src/phonenumbers/metadata.h, which Debian does not install; exported by libphonenumber.so).
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace kam::core::contacts {
namespace {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
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

// What Parse may strip or rewrite after a calling code: its main region's national prefix for
// parsing, a pattern matched at the start of the national number ("0" in Germany, a trunk prefix or
// a carrier code in China, "3$1"'s leading digits on Norfolk Island). Where it matches nothing there
// (or only the empty string), Parse keeps the number as it is.
struct TrunkRule {
  bool unknown = false;            // a pattern std::regex cannot read: leave every number to the library
  std::optional<std::regex> start;  // nullopt: the region strips nothing
};

const std::unordered_map<int, TrunkRule>& trunk_rules() {
  static const std::unordered_map<int, TrunkRule> rules = [] {
    std::unordered_map<int, TrunkRule> out;
    PhoneMetadataCollection all;
    if (!all.ParseFromArray(i18n::phonenumbers::metadata_get(), i18n::phonenumbers::metadata_size()))
      return out;  // empty: the fast path leaves every number to the library
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    for (const PhoneMetadata& region : all.metadata()) {
      std::string main;
      util.GetRegionCodeForCountryCode(region.country_code(), &main);
      if (region.id() != main) continue;  // Parse reads a calling code with its main region
      TrunkRule rule;
      const std::string& prefix = region.national_prefix_for_parsing();
      if (!prefix.empty()) {
        try {
          rule.start.emplace(prefix, std::regex::ECMAScript | std::regex::optimize);
        } catch (const std::regex_error&) {
          rule.unknown = true;
        }
      }
      out.emplace(region.country_code(), std::move(rule));
    }
    return out;
  }();
  return rules;
}

// Whether Parse could strip or rewrite the start of this national number (both leftmost-first
// engines: std::regex's ECMAScript and the library's RE2/ICU agree on which match comes first).
bool trunk_may_apply(const TrunkRule& rule, std::string_view national) {
  if (rule.unknown) return true;
  if (!rule.start) return false;
  std::match_results<std::string_view::const_iterator> m;
  return std::regex_search(national.begin(), national.end(), m, *rule.start, std::regex_constants::match_continuous) &&
         m.length(0) > 0;
}

// ^\+[1-9][0-9]{6,14}$
bool looks_e164(std::string_view s) {
  if (s.size() < 8 || s.size() > 16 || s[0] != '+' || s[1] < '1' || s[1] > '9') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

const char* point_kind_name(PointKind kind) { return kind == PointKind::phone ? "phone" : "email"; }

std::optional<Normalised> normalise_e164_fast(std::string_view given) {
  if (!looks_e164(given)) return std::nullopt;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  // The calling code as Parse extracts it: the shortest prefix of 1..3 digits the library knows (ITU
  // codes are prefix-free).
  const std::string_view digits = given.substr(1);
  int code = 0;
  std::string region;
  std::size_t length = 1;
  for (; length <= 3; ++length) {
    code = code * 10 + (digits[length - 1] - '0');
    util.GetRegionCodeForCountryCode(code, &region);
    if (region != PhoneNumberUtil::kRegionCodeForNonGeoEntity && region != "ZZ") break;
    if (region == PhoneNumberUtil::kRegionCodeForNonGeoEntity) return std::nullopt;  // +800 etc.: rare
  }
  if (length > 3) return std::nullopt;  // unknown code: Parse may still read it with the default region
  const std::string_view national = digits.substr(length);
  // Parse strips a national (trunk) prefix when what remains still has a possible length, and keeps
  // leading zeros apart: leave both to the library.
  if (national.empty() || national[0] == '0') return std::nullopt;
  const auto rule = trunk_rules().find(code);
  if (rule == trunk_rules().end() || trunk_may_apply(rule->second, national)) return std::nullopt;
  PhoneNumber number;
  number.set_country_code(code);
  uint64_t value = 0;
  for (char c : national) value = value * 10 + static_cast<uint64_t>(c - '0');
  number.set_national_number(value);
  if (!util.IsPossibleNumber(number)) return std::nullopt;  // the library decides what it is
  return Normalised{std::string(given), true};
}

Normalised normalise_phone_with_library(std::string_view raw, std::string_view region) {
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

Normalised normalise_phone(std::string_view raw, std::string_view region) {
  if (std::optional<Normalised> fast = normalise_e164_fast(trim(raw))) return std::move(*fast);
  return normalise_phone_with_library(raw, region);
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
