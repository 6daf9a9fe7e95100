// schema_v8.cpp - schema step 8's statements for each backend; see schema_v8.hpp.
#include "store/tiers/schema_v8.hpp"

#include <string>

namespace kam::store::detail {

const std::vector<const char*>& schema_v8_postgresql() {
  static const std::vector<const char*> statements = {
      // Written by a full evaluation (only the rows that moved); the run it belongs to (its host
      // clock, total revenue, accounts) is kam_settings "tiers.ranking" (store/tiers/tier_ranking.cpp).
      R"sql(CREATE TABLE tier_ranking (
  account_id TEXT COLLATE "C" PRIMARY KEY,
  rank BIGINT NOT NULL,
  revenue BIGINT NOT NULL,
  revenue_before BIGINT NOT NULL
))sql",
  };
  return statements;
}

const std::vector<const char*>& schema_v8_sqlite() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (const char* statement : schema_v8_postgresql()) {
      std::string text = statement;
      for (std::size_t at = text.find("BIGINT"); at != std::string::npos; at = text.find("BIGINT", at))
        text.replace(at, 6, "INTEGER");
      // SQLite compares text bytewise already; it knows no collation named "C".
      for (std::size_t at = text.find(" COLLATE \"C\""); at != std::string::npos; at = text.find(" COLLATE \"C\""))
        text.erase(at, 12);
      if (text.rfind("CREATE TABLE", 0) == 0) text += " WITHOUT ROWID";
      out.push_back(std::move(text));
    }
    return out;
  }();
  static const std::vector<const char*> statements = [] {
    std::vector<const char*> out;
    for (const std::string& text : texts) out.push_back(text.c_str());
    return out;
  }();
  return statements;
}

}  // namespace kam::store::detail
