#include "store/database/connection_pool.hpp"

#include <exception>

#include "core/error.hpp"
#include "store/database/db_error.hpp"
#include "store/database/statement_cache.hpp"

namespace kam::store::detail {

namespace {
// A connection idle longer than this may have been dropped by the server or a firewall.
constexpr auto kCheckAfterIdle = std::chrono::seconds(30);
}  // namespace

struct ConnectionPool::Slot {
  std::unique_ptr<soci::session> session;
  StatementCache statements;  // after the session: its statements are finalised before it closes
  bool suspect = false;
  std::chrono::steady_clock::time_point returned_at{};
};

ConnectionPool::ConnectionPool(std::size_t size, std::chrono::milliseconds lease_timeout,
                               Opener open, HealthCheck healthy, std::string label)
    : size_(size == 0 ? 1 : size),
      lease_timeout_(lease_timeout),
      open_(std::move(open)),
      healthy_(std::move(healthy)),
      label_(std::move(label)) {}

ConnectionPool::~ConnectionPool() = default;

std::unique_ptr<soci::session> ConnectionPool::open_or_throw() {
  try {
    return open_();
  } catch (...) {
    rethrow_as_kam_error("connect to database '" + label_ + "'");
  }
}

ConnectionPool::Lease ConnectionPool::lease() {
  const auto deadline = std::chrono::steady_clock::now() + lease_timeout_;
  std::unique_ptr<Slot> slot;
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!available_.wait_until(lock, deadline,
                               [this] { return !idle_.empty() || existing_ < size_; })) {
      throw Error(Status::busy, "no database connection to '" + label_ + "' became free within " +
                                    std::to_string(lease_timeout_.count()) + " ms (pool of " +
                                    std::to_string(size_) +
                                    "): retry later, or raise database.pool_size");
    }
    if (!idle_.empty()) {
      slot = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++existing_;
    }
  }
  // Opening and checking happen outside the lock: they are network round trips.
  try {
    if (!slot) {
      slot = std::make_unique<Slot>();
      slot->session = open_or_throw();
    } else {
      const bool thorough =
          slot->suspect || std::chrono::steady_clock::now() - slot->returned_at > kCheckAfterIdle;
      if (!healthy_(*slot->session, thorough)) {
        slot->statements.clear();  // prepared on the connection being closed
        slot->session.reset();
        slot->session = open_or_throw();
      }
      slot->suspect = false;
    }
  } catch (...) {
    // The slot is gone: let another caller try to open a fresh one.
    {
      std::lock_guard<std::mutex> lock(mu_);
      --existing_;
    }
    available_.notify_one();
    throw;
  }
  return Lease(this, std::move(slot));
}

void ConnectionPool::give_back(std::unique_ptr<Slot> slot) noexcept {
  slot->returned_at = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(slot));
  }
  available_.notify_one();
}

ConnectionPool::Lease::Lease(ConnectionPool* pool, std::unique_ptr<Slot> slot)
    : pool_(pool), slot_(std::move(slot)), uncaught_at_start_(std::uncaught_exceptions()) {}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_),
      slot_(std::move(other.slot_)),
      uncaught_at_start_(other.uncaught_at_start_) {}

ConnectionPool::Lease::~Lease() {
  if (!slot_) return;
  if (std::uncaught_exceptions() > uncaught_at_start_) slot_->suspect = true;
  pool_->give_back(std::move(slot_));
}

soci::session& ConnectionPool::Lease::operator*() const { return *slot_->session; }

StatementCache& ConnectionPool::Lease::statements() const { return slot_->statements; }

void ConnectionPool::Lease::mark_suspect() { slot_->suspect = true; }

}  // namespace kam::store::detail
