// tiers_bench - how fast KAM classifies every account into its tier, against an independent SQL
// reference on the same SQLite file:
//   (a) KAM: the ABI call tiers_evaluate for every account (the first evaluation of a fresh
//       database): wall time, and the peak resident memory of the evaluation (the high-water mark is
//       reset with /proc/self/clear_refs before it and read from VmHWM after it);
//   (b) the reference: one SQL query (tests/support/tier_reference.hpp) run with the sqlite3 C library
//       on the plugin's file, computing every account's tier from the ingested orders and accounts;
//   (c) both times, the ratio SQL / KAM, and whether the tiers agree account by account;
//   (d) a repeated evaluation (nothing changed since the first) beside the same SQL time;
//   (e) account_card latency (p50/p99): before the first evaluation (the card ranks every account
//       itself: the baseline) and after it (rank and share from the stored ranking);
//   (f) the tier listing paged through every account (pages of 10,000): time per page and the
//       resident memory it adds, beside the accounts' count.
// The data (tests/support/tier_dataset.hpp: heavy-tailed order volumes, credit notes,
// cancellations, flags, threshold edge cases) is generated and sent through the plugin's ingest in
// batches of 10,000 first (not timed; progress on stderr). Figures only: nothing here passes or fails,
// except that the exit status is 3 when the tiers disagree.
#include <malloc.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kam/host.hpp"
#include "process_memory.hpp"
#include "tier_dataset.hpp"
#include "tier_reference.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
namespace ref = kam::test::tier_ref;

namespace {

using kam::test::status_mib;

struct Options {
  std::string plugin = KAM_PLUGIN_PATH;
  uint32_t accounts = 1'000'000;
  uint64_t orders = 10'000'000;
  size_t batch = 10'000;
  uint32_t cards = 1000, baseline_cards = 5;  // (e): cards timed after / before the first evaluation
  std::string db_dir, synchronous = "normal";
};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }


// Gives memory the process freed back to the system, then resets the resident high-water mark
// (VmHWM) to the current resident size.
bool reset_peak() {
  malloc_trim(0);
  std::ofstream f("/proc/self/clear_refs");
  f << "5";
  f.flush();
  return static_cast<bool>(f);
}

// "1,234,567"
std::string grouped(uint64_t v) {
  const std::string digits = std::to_string(v);
  std::string s;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) s += ',';
    s += digits[i];
  }
  return s;
}

std::string utc_text(int64_t ms) {
  time_t t = static_cast<time_t>(ms / 1000);
  tm parts{};
  gmtime_r(&t, &parts);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buf;
}

struct IngestProgress {
  Clock::time_point start = Clock::now(), last{};
  uint64_t total = 0;
  void operator()(uint64_t done, bool final = false) {
    if (!final && Clock::now() - last < std::chrono::milliseconds(500)) return;
    last = Clock::now();
    const double s = seconds_since(start);
    std::fprintf(stderr, "\r  ingest: %3.0f%%  %s events  %.0f events/s  %.0f s   ",
                 100.0 * static_cast<double>(done) / static_cast<double>(std::max<uint64_t>(total, done)),
                 grouped(done).c_str(), static_cast<double>(done) / std::max(s, 1e-9), s);
    if (final) std::fprintf(stderr, "\n");
  }
};

void evaluation_progress(void* data, uint64_t done, uint64_t total) {
  auto* last = static_cast<int*>(data);
  const int percent = total ? static_cast<int>(done * 100 / total) : 100;
  if (percent == *last) return;
  *last = percent;
  std::fprintf(stderr, "\r  evaluate: %3d%%  %s of %s accounts   ", percent, grouped(done).c_str(), grouped(total).c_str());
  if (done == total) std::fprintf(stderr, "\n");
}

// Times account_card for `count` accounts spread over the random ids; milliseconds, sorted.
std::vector<double> card_times(const kam::host::Instance& inst, const kam::host::Actor& actor, uint32_t accounts,
                               uint32_t count, uint32_t salt) {
  std::vector<double> ms;
  for (uint32_t i = 0; i < count && accounts > 0; ++i) {
    const uint32_t a = static_cast<uint32_t>((uint64_t{i} * 2654435761u + salt) % accounts);
    const auto start = Clock::now();
    const std::string card = inst.account_card(actor, kam::test::TierDataset::random_account_id(a));
    ms.push_back(seconds_since(start) * 1000);
    if (card.empty()) throw std::runtime_error("account_card: empty");
  }
  std::sort(ms.begin(), ms.end());
  return ms;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return -1;
  const size_t i = std::min(sorted.size() - 1, static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5));
  return sorted[i];
}

std::string distribution(const std::vector<uint64_t>& counts) {
  std::string s;
  for (int i = 0; i < ref::kTierCount; ++i)
    s += std::string(i ? ", " : "") + ref::kTiers[i] + " " + grouped(counts[static_cast<size_t>(i)]);
  return s;
}

}  // namespace

int run(const Options& o, const fs::path& dir);

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(k + " needs a value");
      return argv[++i];
    };
    try {
      if (k == "--accounts") o.accounts = static_cast<uint32_t>(std::stoul(value()));
      else if (k == "--orders") o.orders = std::stoull(value());
      else if (k == "--batch") o.batch = std::stoull(value());
      else if (k == "--db") o.db_dir = value();
      else if (k == "--plugin") o.plugin = value();
      else if (k == "--synchronous") o.synchronous = value();
      else if (k == "--cards") o.cards = static_cast<uint32_t>(std::stoul(value()));
      else if (k == "--baseline-cards") o.baseline_cards = static_cast<uint32_t>(std::stoul(value()));
      else throw std::invalid_argument("unknown option " + k);
    } catch (const std::exception& e) {
      std::fprintf(stderr,
                   "tiers_bench: %s\nusage: tiers_bench [--accounts N (1000000)] [--orders N (10000000)] "
                   "[--db DIR] [--batch N (10000)] [--synchronous full|normal] [--cards N (1000)] "
                   "[--baseline-cards N (5)] [--plugin SO]\n",
                   e.what());
      return 2;
    }
  }
  const bool keep = !o.db_dir.empty();
  const fs::path dir =
      keep ? fs::path(o.db_dir) : fs::temp_directory_path() / ("kam-tiers-bench-" + std::to_string(getpid()));
  int rc = 1;
  try {
    rc = run(o, dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "\ntiers_bench: %s\n", e.what());
  }
  std::error_code ec;
  if (!keep) fs::remove_all(dir, ec);
  return rc;
}

// Generates and ingests the data into dir/kam.db, then measures. Returns the exit status.
int run(const Options& o, const fs::path& dir) {
  fs::create_directories(dir);
  const std::string db_path = (dir / "kam.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path + suffix);

  kam::test::TierDataset::Spec spec;
  spec.accounts = o.accounts;
  spec.orders = o.orders;
  spec.batch = o.batch;
  kam::test::TierDataset data(spec);
  std::printf("tiers_bench: %s accounts, %s orders (seed %llu), now %s, window %d days, 4 tiers; "
              "SQLite synchronous=%s (WAL), %s\n",
              grouped(o.accounts).c_str(), grouped(o.orders).c_str(), static_cast<unsigned long long>(spec.seed),
              utc_text(spec.now_ms).c_str(), ref::kWindowDays, o.synchronous.c_str(), db_path.c_str());
  std::fflush(stdout);

  kam::host::Plugin plugin = kam::host::Plugin::load(o.plugin);
  kam::host::HostCallbacks callbacks;
  const int64_t now_ms = spec.now_ms;
  callbacks.now_ms = [now_ms] { return now_ms; };
  kam::host::Instance inst = plugin.create_instance(
      kam::host::ConfigSource::text(ref::config_yaml(db_path, o.synchronous), "tiers_bench.yaml"), callbacks);
  const kam::host::Actor feed("feed", {"erp.feed"});
  const kam::host::Actor admin("bench", {"kam.admin"});

  // ---- the data, through the ABI ----
  IngestProgress progress;
  progress.total = data.expected_events();
  std::vector<kam_event_result> results;
  auto sink = [&](const kam::test::TierDataset::Batch& events) {
    results.assign(events.size(), kam_event_result{});
    for (auto& r : results) r.struct_size = sizeof r;
    kam_batch b{};
    b.struct_size = sizeof b;
    b.events = events.data();
    b.event_count = events.size();
    b.source = "tiers-bench";
    b.results = results.data();
    b.results_struct_size = sizeof(kam_event_result);
    kam_batch_summary s{};
    s.struct_size = sizeof s;
    try {
      inst.ingest(feed, b, &s);
    } catch (const kam::host::Error&) {
      if (s.first_rejected_index < 0) throw;
    }
    if (s.accepted != events.size()) {
      const auto i = static_cast<size_t>(std::max<int64_t>(s.first_rejected_index, 0));
      throw std::runtime_error("ingest: " + std::to_string(s.accepted) + " of " + std::to_string(events.size()) +
                               " accepted; item " + std::to_string(i) + " (" + events[i]->event_id +
                               "): " + results[i].message);
    }
  };
  const auto ingest_start = Clock::now();
  data.generate(sink, [&](uint64_t done) { progress(done); });
  progress(data.stats().events, true);
  const double ingest_s = seconds_since(ingest_start);
  const long peak_generation = status_mib("VmHWM");
  const auto& st = data.stats();
  std::printf("\ndata: %s events ingested in %.1f s (%.0f events/s, not part of the figures): %s orders "
              "(%s credit notes), %s cancelled\n",
              grouped(st.events).c_str(), ingest_s, static_cast<double>(st.events) / ingest_s,
              grouped(st.orders).c_str(), grouped(st.credit_notes).c_str(), grouped(st.cancelled).c_str());
  std::fflush(stdout);

  // ---- (e) baseline: cards before any evaluation rank every account themselves ----
  const std::vector<double> cards_before =
      KAM_API_HAS(&plugin.api(), account_card) ? card_times(inst, admin, o.accounts, o.baseline_cards, 7) : std::vector<double>{};

  // ---- (a) KAM ----
  double kam_s = -1;
  long kam_peak = -1, kam_rss_before = -1;
  kam_tier_evaluation_summary summary{};
  const bool has_tiers = KAM_API_HAS(&plugin.api(), tiers_evaluate);
  if (has_tiers) {
    kam_tier_evaluation request{};
    request.struct_size = sizeof request;
    int last_percent = -1;
    request.progress = &evaluation_progress;
    request.progress_data = &last_percent;
    summary.struct_size = sizeof summary;
    kam_rss_before = status_mib("VmRSS");
    const bool reset = reset_peak();
    const auto start = Clock::now();
    plugin.check(plugin.api().tiers_evaluate(inst.handle(), admin.get(), &request, &summary), "tiers_evaluate");
    kam_s = seconds_since(start);
    kam_peak = reset ? status_mib("VmHWM") : -1;
  }

  // ---- (d) a repeated evaluation: nothing changed ----
  double again_s = -1;
  kam_tier_evaluation_summary again{};
  if (has_tiers) {
    kam_tier_evaluation request{};
    request.struct_size = sizeof request;
    again.struct_size = sizeof again;
    const auto start = Clock::now();
    plugin.check(plugin.api().tiers_evaluate(inst.handle(), admin.get(), &request, &again), "tiers_evaluate");
    again_s = seconds_since(start);
  }
  // ---- (e) cards from the stored ranking ----
  const std::vector<double> cards_after =
      KAM_API_HAS(&plugin.api(), account_card) ? card_times(inst, admin, o.accounts, o.cards, 11) : std::vector<double>{};

  // ---- (f) the listing, page by page ----
  std::vector<double> page_ms;
  uint64_t listed = 0;
  long list_peak = -1, list_before = -1;
  if (KAM_API_HAS(&plugin.api(), tiers_list)) {
    list_before = status_mib("VmRSS");
    const bool reset = reset_peak();
    std::string after;
    for (;;) {
      const auto start = Clock::now();
      const std::string page = inst.tiers_list(admin, "", after, 10000);
      page_ms.push_back(seconds_since(start) * 1000);
      const size_t next = page.find("\"next_after\":");
      for (size_t at = page.find("\"account_id\":"); at != std::string::npos; at = page.find("\"account_id\":", at + 1))
        ++listed;
      if (next == std::string::npos || page.compare(next + 13, 4, "null") == 0) break;
      const size_t q = page.find('"', next + 13);
      after = page.substr(q + 1, page.find('"', q + 1) - q - 1);
    }
    list_peak = reset ? status_mib("VmHWM") : -1;
    std::sort(page_ms.begin(), page_ms.end());
  }

  // ---- (b) the reference ----
  sqlite3* db = ref::open_readonly(db_path);
  const long ref_rss_before = status_mib("VmRSS");
  const bool ref_reset = reset_peak();
  const auto ref_start = Clock::now();
  const ref::TierList reference = ref::reference_tiers(db, data.window());
  const double sql_s = seconds_since(ref_start);
  const long ref_peak = ref_reset ? status_mib("VmHWM") : -1;

  // ---- (c) figures and agreement ----
  std::vector<uint64_t> ref_counts(ref::kTierCount, 0), kam_counts(ref::kTierCount, 0);
  for (const auto& [id, tier] : reference)
    if (int t = ref::tier_index(tier); t >= 0) ++ref_counts[static_cast<size_t>(t)];
  std::printf("\nTier evaluation of every account (%s accounts, first evaluation)\n", grouped(reference.size()).c_str());
  if (has_tiers) {
    std::printf("  %-40s %9.2f s  (%.0f accounts/s; the plugin reports %lld ms)\n", "KAM tiers_evaluate (ABI call)",
                kam_s, static_cast<double>(summary.accounts) / kam_s, static_cast<long long>(summary.duration_ms));
  } else {
    std::printf("  %-40s %s\n", "KAM tiers_evaluate (ABI call)",
                "not measured: this plugin has no tiers_evaluate (ABI 1.0)");
  }
  std::printf("  %-40s %9.2f s  (%.0f accounts/s)\n", "reference SQL (sqlite3, one query)", sql_s,
              static_cast<double>(reference.size()) / sql_s);
  if (has_tiers) std::printf("  ratio SQL / KAM: %.2f\n", sql_s / kam_s);
  if (has_tiers) {
    std::printf("  %-40s %9.2f s  (%s tier changes; ratio SQL / KAM: %.2f)\n", "KAM repeated evaluation (unchanged)",
                again_s, grouped(again.initial + again.upgraded + again.downgraded).c_str(), sql_s / again_s);
  }
  if (!cards_after.empty()) {
    std::printf("\naccount_card at %s accounts\n", grouped(o.accounts).c_str());
    std::printf("  %-40s p50 %9.3f ms  p99 %9.3f ms  (%zu cards)\n", "before any evaluation (ranks now)",
                percentile(cards_before, 0.5), percentile(cards_before, 0.99), cards_before.size());
    std::printf("  %-40s p50 %9.3f ms  p99 %9.3f ms  (%zu cards)\n", "stored ranking (as of the evaluation)",
                percentile(cards_after, 0.5), percentile(cards_after, 0.99), cards_after.size());
    if (!cards_before.empty())
      std::printf("  ratio p50 before / after: %.0f\n", percentile(cards_before, 0.5) / percentile(cards_after, 0.5));
  }
  if (has_tiers)
    std::printf("  peak resident memory during the KAM evaluation: %ld MiB (resident before it: %ld MiB)\n",
                kam_peak, kam_rss_before);
  if (!page_ms.empty()) {
    double sum = 0;
    for (double x : page_ms) sum += x;
    std::printf("\ntiers_list paged through every account: %s of %s accounts in %zu pages of 10,000, %.2f s;"
                " per page p50 %.1f ms, p99 %.1f ms; peak resident %ld MiB (before: %ld MiB)\n",
                grouped(listed).c_str(), grouped(reference.size()).c_str(), page_ms.size(), sum / 1000,
                percentile(page_ms, 0.5), percentile(page_ms, 0.99), list_peak, list_before);
  }
  std::printf("  peak resident memory during the reference query: %ld MiB (resident before it: %ld MiB)\n",
              ref_peak, ref_rss_before);
  std::printf("  peak resident memory of the whole process: %ld MiB (during data generation and ingest: %ld MiB)\n",
              std::max({peak_generation, kam_peak, ref_peak, status_mib("VmHWM")}), peak_generation);
  std::printf("  reference tiers: %s\n", distribution(ref_counts).c_str());

  int exit_code = 0;
  if (has_tiers) {
    const auto stored = ref::stored_tiers(db);
    for (const auto& s : stored)
      if (int t = ref::tier_index(s.effective_tier); t >= 0) ++kam_counts[static_cast<size_t>(t)];
    size_t disagreements = 0;
    const auto first = ref::compare(reference, stored, 10, &disagreements);
    std::printf("  KAM tiers:       %s\n", distribution(kam_counts).c_str());
    std::printf("  KAM summary: %s accounts evaluated, %s initial\n", grouped(summary.accounts).c_str(),
                grouped(summary.initial).c_str());
    std::printf("  agreement: %s accounts in tier_state, %s disagreements with the reference\n",
                grouped(stored.size()).c_str(), grouped(disagreements).c_str());
    for (const auto& d : first)
      std::printf("    %s: reference %s, KAM effective %s (computed %s)\n", d.account_id.c_str(),
                  d.reference.empty() ? "(none)" : d.reference.c_str(),
                  d.effective.empty() ? "(none)" : d.effective.c_str(), d.computed.empty() ? "(none)" : d.computed.c_str());
    if (disagreements) exit_code = 3;
  }
  sqlite3_close(db);
  return exit_code;
}
