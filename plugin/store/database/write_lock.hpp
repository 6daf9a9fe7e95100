// write_lock.hpp - the in-process queue for SQLite writers: one at a time, each waiting a bounded time.
//
// A mutex plus condition variable rather than std::timed_mutex: libstdc++'s try_lock_for uses
// pthread_mutex_clocklock, which ThreadSanitizer (g++ 12) does not understand, so every test run
// under TSan would report false "unlock of an unlocked mutex" errors.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace kam::store::detail {

class WriteLock {
 public:
  // Held until destroyed; empty (holds nothing) when default-constructed or moved from.
  class Guard {
   public:
    Guard() = default;
    explicit Guard(WriteLock* lock) : lock_(lock) {}
    Guard(Guard&& other) noexcept : lock_(other.lock_) { other.lock_ = nullptr; }
    Guard& operator=(Guard&&) = delete;
    ~Guard() {
      if (lock_) lock_->unlock();
    }

   private:
    WriteLock* lock_ = nullptr;
  };

  // Waits until the lock is free or the timeout passed (steady clock); false on timeout.
  bool try_lock_for(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!free_.wait_for(lock, timeout, [this] { return !held_; })) return false;
    held_ = true;
    return true;
  }

 private:
  void unlock() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      held_ = false;
    }
    free_.notify_one();
  }

  std::mutex mu_;
  std::condition_variable free_;
  bool held_ = false;
};

}  // namespace kam::store::detail
