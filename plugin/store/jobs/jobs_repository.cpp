// jobs_repository.cpp - a named periodic job claimed by exactly one host per period.
//
// The claim is not a row in the database (a killed run would leave it behind, and every host would
// wait a whole period): it is a lock the OS or the database releases when the process dies.
// PostgreSQL: pg_try_advisory_lock on a connection of the claim's own (not from the pool, which the
// run needs), closed with the claim. SQLite: flock on a lock file beside the database (flock locks
// belong to the open file, so two instances in one process exclude each other too). Whoever holds
// the lock reads the last completed run and decides whether the job is due; the run records its
// completion in its last write transaction, so a run that fails or dies is due again at once.
#include "store/jobs/jobs_repository.hpp"

#include <fcntl.h>
#include <soci/soci.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/fnv1a.hpp"
#include "store/database/database.hpp"
#include "store/database/db_error.hpp"
#include "store/jobs/settings.hpp"

namespace kam::store {
namespace {

class PostgresqlClaim final : public JobClaim {
 public:
  PostgresqlClaim(std::unique_ptr<soci::session> sql, int64_t key) : sql_(std::move(sql)), key_(key) {}
  ~PostgresqlClaim() override {
    // Unlocked before the next claim can look (the server releases a closed connection's locks
    // only a moment after the close); when this fails, closing the connection releases it.
    try {
      *sql_ << "SELECT pg_advisory_unlock(:k)", soci::use(key_, "k");
    } catch (...) {
    }
  }

 private:
  std::unique_ptr<soci::session> sql_;
  int64_t key_;
};

class FileClaim final : public JobClaim {
 public:
  explicit FileClaim(int fd) : fd_(fd) {}
  ~FileClaim() override { ::close(fd_); }  // releases the flock

 private:
  int fd_;
};

// The advisory lock key of a job: stable across hosts and builds.
int64_t lock_key(const std::string& job) {
  core::Fnv1a64 h;
  h.bytes("kam.periodic." + job);
  return static_cast<int64_t>(h.value());
}

}  // namespace

JobClaimResult JobsRepository::claim_job(const std::string& name, int64_t now_ms, int64_t every_ms) {
  JobClaimResult result;
  detail::guarded("claim periodic job " + name, [&] {
    if (db_.backend() == detail::Backend::postgresql) {
      std::unique_ptr<soci::session> sql = db_.open_connection();
      const int64_t key = lock_key(name);
      int locked = 0;
      *sql << "SELECT CASE WHEN pg_try_advisory_lock(:k) THEN 1 ELSE 0 END", soci::into(locked), soci::use(key, "k");
      if (locked == 0) {
        result.due = JobDue::running_elsewhere;
        return;
      }
      result.last_run_ms = detail::read_last_job_run(*sql, name);
      result.claim = std::make_unique<PostgresqlClaim>(std::move(sql), key);
    } else {
      const std::string path = db_.sqlite_path() + ".job-" + name + ".lock";
      const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0) throw Error(Status::store, "cannot open " + path + ": " + std::strerror(errno));
      auto claim = std::make_unique<FileClaim>(fd);
      if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK) throw Error(Status::store, "cannot lock " + path + ": " + std::strerror(errno));
        result.due = JobDue::running_elsewhere;
        return;
      }
      result.last_run_ms = last_job_run(name);
      result.claim = std::move(claim);
    }
  });
  if (!result.claim) return result;
  if (result.last_run_ms && now_ms < *result.last_run_ms) {
    result.due = JobDue::clock_behind;
    if (!clock_behind_logged_.exchange(true)) {
      db_.log(core::LogLevel::warning, "periodic job " + name + ": the host clock (" + std::to_string(now_ms) +
                                           " ms) is before its last run (" + std::to_string(*result.last_run_ms) +
                                           " ms); it is not due until the clock has passed that run by its "
                                           "period (logged once)");
    }
  } else if (result.last_run_ms && now_ms - *result.last_run_ms < every_ms) {
    result.due = JobDue::not_yet;
  } else {
    result.due = JobDue::due;
    return result;
  }
  result.claim.reset();
  return result;
}

std::optional<int64_t> JobsRepository::last_job_run(const std::string& name) {
  std::optional<int64_t> out;
  db_.with_session("read schedule of " + name,
                  [&](soci::session& sql) { out = detail::read_last_job_run(sql, name); });
  return out;
}

}  // namespace kam::store
