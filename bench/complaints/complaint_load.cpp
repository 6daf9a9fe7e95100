// complaint_load.cpp - loading the generated data through the store's ingestion; see complaint_load.hpp.
#include "complaint_load.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "app/tiers/tiers.hpp"

namespace kam::bench {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

core::Actor bench_actor() { return core::Actor{"erp-service", {"kam.admin"}}; }

void ingest_all(store::Store& store, const config::Config& config, std::vector<core::Event> events, int64_t now_ms) {
  std::vector<store::BatchItem> items;
  items.reserve(events.size());
  for (core::Event& e : events) {
    // What the ABI checks before the store sees an event.
    if (const auto problem = core::validate_event(e)) throw std::runtime_error("event '" + e.event_id + "': " + *problem);
    items.push_back(store::BatchItem{std::move(e), {}});
  }
  store::IngestOptions options;
  options.source = "complaints_bench";
  options.now_ms = now_ms;
  options.actor = bench_actor();
  options.exchange_rates = &config.exchange_rates;
  options.config = &config;
  const store::BatchResult r = store.ingestion().ingest(items, options);
  if (!r.committed || r.accepted != items.size()) {
    std::string first = "?";
    for (std::size_t i = 0; i < r.items.size(); ++i)
      if (r.items[i].outcome != store::Outcome::accepted) {
        first = "event '" + items[i].event->event_id + "': " + r.items[i].message;
        break;
      }
    throw std::runtime_error("ingest: " + std::to_string(r.accepted) + " of " + std::to_string(items.size()) +
                             " accepted, first refused " + first);
  }
}

LoadTimes load(store::Store& store, const config::Config& config, const ComplaintFeed& feed, std::size_t batch,
               const core::LogFn& log) {
  LoadTimes t;
  const int64_t now = feed.shape().now_ms;
  auto start = Clock::now();
  ingest_all(store, config, feed.employees(), now);
  const auto in_batches = [&](const std::vector<core::Event>& all) {
    for (std::size_t from = 0; from < all.size(); from += batch) {
      const auto first = all.begin() + static_cast<std::ptrdiff_t>(from);
      ingest_all(store, config, std::vector<core::Event>(first, first + static_cast<std::ptrdiff_t>(std::min(batch, all.size() - from))),
                 now);
    }
  };
  in_batches(feed.accounts());
  in_batches(feed.orders());
  t.org_seconds = seconds_since(start);

  start = Clock::now();
  app::EvaluationRequest request;
  request.now_ms = now;
  request.actor = bench_actor();
  app::evaluate_tiers(store, config, request, log);
  t.tiers_seconds = seconds_since(start);

  start = Clock::now();
  const uint64_t n = feed.shape().complaints;
  // About 1.7 events a complaint: complaints per batch so that a batch holds about `batch` events.
  const uint64_t per_batch = std::max<uint64_t>(1, batch * 10 / 17);
  uint64_t reported = 0;
  for (uint64_t from = 0; from < n; from += per_batch) {
    std::vector<core::Event> events;
    feed.complaints(from, std::min(n, from + per_batch), events);
    t.complaint_events += events.size();
    ingest_all(store, config, std::move(events), now);
    if (from + per_batch - reported >= 100'000 || from + per_batch >= n) {
      reported = from + per_batch;
      std::fprintf(stderr, "\r  loading: %llu of %llu complaints, %.0f s", static_cast<unsigned long long>(std::min(n, reported)),
                   static_cast<unsigned long long>(n), seconds_since(start));
    }
  }
  std::fprintf(stderr, "\n");
  t.complaints_seconds = seconds_since(start);
  return t;
}

}  // namespace kam::bench
