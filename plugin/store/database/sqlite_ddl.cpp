// sqlite_ddl.cpp - SqliteDdl; see sqlite_ddl.hpp.
#include "store/database/sqlite_ddl.hpp"

namespace kam::store::detail {

SqliteDdl::SqliteDdl(const std::vector<const char*>& postgresql) {
  for (const char* statement : postgresql) {
    std::string text = statement;
    for (std::size_t at = text.find("BIGINT"); at != std::string::npos; at = text.find("BIGINT", at))
      text.replace(at, 6, "INTEGER");
    if (text.rfind("CREATE TABLE", 0) == 0) text += " WITHOUT ROWID";
    texts_.push_back(std::move(text));
  }
  for (const std::string& text : texts_) pointers_.push_back(text.c_str());
}

}  // namespace kam::store::detail
