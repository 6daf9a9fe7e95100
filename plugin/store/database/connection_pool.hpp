// connection_pool.hpp - a fixed-size pool of SOCI sessions with a bounded wait and health checks.
//
// Written instead of soci::connection_pool (4.0.3), which waits forever in lease(), measures
// try_lease() on the wall clock and never checks a connection. Here: connections are opened lazily
// up to `size`; lease() waits at most `lease_timeout` (steady clock) and then throws
// kam::Error(Status::busy); every connection gets a cheap check when it is leased, and one that was
// handed back during an exception, or sat idle for a while, a real round trip; a connection that
// fails its check is reopened. Each connection keeps its prepared statements (statement_cache.hpp),
// forgotten when it is reopened.
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kam::store::detail {

class StatementCache;  // statement_cache.hpp

class ConnectionPool {
 public:
  using Opener = std::function<std::unique_ptr<soci::session>()>;  // throws on failure
  // thorough=false: a check without a round trip, done on every lease; true: a real round trip,
  // done for suspect or long-idle connections.
  using HealthCheck = std::function<bool(soci::session&, bool thorough)>;

  ConnectionPool(std::size_t size, std::chrono::milliseconds lease_timeout, Opener open,
                 HealthCheck healthy, std::string label);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  ~ConnectionPool();

  struct Slot;

  // Exclusive use of one session until destroyed. Destroyed while an exception propagates, it
  // marks the session suspect so that the next lease checks it first.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    soci::session& operator*() const;
    soci::session* operator->() const { return &**this; }
    // The prepared statements of this connection (used by this lease's thread only).
    StatementCache& statements() const;
    void mark_suspect();

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<Slot> slot);
    ConnectionPool* pool_;
    std::unique_ptr<Slot> slot_;
    int uncaught_at_start_;
  };

  // Throws kam::Error: Status::busy after lease_timeout, Status::store when a connection cannot be
  // opened.
  Lease lease();

  std::size_t size() const { return size_; }

 private:
  void give_back(std::unique_ptr<Slot> slot) noexcept;
  std::unique_ptr<soci::session> open_or_throw();

  const std::size_t size_;
  const std::chrono::milliseconds lease_timeout_;
  const Opener open_;
  const HealthCheck healthy_;
  const std::string label_;

  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Slot>> idle_;  // most recently used at the back
  std::size_t existing_ = 0;                 // idle + leased + being opened
};

}  // namespace kam::store::detail
