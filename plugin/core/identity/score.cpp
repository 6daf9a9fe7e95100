// score.cpp - the score of a pair of records and its evidence.
#include "core/identity/score.hpp"

#include <algorithm>
#include <cstdio>

#include "core/identity/similarity.hpp"
#include "core/identity/text.hpp"

namespace kam::core::identity {
namespace {

constexpr double kBrandWeight = 0.8, kIndustryWeight = 0.2;
constexpr double kPinyinDiscount = 0.95;
constexpr double kContained = 0.96;  // a Latin name that is part of the other: "Philips" / "Koninklijke Philips"  //
                                     // equal sound, other characters: a likely input-method typo
// Trade names one letter apart are often two companies: below 1, similarity counts 2.5 times.
constexpr double kStretch = 2.5;
// Industry words on one side only ("Philips" / "Philips Electronics") are weak evidence either way.
constexpr double kOneIndustry = 0.75;
constexpr double kSameRegion = 0.05, kOneRegion = -0.03, kSameForm = 0.02, kOtherFamily = -0.05;

std::string compact(std::string_view latin) {
  std::string out;
  for (char c : latin)
    if (c != ' ') out += c;
  return out;
}

std::string fixed(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// Every word of the shorter name is in the longer one, each within one slip ("philips" in "koninklijke
// philips"), and the shorter has five letters at least: "dsm" in "dsm ip assets" says too little.
bool contained(const std::vector<std::string>& shorter, const std::vector<std::string>& longer) {
  if (shorter.size() >= longer.size()) return false;
  size_t letters = 0;
  std::vector<bool> used(longer.size(), false);
  for (const std::string& w : shorter) {
    letters += w.size();
    bool found = false;
    for (size_t i = 0; i < longer.size() && !found; ++i)
      if (!used[i] && edit_similarity(w, longer[i]) >= 0.85) used[i] = found = true;
    if (!found) return false;
  }
  return letters >= 5;
}

std::string quoted(const Record& r) { return r.parts.brand.empty() ? "(none)" : r.parts.brand; }

// The trade-name piece: characters and pinyin for two Han names, pinyin vs letters across scripts.
Evidence trade_name(const Record& a, const Record& b, bool with_reasons) {
  std::string la = compact(a.latin), lb = compact(b.latin);
  Evidence e{Piece::trade_name, Agreement::differ, 0, {}};
  bool han_a = a.parts.script == Script::han, han_b = b.parts.script == Script::han;
  if (a.parts.brand.empty() || b.parts.brand.empty()) {
    e.agreement = Agreement::unknown;
    if (with_reasons) e.detail = "a trade name is missing";
    return e;
  }
  std::string how;
  if (han_a && han_b) {
    double chars = edit_similarity(to_u32(a.parts.brand), to_u32(b.parts.brand));
    double sound = kPinyinDiscount * edit_similarity(la, lb);
    e.value = std::max(chars, sound);
    if (with_reasons) how = sound > chars ? " (pinyin " + a.latin + " / " + b.latin + ")" : "";
  } else if (han_a != han_b) {
    e.value = edit_similarity(la, lb);
    if (with_reasons) how = " (pinyin " + (han_a ? a.latin : b.latin) + ")";
  } else {
    std::vector<std::string> ta = latin_tokens(a.latin), tb = latin_tokens(b.latin);
    std::sort(ta.begin(), ta.end());
    std::sort(tb.begin(), tb.end());
    e.value = std::max(edit_similarity(la, lb), edit_similarity(join(ta, ""), join(tb, "")));
    if (e.value < kContained && (contained(ta, tb) || contained(tb, ta))) {
      e.value = kContained;
      if (with_reasons) how = " (the words of one are in the other)";
    }
  }
  e.agreement = e.value >= 0.999 ? Agreement::agree : e.value >= 0.8 ? Agreement::compatible : Agreement::differ;
  if (with_reasons)
    e.detail = "trade names " + quoted(a) + " and " + quoted(b) + how + " " +
               (e.agreement == Agreement::agree ? "agree" : "are " + fixed(e.value) + " alike");
  return e;
}

Evidence industry(const Record& a, const Record& b, bool with_reasons) {
  const std::string &x = a.parts.industry, &y = b.parts.industry;
  Evidence e{Piece::industry, Agreement::unknown, kOneIndustry, {}};
  if (x.empty() != y.empty()) {
    if (with_reasons) e.detail = "industry only on one side (" + (x.empty() ? y : x) + ")";
    return e;
  }
  e.value = set_similarity(x, y);
  e.agreement = e.value >= 0.999 ? Agreement::agree : e.value > 0 ? Agreement::compatible : Agreement::differ;
  if (with_reasons)
    e.detail =
        x.empty() ? "no industry words" : "industry " + x + (e.agreement == Agreement::agree ? " agrees" : " vs " + y);
  return e;
}

Evidence region(const Record& a, const Record& b, bool with_reasons) {
  const NameParts &x = a.parts, &y = b.parts;
  if (x.region.empty() && y.region.empty())
    return {Piece::region, Agreement::unknown, 0, with_reasons ? "no region" : ""};
  if (x.region.empty() || y.region.empty())
    return {Piece::region, Agreement::unknown, kOneRegion,
            with_reasons ? "region " + (x.region.empty() ? y.region : x.region) + " on one side only" : ""};
  if (x.region == y.region)
    return {Piece::region, Agreement::agree, kSameRegion,
            with_reasons ? "region " + x.region + " agrees (" + x.region_how + " / " + y.region_how + ")" : ""};
  return {Piece::region, Agreement::differ, 0, with_reasons ? "regions differ: " + x.region + " vs " + y.region : ""};
}

Evidence legal_form(const Record& a, const Record& b, bool with_reasons) {
  const NameParts &x = a.parts, &y = b.parts;
  if (x.legal_class.empty() || y.legal_class.empty())
    return {Piece::legal_form, Agreement::unknown, 0, with_reasons ? "legal form not on both" : ""};
  std::string pair = with_reasons ? x.legal_form + " / " + y.legal_form : "";
  if (x.legal_class == y.legal_class)
    return {Piece::legal_form, Agreement::agree, kSameForm, with_reasons ? "legal forms agree: " + pair : ""};
  if (x.legal_family == y.legal_family)
    return {Piece::legal_form, Agreement::compatible, 0, with_reasons ? "legal forms compatible: " + pair : ""};
  return {Piece::legal_form, Agreement::differ, kOtherFamily, with_reasons ? "legal forms differ: " + pair : ""};
}

}  // namespace

Match compare(const Record& a, const Record& b, const MatchParams& params, bool with_reasons) {
  Match m;
  auto add = [&](Evidence e) {
    if (with_reasons) m.evidence.push_back(std::move(e));
  };
  const TaxId &ta = a.tax_id, &tb = b.tax_id;
  for (const TaxId* t : {&ta, &tb})
    if (t->status == TaxIdStatus::invalid)
      add({Piece::tax_id, Agreement::unknown, 0, "tax id " + t->text + " not used: " + t->problem});
  if (ta.status == TaxIdStatus::valid && tb.status == TaxIdStatus::valid) {
    m.certain = true;
    m.score = ta.text == tb.text ? 1.0 : 0.0;
    m.matched = m.score >= params.threshold;
    add({Piece::tax_id, m.score > 0 ? Agreement::agree : Agreement::differ, m.score,
         m.score > 0 ? "same unified social credit code " + ta.text
                     : "different unified social credit codes " + ta.text + " / " + tb.text});
    return m;
  }
  Evidence name = trade_name(a, b, with_reasons), ind = industry(a, b, with_reasons);
  Evidence reg = region(a, b, with_reasons), form = legal_form(a, b, with_reasons);
  double brand = std::max(0.0, 1.0 - kStretch * (1.0 - name.value));
  double score = kBrandWeight * brand + kIndustryWeight * ind.value;
  score = std::clamp(score + reg.value + form.value, 0.0, 1.0);
  if (reg.agreement == Agreement::differ) score = std::min(score, 0.5);  // same brand, other city
  m.score = score;
  m.matched = score >= params.threshold;
  add(std::move(name));
  add(std::move(ind));
  add(std::move(reg));
  add(std::move(form));
  if (a.parts.branch || b.parts.branch) {
    const Record& br = a.parts.branch ? a : b;
    add({Piece::branch, Agreement::compatible, 0,
         br.name + " is a branch" + (br.parts.branch_name.empty() ? "" : " (" + br.parts.branch_name + ")") +
             " of the company, not another company"});
  }
  return m;
}

std::string explain(const Match& match) {
  std::string out = fixed(match.score) + (match.matched ? ", match" : ", no match");
  for (size_t i = 0; i < match.evidence.size(); ++i) out += (i == 0 ? ": " : "; ") + match.evidence[i].detail;
  return out;
}

const char* piece_name(Piece piece) {
  switch (piece) {
    case Piece::tax_id:
      return "tax_id";
    case Piece::trade_name:
      return "trade_name";
    case Piece::industry:
      return "industry";
    case Piece::region:
      return "region";
    case Piece::legal_form:
      return "legal_form";
    case Piece::branch:
      return "branch";
  }
  return "?";
}

const char* agreement_name(Agreement agreement) {
  switch (agreement) {
    case Agreement::agree:
      return "agree";
    case Agreement::compatible:
      return "compatible";
    case Agreement::unknown:
      return "unknown";
    case Agreement::differ:
      return "differ";
  }
  return "?";
}

}  // namespace kam::core::identity
