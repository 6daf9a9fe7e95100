// progress.hpp - the progress bar kamhost draws on standard error for long commands (import,
// tiers evaluate): only when enabled (standard error is a terminal), at most 10 updates a second.
//
//   \r[##########----------]  45%  4,500 events  1,200 ev/s
//
// The bar and percentage show done of total (bytes read, accounts evaluated); they are left out
// while the total is unknown (0). The count and its rate follow, with the caller's unit names.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace kamhost {

class Progress {
 public:
  // count_unit names the counted things ("events"), rate_unit their rate ("ev/s").
  Progress(bool enabled, uint64_t total, std::string count_unit = "events", std::string rate_unit = "ev/s");

  // The total may become known later (the plugin says it with the first progress call).
  void set_total(uint64_t total) { total_ = total; }

  // done of total for the bar; count for the counter. Skipped when the last drawing is less than
  // 100 ms old, unless force.
  void update(uint64_t done, uint64_t count, bool force = false);

  // Ends the bar's line (after a final update), so later output starts on a fresh line.
  void finish();

  // True when standard error is a terminal (the default for `enabled`).
  static bool stderr_is_terminal();

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kInterval{100};
  static constexpr int kWidth = 30;
  bool enabled_;
  uint64_t total_;
  std::string count_unit_, rate_unit_;
  Clock::time_point start_, last_;
  std::size_t width_ = 0;
  bool drawn_ = false;
};

}  // namespace kamhost
