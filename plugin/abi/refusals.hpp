// refusals.hpp - refused actions (KAM_ERR_PERMISSION) in the audit trail, bounded so that a flood of
// refused calls cannot fill the database: per minute of the host clock and per instance, at most
// kRefusalRowsPerUser rows for one user and kRefusalRowsPerInstance in all (limits.hpp); the rest
// are counted, and one summary row "N more refused" is written with the first refusal of a later
// minute, or when the instance is destroyed.
#pragma once

#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>

#include "core/actor.hpp"

struct kam_instance;

namespace kam::abi {

class RefusalLog {
 public:
  // Records that `actor` was refused `permission` in `function` (never throws: a refusal is
  // reported as KAM_ERR_PERMISSION even when its audit row cannot be written; that is logged).
  void record(kam_instance* instance, const core::Actor& actor, const char* function,
              const char* permission) noexcept;

  // Writes the summary row of refusals counted but not written, if any (never throws).
  void flush(kam_instance* instance) noexcept;

 private:
  std::mutex mutex_;
  int64_t minute_ = INT64_MIN;  // the window: a minute of the host clock
  uint32_t written_ = 0;        // rows written in this window
  std::unordered_map<std::string, uint32_t> per_user_;
  uint64_t suppressed_ = 0;
  std::set<std::string> suppressed_users_;  // at most 10 named in the summary
};

}  // namespace kam::abi
