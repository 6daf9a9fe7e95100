// parse_han.cpp - Han company names: branch marker, organisational form and 集团 from the end, a region
// in brackets, as a prefix or before the form, industry words from the end; the rest is the trade name.
#include <algorithm>

#include "core/identity/han_lexicon.hpp"
#include "core/identity/name_parts.hpp"
#include "core/identity/text.hpp"

namespace kam::core::identity {

HanLexicon make_han_lexicon(const Tables& tables) {
  HanLexicon lex;
  for (const HanLegalForm& f : tables.han_forms) lex.forms.push_back({to_u32(f.text), &f});
  for (const Region& r : tables.regions)
    for (const std::string& name : r.han) lex.regions.push_back({to_u32(name), &r});
  for (const IndustryTerm& t : tables.industry) lex.industry.push_back({to_u32(t.han), &t});
  auto longest = [](const auto& a, const auto& b) { return a.text.size() > b.text.size(); };
  std::stable_sort(lex.forms.begin(), lex.forms.end(), longest);
  std::stable_sort(lex.regions.begin(), lex.regions.end(), longest);
  std::stable_sort(lex.industry.begin(), lex.industry.end(), longest);
  return lex;
}

namespace {

bool ends_with(const std::u32string& s, const std::u32string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The longest entry that ends s (leaving at least keep characters), or nullptr.
template <typename T>
const HanLexicon::Entry<T>* suffix_of(const std::u32string& s, const std::vector<HanLexicon::Entry<T>>& entries,
                                      size_t keep) {
  for (const auto& e : entries)
    if (s.size() >= e.text.size() + keep && ends_with(s, e.text)) return &e;
  return nullptr;
}

const HanLexicon::Entry<Region>* region_named(const std::u32string& s, const HanLexicon& lex) {
  for (const auto& e : lex.regions)
    if (e.text == s) return &e;
  return nullptr;
}

void set_region(NameParts& p, const Region& r, const char* how) {
  p.region = r.latin.front();
  p.region_code = r.code;
  p.region_how = how;
}

// 上海华东电子科技有限公司北京分公司: the branch is named by what follows the parent's form.
void take_branch(std::u32string& s, NameParts& p, const HanLexicon& lex) {
  for (const auto& e : lex.forms) {
    if (e.item->kind != FormKind::branch || !ends_with(s, e.text) || s.size() == e.text.size()) continue;
    s.resize(s.size() - e.text.size());
    p.branch = true;
    size_t parent_end = 0;
    for (const auto& f : lex.forms) {
      if (f.item->kind != FormKind::form) continue;
      size_t at = s.rfind(f.text);
      if (at != std::u32string::npos) parent_end = std::max(parent_end, at + f.text.size());
    }
    if (parent_end > 0 && parent_end < s.size()) {
      p.branch_name = to_utf8(s.substr(parent_end));
      s.resize(parent_end);
    } else if (const auto* r = suffix_of(s, lex.regions, 2)) {  // 华东电子北京分公司
      p.branch_name = to_utf8(r->text);
      s.resize(s.size() - r->text.size());
    }
    return;
  }
}

// Strips forms, 集团 and a trailing bracket group from the end until none is left.
void take_forms_and_brackets(std::u32string& s, NameParts& p, const HanLexicon& lex) {
  for (bool changed = true; changed;) {
    changed = false;
    if (const auto* f = suffix_of(s, lex.forms, 1); f && f->item->kind != FormKind::branch) {
      s.resize(s.size() - f->text.size());
      if (f->item->kind == FormKind::group) {
        p.group = true;
      } else if (p.legal_form.empty()) {
        p.legal_form = f->item->text;
        p.legal_class = f->item->cls;
        p.legal_family = f->item->family;
      }
      changed = true;
    }
    if (!s.empty() && s.back() == ')') {
      size_t open = s.rfind('(');
      if (open == std::u32string::npos || open == 0) continue;
      std::u32string inside = s.substr(open + 1, s.size() - open - 2);
      s.resize(open);
      if (const auto* r = region_named(inside, lex); r && p.region.empty()) {
        set_region(p, *r->item, "brackets");
      } else if (const auto* f = suffix_of(inside, lex.forms, 0); f && f->text == inside) {
        if (f->item->kind == FormKind::group) p.group = true;  // 华东电子(集团)有限公司
      } else {
        s += inside;  // an ordinary bracketed word stays in the name, without brackets
      }
      changed = true;
    }
  }
}

}  // namespace

NameParts parse_han(std::string_view canonical, const HanLexicon& lex) {
  NameParts p;
  p.script = Script::han;
  std::u32string s = to_u32(canonical);
  take_branch(s, p, lex);
  take_forms_and_brackets(s, p, lex);
  // Brackets left inside the name: a region is taken, other brackets just go.
  for (size_t open; (open = s.find('(')) != std::u32string::npos;) {
    size_t close = s.find(')', open);
    if (close == std::u32string::npos) {
      s.erase(open, 1);
      continue;
    }
    std::u32string inside = s.substr(open + 1, close - open - 1);
    const auto* r = region_named(inside, lex);
    if (r && p.region.empty()) set_region(p, *r->item, "brackets");
    s.erase(open, close - open + 1);
    if (!r) s.insert(open, inside);
  }
  s.erase(std::remove(s.begin(), s.end(), U')'), s.end());
  for (const auto& r : lex.regions) {  // prefix: 上海华东…; a different region there is a trade name
    if (s.size() < r.text.size() + 2 || s.compare(0, r.text.size(), r.text) != 0) continue;
    if (!p.region.empty() && p.region != r.item->latin.front()) break;
    if (p.region.empty()) set_region(p, *r.item, "prefix");
    s.erase(0, r.text.size());
    break;
  }
  if (p.region.empty()) {  // 华东电子科技上海有限公司
    if (const auto* r = suffix_of(s, lex.regions, 2)) {
      set_region(p, *r->item, "suffix");
      s.resize(s.size() - r->text.size());
    }
  }
  std::vector<std::string> industry;
  while (const auto* t = suffix_of(s, lex.industry, 2)) {
    industry.insert(industry.begin(), t->item->english);
    s.resize(s.size() - t->text.size());
  }
  p.industry = join(industry, ",");
  p.brand = to_utf8(s);
  return p;
}

}  // namespace kam::core::identity
