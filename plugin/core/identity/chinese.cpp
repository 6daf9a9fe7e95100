// chinese.cpp - OpenCC t2s and ICU Han-Latin, loaded once per ChineseScript.
#include "core/identity/chinese.hpp"

#include <unicode/translit.h>

#include <exception>
#include <opencc/SimpleConverter.hpp>

#include "core/error.hpp"
#include "core/identity/text.hpp"

namespace kam::core::identity {

ChineseScript::ChineseScript() {
  try {
    t2s_ = std::make_unique<opencc::SimpleConverter>(KAM_OPENCC_T2S);
  } catch (const std::exception& e) {
    throw Error(Status::config,
                std::string("OpenCC: cannot load ") + KAM_OPENCC_T2S + " (package libopencc-data): " + e.what());
  }
  UErrorCode status = U_ZERO_ERROR;
  han_latin_.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !han_latin_)
    throw Error(Status::config, std::string("ICU: cannot create the Han-Latin transliterator: ") + u_errorName(status));
}

ChineseScript::~ChineseScript() = default;

std::string ChineseScript::to_simplified(std::string_view utf8) const {
  if (!has_han(utf8)) return std::string(utf8);
  return t2s_->Convert(utf8.data(), utf8.size());
}

std::string ChineseScript::pinyin(std::string_view utf8) const {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  {
    std::lock_guard lock(han_latin_mutex_);
    han_latin_->transliterate(text);
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace kam::core::identity
