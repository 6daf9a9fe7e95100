// random.hpp - the demo generators' random numbers: SplitMix64, small, fast and the same sequence on
// every platform (std:: distributions are left to each library, so they are not used).
#pragma once

#include <cstddef>
#include <cstdint>

namespace kamhost::demo {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n).
  uint64_t below(uint64_t n) { return next() % n; }
  // True with the given chance in percent.
  bool percent(uint64_t chance) { return below(100) < chance; }

 private:
  uint64_t state_;
};

template <std::size_t N>
const char* pick(Random& r, const char* const (&list)[N]) {
  return list[r.below(N)];
}

}  // namespace kamhost::demo
