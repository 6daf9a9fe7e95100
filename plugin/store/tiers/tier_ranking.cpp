// tier_ranking.cpp - TiersRepository's stored portfolio ranking (schema 8): the
// run record in kam_settings "tiers.ranking" and the rows of tier_ranking,
// written by a full evaluation so that an account's card reads its rank and
// share in one indexed lookup instead of ranking every account.
#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "store/column_batch.hpp"
#include "store/database/database.hpp"
#include "store/jobs/settings.hpp"
#include "store/tiers/tiers_repository.hpp"

namespace kam::store {

using namespace detail; // the store's internal helpers (rows, cursors,
                        // snapshots)

namespace {

constexpr const char *kRankingSetting = "tiers.ranking";
constexpr size_t kRowsPerStatement =
    100000; // PostgreSQL: bounds one statement's array parameters

std::optional<RankingRun> parse_run(const std::optional<std::string> &text) {
  if (!text || text->empty())
    return std::nullopt;
  const nlohmann::json j = nlohmann::json::parse(*text);
  return RankingRun{j.at("run").get<int64_t>(), j.at("as_of_ms").get<int64_t>(),
                    j.at("total_revenue").get<int64_t>(),
                    j.at("accounts").get<int64_t>()};
}

std::string run_text(const RankingRun &r) {
  return nlohmann::json{{"run", r.run},
                        {"as_of_ms", r.as_of_ms},
                        {"total_revenue", r.total_revenue},
                        {"accounts", r.accounts}}
      .dump();
}

void upsert(soci::session &sql, Backend backend,
            const std::vector<const RankingWrite *> &rows) {
  for (size_t from = 0; from < rows.size(); from += kRowsPerStatement) {
    const size_t to = std::min(rows.size(), from + kRowsPerStatement);
    ColumnBatch batch({ColumnType::text, ColumnType::bigint, ColumnType::bigint,
                       ColumnType::bigint});
    batch.reserve(to - from);
    for (size_t i = from; i < to; ++i)
      batch.add(rows[i]->account_id)
          .add(rows[i]->ranking.rank)
          .add(rows[i]->ranking.revenue)
          .add(rows[i]->ranking.revenue_before);
    const std::string set = " ON CONFLICT (account_id) DO UPDATE SET rank = "
                            "excluded.rank, revenue = excluded.revenue,"
                            " revenue_before = excluded.revenue_before";
    if (backend == Backend::sqlite) {
      batch.run_each(
          sql,
          "INSERT INTO tier_ranking (account_id, rank, revenue, revenue_before)"
          " VALUES (?1, ?2, ?3, ?4)" +
              set);
    } else {
      batch.run_once(sql, "INSERT INTO tier_ranking (account_id, rank, "
                          "revenue, revenue_before) SELECT * FROM " +
                              batch.unnest() + set);
    }
  }
}

} // namespace

std::optional<RankingRun> TiersRepository::ranking_run() {
  std::optional<RankingRun> run;
  db_.with_session("read the stored ranking", [&](soci::session &sql) {
    run = parse_run(read_setting(sql, kRankingSetting));
  });
  return run;
}

RankingRun TiersRepository::write_ranking(const std::vector<RankingWrite> &rows,
                                          std::optional<int64_t> expected,
                                          int64_t as_of_ms,
                                          int64_t total_revenue) {
  RankingRun written;
  db_.write_transaction("write the ranking", [&](soci::session &sql) {
    // PostgreSQL: hosts writing rankings at once take turns on the run's row
    // (SQLite's write transactions already do), so each decides on the run it
    // will replace.
    std::optional<std::string> text;
    if (db_.backend() == Backend::postgresql) {
      std::string value;
      soci::indicator ind = soci::i_null;
      sql << "SELECT value FROM kam_settings WHERE name = :name FOR UPDATE",
          soci::into(value, ind),
          soci::use(std::string(kRankingSetting), "name");
      if (sql.got_data() && ind == soci::i_ok)
        text = value;
    } else {
      text = read_setting(sql, kRankingSetting);
    }
    const std::optional<RankingRun> stored = parse_run(text);
    const bool diff_only =
        stored ? expected == stored->run : !expected.has_value();
    std::vector<const RankingWrite *> out;
    out.reserve(diff_only ? 0 : rows.size());
    for (const RankingWrite &r : rows)
      if (!diff_only || r.changed)
        out.push_back(&r);
    upsert(sql, db_.backend(), out);
    written = RankingRun{stored ? stored->run + 1 : 1, as_of_ms, total_revenue,
                         static_cast<int64_t>(rows.size())};
    write_setting(sql, kRankingSetting, run_text(written));
  });
  return written;
}

} // namespace kam::store
