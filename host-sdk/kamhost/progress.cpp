// progress.cpp - the progress bar on standard error (see progress.hpp).
#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <utility>

#include "kamhost.hpp"

namespace kamhost {

Progress::Progress(bool enabled, uint64_t total, std::string count_unit, std::string rate_unit)
    : enabled_(enabled),
      total_(total),
      count_unit_(std::move(count_unit)),
      rate_unit_(std::move(rate_unit)),
      start_(Clock::now()),
      last_(start_ - kInterval) {}

bool Progress::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void Progress::update(uint64_t done, uint64_t count, bool force) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (!force && now - last_ < kInterval) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const uint64_t rate = seconds > 0.05 ? static_cast<uint64_t>(static_cast<double>(count) / seconds) : 0;
  std::string line = "\r";
  if (total_ > 0) {
    const uint64_t part = std::min(done, total_);
    const int percent = static_cast<int>(part * 100 / total_);
    const int filled = static_cast<int>(part * kWidth / total_);
    line += "[" + std::string(static_cast<std::size_t>(filled), '#') +
            std::string(static_cast<std::size_t>(kWidth - filled), '-') + "] ";
    line += (percent < 10 ? "  " : percent < 100 ? " " : "") + std::to_string(percent) + "%  ";
  }
  line += grouped(count) + " " + count_unit_ + "  " + grouped(rate) + " " + rate_unit_;
  // Pad over a longer previous line.
  if (line.size() < width_) line.append(width_ - line.size(), ' ');
  width_ = line.size();
  std::cerr << line << std::flush;
  drawn_ = true;
}

void Progress::finish() {
  if (enabled_ && drawn_) std::cerr << "\n" << std::flush;
  drawn_ = false;
}

}  // namespace kamhost
