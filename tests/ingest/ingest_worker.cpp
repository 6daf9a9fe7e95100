// ingest_worker - a separate program (exec'd by the tests, never forked from them: a threaded
// process that forks breaks under ThreadSanitizer) that loads the real plugin and ingests a
// deterministic order feed in batches, reporting each acknowledged batch on stdout:
//   ACK <first_seq> <last_seq> <accepted> <duplicates>
//   DONE <accepted> <duplicates>
// The crash test kills it with SIGKILL at a random moment; the multi-process test runs four at once.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "order_feed.hpp"
#include "plugin_loader.hpp"

namespace {

struct Args {
  std::string plugin, db, prefix = "w";
  uint64_t first = 0, count = 1000, batch = 100;
  uint32_t accounts = 10;
  uint64_t shared_count = 0;  // then also ingest "shared-0".."shared-(n-1)", as every worker does
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--plugin") a.plugin = v;
    else if (k == "--db") a.db = v;
    else if (k == "--prefix") a.prefix = v;
    else if (k == "--first") a.first = std::stoull(v);
    else if (k == "--count") a.count = std::stoull(v);
    else if (k == "--batch") a.batch = std::stoull(v);
    else if (k == "--accounts") a.accounts = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--shared-count") a.shared_count = std::stoull(v);
    else {
      std::fprintf(stderr, "ingest_worker: unknown option %s\n", k.c_str());
      std::exit(2);
    }
  }
  return a;
}

// Ingests one batch, retrying when the database is busy or a concurrent transaction lost a
// deadlock (what an ERP feed does too). Returns the summary of the committed attempt.
kam_batch_summary ingest(const kam::test::LoadedPlugin& p, kam_instance* inst,
                         const std::vector<const kam_event_header*>& events) {
  for (int attempt = 1;; ++attempt) {
    kam_batch_summary summary;
    kam_status s = p.ingest(inst, events, "ingest_worker", summary);
    if (s == KAM_OK) return summary;
    if ((s == KAM_ERR_STORE || s == KAM_ERR_BUSY) && attempt < 20) {
      std::fprintf(stderr, "RETRY %d: %s\n", attempt, p.api->last_error_message());
      std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
      continue;
    }
    p.check(s, "ingest");
  }
}

}  // namespace

int main(int argc, char** argv) {
  Args a = parse(argc, argv);
  try {
    kam::test::LoadedPlugin plugin(a.plugin);
    kam_instance* inst = plugin.create(kam::test::feed_config(a.db));
    kam::test::OrderFeed feed(a.accounts);
    ingest(plugin, inst, feed.accounts());
    uint64_t accepted = 0, duplicates = 0;
    auto run = [&](const std::string& prefix, uint64_t first, uint64_t count) {
      for (uint64_t seq = first; seq < first + count; seq += a.batch) {
        uint64_t n = std::min(a.batch, first + count - seq);
        feed.clear();
        auto s = ingest(plugin, inst, feed.orders(prefix, seq, n));
        accepted += s.accepted;
        duplicates += s.duplicates;
        // Acknowledged only after the commit returned: the crash test relies on this order.
        std::printf("ACK %llu %llu %llu %llu\n", static_cast<unsigned long long>(seq),
                    static_cast<unsigned long long>(seq + n - 1),
                    static_cast<unsigned long long>(s.accepted),
                    static_cast<unsigned long long>(s.duplicates));
        std::fflush(stdout);
      }
    };
    run(a.prefix, a.first, a.count);
    run("shared", 0, a.shared_count);
    std::printf("DONE %llu %llu\n", static_cast<unsigned long long>(accepted),
                static_cast<unsigned long long>(duplicates));
    std::fflush(stdout);
    plugin.check(plugin.api->instance_destroy(inst), "instance_destroy");
    return 0;
  } catch (const std::exception& e) {
    std::printf("ERROR %s\n", e.what());
    std::fflush(stdout);
    return 1;
  }
}
