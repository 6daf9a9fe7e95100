// sqlite_dialect.cpp - SqliteStatements; see sqlite_dialect.hpp.
#include "store/database/sqlite_dialect.hpp"

namespace kam::store::detail {

SqliteStatements::SqliteStatements(const std::vector<const char*>& postgresql) {
  for (const char* statement : postgresql) {
    std::string text = statement;
    for (std::size_t at = text.find("BIGINT"); at != std::string::npos; at = text.find("BIGINT", at))
      text.replace(at, 6, "INTEGER");
    if (text.rfind("CREATE TABLE", 0) == 0) text += " WITHOUT ROWID";
    texts_.push_back(std::move(text));
  }
  for (const std::string& text : texts_) statements_.push_back(text.c_str());
}

}  // namespace kam::store::detail
