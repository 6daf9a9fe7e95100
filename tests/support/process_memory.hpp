// process_memory.hpp - the process's own memory figures for benchmarks: a line of
// /proc/self/status ("VmHWM" peak resident, "VmRSS" resident now) in MiB.
#pragma once

#include <fstream>
#include <string>

namespace kam::test {

// -1 when the line is not there (not Linux, or an unknown key).
inline long status_mib(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size())) / 1024;
  return -1;
}

}  // namespace kam::test
