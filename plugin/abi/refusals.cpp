#include "abi/refusals.hpp"

#include <chrono>
#include <optional>

#include <nlohmann/json.hpp>

#include "abi/instance.hpp"
#include "abi/limits.hpp"

namespace kam::abi {
namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr size_t kSummaryUsers = 10;

int64_t clock_for_refusal(const kam_instance* instance) {
  try {
    return now_ms(instance);
  } catch (...) {
    // A host clock out of range must not turn a refusal into another error: the system clock.
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
}

int64_t floor_minute(int64_t ms) { return ms / kMinuteMs - (ms % kMinuteMs < 0 ? 1 : 0); }

void append(kam_instance* instance, const store::AuditEntry& entry) noexcept {
  try {
    instance->store->audit().append(entry);
  } catch (const std::exception& e) {
    try {
      log(instance, KAM_LOG_ERROR, "cannot record a refused action in the audit trail: " + std::string(e.what()));
    } catch (...) {
    }
  }
}

// The row "count more refused in the minute starting at minute".
store::AuditEntry summary_entry(int64_t at_ms, uint64_t count, int64_t minute,
                                const std::set<std::string>& users) {
  store::AuditEntry e;
  e.at_ms = at_ms;
  e.user_id = "kam";
  e.action = "permission.refused.suppressed";
  e.entity_type = "call";
  e.after_json = nlohmann::json{{"count", count},
                                {"from_ms", minute * kMinuteMs},
                                {"until_ms", (minute + 1) * kMinuteMs},
                                {"users", users}}
                     .dump();
  return e;
}

}  // namespace

void RefusalLog::record(kam_instance* instance, const core::Actor& actor, const char* function,
                        const char* permission) noexcept {
  try {
    const int64_t now = clock_for_refusal(instance);
    std::optional<store::AuditEntry> summary, row;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const int64_t minute = floor_minute(now);
      if (minute != minute_) {
        if (suppressed_ > 0) summary = summary_entry(now, suppressed_, minute_, suppressed_users_);
        minute_ = minute;
        written_ = 0;
        per_user_.clear();
        suppressed_ = 0;
        suppressed_users_.clear();
      }
      auto it = per_user_.find(actor.user_id);
      const uint32_t mine = it == per_user_.end() ? 0 : it->second;
      if (mine < kRefusalRowsPerUser && written_ < kRefusalRowsPerInstance) {
        ++per_user_[actor.user_id];
        ++written_;
        row.emplace();
      } else {
        ++suppressed_;
        if (suppressed_users_.size() < kSummaryUsers) suppressed_users_.insert(actor.user_id);
      }
    }
    if (summary) append(instance, *summary);
    if (row) {
      row->at_ms = now;
      row->user_id = actor.user_id;
      row->roles = actor.roles;
      row->action = "permission.refused";
      row->entity_type = "call";
      row->entity_id = function;
      row->after_json = nlohmann::json{{"call", function}, {"permission", permission}}.dump();
      append(instance, *row);
    }
  } catch (...) {
    // Out of memory while recording: the refusal itself is still reported to the caller.
  }
}

void RefusalLog::flush(kam_instance* instance) noexcept {
  try {
    const int64_t now = clock_for_refusal(instance);  // read outside the lock: it calls the host
    std::optional<store::AuditEntry> summary;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (suppressed_ > 0) summary = summary_entry(now, suppressed_, minute_, suppressed_users_);
      suppressed_ = 0;
      suppressed_users_.clear();
    }
    if (summary) append(instance, *summary);
  } catch (...) {
  }
}

}  // namespace kam::abi
