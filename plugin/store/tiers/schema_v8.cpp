// schema_v8.cpp - schema step 8's statements for each backend; see
// schema_v8.hpp.
#include "store/tiers/schema_v8.hpp"

#include "store/database/migrations.hpp"

namespace kam::store::detail {

const std::vector<const char *> &schema_v8_postgresql() {
  static const std::vector<const char *> statements = {
      // Written by a full evaluation (only the rows that moved); the run it
      // belongs to (its host
      // clock, total revenue, accounts) is kam_settings "tiers.ranking"
      // (store/tiers/tier_ranking.cpp).
      R"sql(CREATE TABLE tier_ranking (
  account_id TEXT COLLATE "C" PRIMARY KEY,
  rank BIGINT NOT NULL,
  revenue BIGINT NOT NULL,
  revenue_before BIGINT NOT NULL
))sql",
  };
  return statements;
}

const std::vector<const char *> &schema_v8_sqlite() {
  static const std::vector<const char *> statements =
      sqlite_from_postgresql(schema_v8_postgresql());
  return statements;
}

} // namespace kam::store::detail
