// The read -> decide -> chunked write skeleton (app/chunked_update.hpp) on its own: every row is
// decided once and freed, changes reach the write in chunks of the configured size plus one last
// call (also when empty), a dry run decides everything and writes nothing, and progress counts rows
// up to done == total.
#include <gtest/gtest.h>

#include <memory>
#include <utility>
#include <vector>

#include "app/chunked_update.hpp"

namespace kam::app {
namespace {

struct Row {
  std::unique_ptr<int> value;  // freed after the decision
};

using Update = ChunkedUpdate<Row, int>;

struct Outcome {
  std::vector<std::pair<size_t, bool>> writes;  // (changes, last) per write call
  std::vector<int> written;
  std::vector<std::pair<uint64_t, uint64_t>> progress;
  int decided = 0;
};

Outcome run(int rows, size_t chunk, bool dry_run, bool with_progress = true) {
  Outcome r;
  Update::Options o;
  o.chunk = chunk;
  o.dry_run = dry_run;
  if (with_progress) o.progress = [&r](uint64_t done, uint64_t total) { r.progress.emplace_back(done, total); };
  Update update(std::move(o));
  update.expect(static_cast<uint64_t>(rows));
  update.read([&](const auto& add) {
    for (int i = 0; i < rows; ++i) add(Row{std::make_unique<int>(i)});
  });
  EXPECT_EQ(update.rows().size(), static_cast<size_t>(rows));
  update.decide_and_write(
      [&](Row& row) -> std::optional<int> {
        ++r.decided;
        const int v = *row.value;
        return v % 2 == 0 ? std::optional<int>(v) : std::nullopt;  // the even ones change
      },
      [&](std::vector<int>& changes, bool last) {
        r.writes.emplace_back(changes.size(), last);
        r.written.insert(r.written.end(), changes.begin(), changes.end());
      });
  for (const Row& row : update.rows()) EXPECT_FALSE(row.value) << "a decided row is freed";
  EXPECT_EQ(update.row_count(), static_cast<size_t>(rows));
  return r;
}

TEST(ChunkedUpdateTest, ChangesAreWrittenInChunksThenOnceMoreAsTheLast) {
  const Outcome r = run(10, 2, false);  // changes 0 2 4 6 8
  EXPECT_EQ(r.decided, 10);
  const std::vector<std::pair<size_t, bool>> expected = {{2, false}, {2, false}, {1, true}};
  EXPECT_EQ(r.writes, expected);
  EXPECT_EQ(r.written, (std::vector<int>{0, 2, 4, 6, 8}));

  const Outcome exact = run(8, 2, false);  // changes 0 2 4 6: the last call has nothing left
  const std::vector<std::pair<size_t, bool>> exact_expected = {{2, false}, {2, false}, {0, true}};
  EXPECT_EQ(exact.writes, exact_expected);

  const Outcome none = run(0, 2, false);
  EXPECT_EQ(none.writes, (std::vector<std::pair<size_t, bool>>{{0, true}})) << "the run's own record";
}

TEST(ChunkedUpdateTest, ADryRunDecidesEverythingAndWritesNothing) {
  const Outcome r = run(10, 2, true);
  EXPECT_EQ(r.decided, 10);
  EXPECT_TRUE(r.writes.empty());
}

TEST(ChunkedUpdateTest, ProgressCountsRowsUpToDoneEqualsTotal) {
  const Outcome r = run(5000, 100, false);
  ASSERT_FALSE(r.progress.empty());
  uint64_t last = 0;
  for (const auto& [done, total] : r.progress) {
    EXPECT_EQ(total, 5000u);
    EXPECT_GE(done, last) << "never goes back";
    last = done;
  }
  EXPECT_EQ(r.progress.back(), std::make_pair(uint64_t{5000}, uint64_t{5000}));
  EXPECT_LE(r.progress.size(), 110u) << "bounded: about 50 reports per half";
  EXPECT_TRUE(run(10, 2, false, false).progress.empty());
}

}  // namespace
}  // namespace kam::app
