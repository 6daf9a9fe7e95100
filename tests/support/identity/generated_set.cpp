// generated_set.cpp - the generator of the labelled set: entities, their spellings, hard negatives.
#include "generated_set.hpp"

#include <algorithm>
#include <opencc/SimpleConverter.hpp>
#include <random>
#include <set>

#include "core/identity/text.hpp"
#include "core/identity/uscc.hpp"

namespace kam::core::identity::test {
namespace {

// Trade-name characters by toneless pinyin; characters of one group sound alike, which is what a
// pinyin input method's typos produce. Written by hand, independent of ICU's transliteration.
struct Sound {
  const char* pinyin;
  std::vector<const char*> chars;
};
const std::vector<Sound> kSounds = {
    {"hua", {"华", "花"}},
    {"dong", {"东", "冬"}},
    {"xin", {"新", "心", "欣", "鑫"}},
    {"da", {"达", "大"}},
    {"li", {"力", "立", "丽", "利"}},
    {"jin", {"金", "锦", "今"}},
    {"ming", {"明", "铭", "鸣"}},
    {"tian", {"天", "田"}},
    {"heng", {"恒", "衡"}},
    {"hong", {"宏", "鸿", "红"}},
    {"sheng", {"盛", "胜", "升"}},
    {"long", {"龙", "隆"}},
    {"feng", {"丰", "峰", "风"}},
    {"yuan", {"源", "元", "远", "圆"}},
    {"tai", {"泰", "太"}},
    {"kang", {"康"}},
    {"rui", {"瑞", "锐"}},
    {"bo", {"博", "波"}},
    {"cheng", {"诚", "成", "城"}},
    {"jia", {"佳", "嘉", "家"}},
    {"hao", {"浩", "豪"}},
    {"yu", {"宇", "雨", "羽", "玉"}},
    {"an", {"安", "岸"}},
    {"hui", {"辉", "惠", "汇"}},
    {"fu", {"富", "福"}},
    {"xiang", {"祥", "翔", "香"}},
    {"kai", {"凯", "开"}},
    {"wei", {"威", "维", "伟"}},
    {"zhong", {"众", "忠", "钟"}},
    {"run", {"润"}},
    {"teng", {"腾"}},
    {"yi", {"益", "亿", "艺"}},
    {"mei", {"美", "梅"}},
    {"chang", {"昌", "畅"}},
    {"tong", {"通", "同", "彤"}},
    {"shun", {"顺", "舜"}},
};
const std::vector<const char*> kIndustry = {"电子", "科技", "贸易", "机械", "化工", "医药", "物流", "软件",
                                            "信息", "技术", "电气", "材料", "食品", "服装", "汽车", "咨询"};

struct Syllable {
  size_t sound, variant;
};

struct Entity {
  std::vector<Syllable> brand;
  std::vector<std::string> industry;  // Han
  const Region* region;
  std::string form;  // 有限公司, 股份有限公司, 有限责任公司
  std::string tax_id;
};

class Generator {
 public:
  Generator(const Preparer& prep, uint64_t seed) : prep_(prep), rng_(seed), s2t_(KAM_OPENCC_S2T) {
    for (const Region& r : prep.tables().regions)
      if (r.code != "CN") regions_.push_back(&r);
  }

  std::vector<LabelledName> run(size_t entities) {
    std::vector<LabelledName> out;
    std::vector<Entity> made;
    while (made.size() < entities) {
      Entity e = fresh_entity();
      if (!used_.insert(key(e)).second) continue;
      made.push_back(e);
      if (pick(5) == 0 && made.size() < entities) {  // same brand, another city: another company
        Entity other = e;
        other.region = regions_[pick(regions_.size())];
        other.tax_id = pick(10) < 7 ? make_uscc(rng_()) : "";
        if (used_.insert(key(other)).second) made.push_back(other);
      }
      if (pick(10) == 0 && made.size() < entities) {  // a brand one character (and sound) away
        Entity other = e;
        Syllable& s = other.brand[pick(other.brand.size())];
        s = {(s.sound + 1 + pick(kSounds.size() - 1)) % kSounds.size(), 0};
        other.tax_id = pick(10) < 7 ? make_uscc(rng_()) : "";
        if (reads_as_brand(other) && used_.insert(key(other)).second) made.push_back(other);
      }
    }
    for (uint32_t id = 0; id < made.size(); ++id) {
      size_t n = 1;
      while (n < 6 && pick(100) < 60) ++n;
      for (size_t k = 0; k < n; ++k) out.push_back(spell(made[id], id));
    }
    return out;
  }

 private:
  size_t pick(size_t n) { return static_cast<size_t>(rng_() % n); }

  // One entity per trade-name sound and region: two companies of one city whose names sound alike
  // would be indistinguishable from an input-method typo (and registries refuse such names).
  static std::string key(const Entity& e) { return latin_brand(e.brand) + "|" + e.region->code; }

  static std::string han_brand(const std::vector<Syllable>& b) {
    std::string s;
    for (const Syllable& x : b) s += kSounds[x.sound].chars[x.variant];
    return s;
  }
  static std::string latin_brand(const std::vector<Syllable>& b) {
    std::string s;
    for (const Syllable& x : b) s += kSounds[x.sound].pinyin;
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
  }

  // The trade name survives preparation unchanged (no region or industry word hides in it).
  bool reads_as_brand(const Entity& e) const {
    return prep_.prepare("上海" + han_brand(e.brand) + "电子有限公司").parts.brand == han_brand(e.brand);
  }

  Entity fresh_entity() {
    for (;;) {
      Entity e;
      size_t len = pick(100) < 85 ? 2 : 3;
      for (size_t i = 0; i < len; ++i) {
        size_t s = pick(kSounds.size());
        e.brand.push_back({s, pick(kSounds[s].chars.size())});
      }
      e.industry.push_back(kIndustry[pick(kIndustry.size())]);
      if (pick(2) == 0) {
        const char* second = kIndustry[pick(kIndustry.size())];
        if (second != e.industry[0]) e.industry.push_back(second);
      }
      e.region = regions_[pick(regions_.size())];
      size_t f = pick(10);
      e.form = f < 7 ? "有限公司" : f < 9 ? "股份有限公司" : "有限责任公司";
      e.tax_id = pick(10) < 7 ? make_uscc(rng_()) : "";
      if (reads_as_brand(e)) return e;
    }
  }

  std::string english_industry(const Entity& e) const {
    std::string out;
    for (const std::string& han : e.industry)
      for (const IndustryTerm& t : prep_.tables().industry)
        if (t.han == han) {
          std::string word = t.english;
          word[0] = static_cast<char>(word[0] - 'a' + 'A');
          out += " " + word;
        }
    return out;
  }

  LabelledName spell(const Entity& e, uint32_t id) {
    std::string brand = han_brand(e.brand), industry, region = e.region->han[0];
    for (const std::string& i : e.industry) industry += i;
    LabelledName n{"", "", id, ""};
    switch (pick(12)) {
      case 0:
        n = {region + brand + industry + e.form, "", id, "prefix"};
        break;
      case 1:
        n = {brand + industry + "（" + region + "）" + e.form, "", id, "brackets"};
        break;
      case 2:
        n = {brand + industry + " (" + region + ") " + e.form, "", id, "half-width brackets, spaces"};
        break;
      case 3:
        n = {e.region->han.back() + brand + industry + e.form, "", id, "full region name"};
        break;
      case 4:
        n = {s2t_.Convert(pick(2) ? region + brand + industry + e.form
                                  : brand + industry + "（" + region + "）" + e.form),
             "", id, "traditional"};
        break;
      case 5:
        n = {region + brand + industry + (e.form == "有限公司" ? "有限责任公司" : "有限公司"), "", id,
             "legal-form variant"};
        break;
      case 6:
      case 7:
        n = {english(e, false), "", id, "english"};
        break;
      case 8:
        n = {english(e, true), "", id, "english, full width"};
        break;
      case 9:
        n = {typo(e), "", id, "typo"};
        break;
      case 10:  // no region at all: matches the same brand in any city, clustering picks one
        n = {pick(2) ? brand + industry + e.form : latin_brand(e.brand) + english_industry(e) + " Co., Ltd.", "", id,
             "no region"};
        break;
      default: {
        const Region* city = regions_[pick(regions_.size())];
        n = {region + brand + industry + e.form + city->han[0] + "分公司", "", id, "branch"};
      }
    }
    if (!e.tax_id.empty() && pick(2) == 0) {
      n.tax_id = e.tax_id;
      if (pick(20) == 0) n.tax_id[3 + pick(14)] = n.tax_id[3] == '7' ? '8' : '7';  // corrupted: kept, flagged
    }
    return n;
  }

  std::string english(const Entity& e, bool full_width) {
    std::string region = e.region->latin[0];
    region[0] = static_cast<char>(region[0] - 'a' + 'A');
    static const char* kForms[] = {" Co., Ltd.", " Co.,Ltd.", " CO., LTD.", " Company Limited", " Co. Ltd"};
    std::string name = pick(2) ? latin_brand(e.brand) + english_industry(e) + " (" + region + ")" + kForms[pick(5)]
                               : region + " " + latin_brand(e.brand) + english_industry(e) + kForms[pick(5)];
    if (pick(4) == 0)
      std::transform(name.begin(), name.end(), name.begin(),
                     [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    if (!full_width) return name;
    std::u32string wide;
    for (char c : name) wide += c == ' ' ? U'\u3000' : static_cast<char32_t>(c - 0x20 + 0xFF00);
    return to_utf8(wide);
  }

  // Input-method typos: a Han character replaced by one of the same sound; in Latin, two letters swapped.
  std::string typo(const Entity& e) {
    std::string industry;
    for (const std::string& i : e.industry) industry += i;
    std::vector<Syllable> b = e.brand;
    for (Syllable& s : b)
      if (kSounds[s.sound].chars.size() > 1) {
        s.variant = (s.variant + 1) % kSounds[s.sound].chars.size();
        return e.region->han[0] + han_brand(b) + industry + e.form;
      }
    std::string name = english(e, false);
    size_t at = 1 + pick(latin_brand(e.brand).size() - 2);
    std::swap(name[at], name[at + 1]);
    return name;
  }

  const Preparer& prep_;
  std::mt19937_64 rng_;
  opencc::SimpleConverter s2t_;
  std::vector<const Region*> regions_;
  std::set<std::string> used_;
};

}  // namespace

std::string make_uscc(uint64_t n) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::string code = "91";
  for (int i = 0; i < 15; ++i, n /= 31) code += kAlphabet[n % 31];
  return code + *uscc_check_character(code);
}

std::vector<LabelledName> generate_names(const Preparer& preparer, size_t entities, uint64_t seed) {
  return Generator(preparer, seed).run(entities);
}

}  // namespace kam::core::identity::test
