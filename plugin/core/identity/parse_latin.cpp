// parse_latin.cpp - Latin company names, token by token: a region in brackets, the name ended at a legal
// form, legal forms from the end (and Dutch-style ones from the start), a region first or last, industry words from the
// end; the remaining tokens are the trade name.
#include <algorithm>

#include "core/identity/name_parts.hpp"
#include "core/identity/similarity.hpp"
#include "core/identity/text.hpp"

namespace kam::core::identity {
namespace {

using Tokens = std::vector<std::string>;

bool ends_with(const Tokens& t, const Tokens& tail) {
  return t.size() >= tail.size() && std::equal(tail.begin(), tail.end(), t.end() - static_cast<long>(tail.size()));
}

const Region* region_named(std::string_view name, const Tables& tables) {
  for (const Region& r : tables.regions)
    if (std::find(r.latin.begin(), r.latin.end(), name) != r.latin.end()) return &r;
  return nullptr;
}

void set_region(NameParts& p, const Region& r, const char* how) {
  p.region = r.latin.front();
  p.region_code = r.code;
  p.region_how = how;
}

// The region named by the first (or last) one or two tokens, leaving at least one token.
const Region* region_at(const Tokens& t, bool front, size_t& used, const Tables& tables) {
  for (size_t n = 2; n >= 1; --n) {
    if (t.size() <= n) continue;
    Tokens part =
        front ? Tokens(t.begin(), t.begin() + static_cast<long>(n)) : Tokens(t.end() - static_cast<long>(n), t.end());
    if (const Region* r = region_named(join(part), tables)) {
      used = n;
      return r;
    }
  }
  return nullptr;
}

// A long one-word industry rendering one slip away ("electonics"): typed names have typos there too.
bool misspelt(const std::string& token, const Tokens& form) {
  return form.size() == 1 && form[0].size() >= 7 && edit_similarity(token, form[0]) >= 0.85;
}

// What follows a legal form inside a name is an address or a note ("Akzo Nobel NV Arnhem", "DSM N.V.
// te Heerlen"): the name ends with the form. "Co" alone is too common a word to cut at.
void cut_after_form(Tokens& t, const Tables& tables) {
  for (size_t i = 1; i + 1 < t.size(); ++i)
    for (const LatinLegalForm& f : tables.latin_forms) {
      if (f.cls == "company" || i + f.tokens.size() > t.size() ||
          !std::equal(f.tokens.begin(), f.tokens.end(), t.begin() + static_cast<long>(i)))
        continue;
      t.resize(i + f.tokens.size());  // the longest form here wins: "gmbh co kg" over "gmbh"
      return;
    }
}

}  // namespace

NameParts parse_latin(std::string_view canonical, const Tables& tables) {
  NameParts p;
  p.script = Script::latin;
  // Bracket groups: "(shanghai)" is the region; other bracketed words stay in the name.
  std::string rest;
  for (size_t i = 0; i < canonical.size();) {
    size_t open = canonical.find('(', i);
    if (open == std::string_view::npos) {
      rest += canonical.substr(i);
      break;
    }
    rest += canonical.substr(i, open - i);
    size_t close = canonical.find(')', open);
    if (close == std::string_view::npos) close = canonical.size();
    std::string inside = join(latin_tokens(canonical.substr(open + 1, close - open - 1)));
    const Region* r = region_named(inside, tables);
    if (r && p.region.empty())
      set_region(p, *r, "brackets");
    else
      rest += " " + inside + " ";
    i = close + 1;
  }
  Tokens t = latin_tokens(canonical_punctuation(rest));
  cut_after_form(t, tables);
  for (bool changed = true; changed;) {
    changed = false;
    for (const LatinLegalForm& f : tables.latin_forms) {
      if (t.size() <= f.tokens.size() || !ends_with(t, f.tokens)) continue;
      t.resize(t.size() - f.tokens.size());
      if (p.legal_form.empty()) {
        p.legal_form = join(f.tokens);
        p.legal_class = f.cls;
        p.legal_family = f.family;
      }
      changed = true;
      break;
    }
  }
  for (const LatinLegalForm& f : tables.latin_forms) {
    if (!f.also_prefix || t.size() <= f.tokens.size() || !std::equal(f.tokens.begin(), f.tokens.end(), t.begin()))
      continue;
    t.erase(t.begin(), t.begin() + static_cast<long>(f.tokens.size()));
    if (p.legal_form.empty()) {
      p.legal_form = join(f.tokens);
      p.legal_class = f.cls;
      p.legal_family = f.family;
    }
    break;
  }
  size_t used = 0;
  if (const Region* r = region_at(t, true, used, tables); r && (p.region.empty() || p.region == r->latin.front())) {
    if (p.region.empty()) set_region(p, *r, "prefix");
    t.erase(t.begin(), t.begin() + static_cast<long>(used));
  } else if (const Region* s = p.region.empty() ? region_at(t, false, used, tables) : nullptr) {
    set_region(p, *s, "suffix");
    t.resize(t.size() - used);
  }
  // "Group" is 集团 in Latin letters: a flag, not part of the trade name ("Huadong Electric Group Co.,
  // Ltd." is Huadong Electric, as 华东电气集团有限公司 is 华东 + 电气).
  while (t.size() > 1 && t.back() == "group") {
    t.pop_back();
    p.group = true;
  }
  std::vector<std::string> industry;
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t n = 3; n >= 1 && !changed; --n) {  // longest rendering first: "science technology"
      for (const IndustryTerm& term : tables.industry) {
        for (const Tokens& form : term.latin) {
          if (form.size() != n || t.size() <= n || !(ends_with(t, form) || misspelt(t.back(), form))) continue;
          t.resize(t.size() - n);
          industry.insert(industry.begin(), term.english);
          changed = true;
          break;
        }
        if (changed) break;
      }
    }
  }
  p.industry = join(industry, ",");
  p.brand = join(t);
  return p;
}

}  // namespace kam::core::identity
