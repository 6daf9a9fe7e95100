// complaint_load.hpp - puts complaints_bench's generated data into a store the way a host would:
// through the store's ingestion (IngestionRepository::ingest, the path of the ABI's ingest call,
// with the config in force) in large batches: the employees, the accounts and their orders, one
// tier evaluation (so complaints get their account's tier and its targets), then the complaints'
// steps. Every batch must be accepted whole; a rejection stops the bench with its message.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "complaint_feed.hpp"
#include "config/config.hpp"
#include "store/store.hpp"

namespace kam::bench {

// The host's identity for ingestion and the queries (kam.admin: every permission).
core::Actor bench_actor();

// Ingests `events` in one batch at host time now_ms; throws std::runtime_error naming the first
// rejected event and its reason.
void ingest_all(store::Store& store, const config::Config& config, std::vector<core::Event> events, int64_t now_ms);

struct LoadTimes {
  double org_seconds = 0;        // employees, accounts, orders
  double tiers_seconds = 0;      // the tier evaluation
  double complaints_seconds = 0; // every complaint step
  uint64_t complaint_events = 0;
};

// Loads everything the feed generates, complaints `batch` events at a time (progress on stderr).
LoadTimes load(store::Store& store, const config::Config& config, const ComplaintFeed& feed, std::size_t batch,
               const core::LogFn& log);

}  // namespace kam::bench
