// chinese.hpp - the two Chinese-script services of normalisation, each created once (they load
// dictionaries and rule sets): Traditional to Simplified with OpenCC's phrase tables (t2s.json), and
// toneless Hanyu Pinyin with ICU's Han-Latin transliterator.
#pragma once

#include <unicode/uversion.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace opencc {
class SimpleConverter;
}
U_NAMESPACE_BEGIN
class Transliterator;
U_NAMESPACE_END

namespace kam::core::identity {

class ChineseScript {
 public:
  ChineseScript();  // ~100 ms; throws kam::Error(Status::config) if OpenCC's data is missing
  ~ChineseScript();
  ChineseScript(const ChineseScript&) = delete;
  ChineseScript& operator=(const ChineseScript&) = delete;

  // "華東電子科技" -> "华东电子科技"; text without Han passes unchanged.
  std::string to_simplified(std::string_view utf8) const;
  // "华东" -> "hua dong": lower-case ASCII syllables; non-Han text passes through Latin-ASCII.
  std::string pinyin(std::string_view utf8) const;

 private:
  std::unique_ptr<opencc::SimpleConverter> t2s_;
  std::unique_ptr<icu::Transliterator> han_latin_;
  mutable std::mutex han_latin_mutex_;  // an ICU transliterator is not safe for concurrent use
};

}  // namespace kam::core::identity
