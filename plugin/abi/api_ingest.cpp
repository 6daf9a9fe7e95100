// Event ingestion: convert and check every item, hand the batch to the store, report per item.
#include <cstring>

#include "abi/api.hpp"
#include "abi/event_convert.hpp"
#include "abi/guard.hpp"
#include "abi/instance.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "core/utf8.hpp"

namespace kam::abi {
namespace {

constexpr uint64_t kMaxBatch = 1'000'000;


// Writes item i of the host's result array, whose stride is the host's sizeof(kam_event_result).
void write_result(const kam_batch& batch, size_t i, const store::ItemResult& r) {
  auto* slot = reinterpret_cast<unsigned char*>(batch.results) + i * batch.results_struct_size;
  std::memset(slot, 0, batch.results_struct_size);
  kam_event_result out{};
  out.struct_size = sizeof(kam_event_result);
  out.outcome = static_cast<kam_item_outcome>(r.outcome);
  out.status = static_cast<kam_status>(r.status);
  std::string_view msg = core::utf8_prefix(r.message, sizeof(out.message) - 1);
  std::memcpy(out.message, msg.data(), msg.size());
  std::memcpy(slot, &out, sizeof out);
}

}  // namespace

kam_status ingest(kam_instance* instance, const kam_actor* actor, const kam_batch* batch,
                  kam_batch_summary* summary) {
  return guarded([&] {
    require_instance(instance, "ingest");
    core::Actor who = read_actor(actor, "ingest");
    require_permission(instance, who, "ingest");
    require_ptr(batch, "ingest", "batch");
    check_struct(batch, kBatchSize_1_0, "kam_batch");
    check_reserved(batch->reserved0, "kam_batch.reserved0");
    if ((batch->flags & ~KAM_BATCH_SKIP_REJECTED) != 0)
      throw Error(Status::unsupported,
                  "ingest: batch.flags has bits this plugin does not know: " +
                      std::to_string(batch->flags));
    if (batch->event_count > kMaxBatch)
      throw Error(Status::invalid_argument, "ingest: batch.event_count " +
                                                std::to_string(batch->event_count) +
                                                " is over the limit of 1,000,000");
    if (batch->event_count > 0 && batch->events == nullptr)
      throw Error(Status::invalid_argument, "ingest: batch.events is NULL");
    if (batch->results != nullptr && batch->results_struct_size < kEventResultSize_1_0)
      throw Error(Status::invalid_argument,
                  "ingest: batch.results_struct_size " +
                      std::to_string(batch->results_struct_size) +
                      " is smaller than sizeof(kam_event_result) " +
                      std::to_string(kEventResultSize_1_0));
    if (summary != nullptr) check_struct(summary, kBatchSummarySize_1_0, "kam_batch_summary");

    store::IngestOptions options;
    options.source = utf8_or_empty(batch->source, "ingest: batch.source");
    if (options.source.empty()) options.source = "(unnamed feed)";
    options.skip_rejected = (batch->flags & KAM_BATCH_SKIP_REJECTED) != 0;
    options.now_ms = now_ms(instance);
    options.actor = who;
    const ConfigSnapshot snapshot = config_snapshot(instance);
    options.exchange_rates = &snapshot.config->exchange_rates;

    std::vector<store::BatchItem> items;
    items.reserve(batch->event_count);
    for (uint64_t i = 0; i < batch->event_count; ++i) items.push_back(convert_event(batch->events[i]));

    store::BatchResult result = instance->store->ingest(items, options);

    if (batch->results != nullptr)
      for (size_t i = 0; i < result.items.size(); ++i) write_result(*batch, i, result.items[i]);
    if (summary != nullptr) {
      uint32_t size = summary->struct_size;
      std::memset(summary, 0, size);
      summary->struct_size = size;
      summary->accepted = result.accepted;
      summary->duplicates = result.duplicates;
      summary->rejected = result.rejected;
      summary->not_applied = result.not_applied;
      summary->first_rejected_index = result.first_rejected_index;
    }
    if (!result.committed) {
      const auto& first = result.items.at(static_cast<size_t>(result.first_rejected_index));
      throw Error(Status::batch_rejected,
                  "ingest: batch from '" + options.source + "' rejected, nothing stored: item " +
                      std::to_string(result.first_rejected_index) + ": " + first.message +
                      (result.rejected > 1
                           ? " (and " + std::to_string(result.rejected - 1) + " more rejected)"
                           : ""));
    }
  });
}

}  // namespace kam::abi
