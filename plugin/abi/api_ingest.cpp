// Event ingestion: convert and check every item, hand the batch to the store, report per item.
#include <cstring>

#include "abi/api.hpp"
#include "abi/call.hpp"
#include "abi/event_convert.hpp"
#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/instance.hpp"
#include "abi/limits.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "core/utf8.hpp"

namespace kam::abi {
namespace {

// Writes item i of the host's result array, whose stride is the host's sizeof(kam_event_result).
void write_result(const kam_batch& batch, size_t i, const store::ItemResult& r) {
  auto* slot = reinterpret_cast<unsigned char*>(batch.results) + i * batch.results_struct_size;
  kam_event_result out{};
  out.outcome = static_cast<kam_item_outcome>(r.outcome);
  out.status = static_cast<kam_status>(r.status);
  // The message may quote the host's bytes: escaped to valid UTF-8, cut on a character boundary.
  const std::string msg = core::utf8_escape(r.message, sizeof(out.message) - 1);
  std::memcpy(out.message, msg.data(), msg.size());
  write_output(slot, batch.results_struct_size, out);
}

}  // namespace

kam_status ingest(kam_instance* instance, const kam_actor* actor, const kam_batch* batch,
                  kam_batch_summary* summary) {
  return status_of_call([&] {
    Call call(instance, actor, "ingest", "ingest");
    require_ptr(batch, "ingest", "batch");
    check_struct(batch, kBatchSize_1_0, "kam_batch");
    check_reserved(batch->reserved0, "kam_batch.reserved0");
    if ((batch->flags & ~KAM_BATCH_SKIP_REJECTED) != 0)
      throw Error(Status::unsupported,
                  "ingest: batch.flags has bits this plugin does not know: " +
                      std::to_string(batch->flags));
    if (batch->event_count > kMaxBatchEvents)
      throw Error(Status::invalid_argument, "ingest: batch.event_count " +
                                                std::to_string(batch->event_count) +
                                                " is over the limit of " + std::to_string(kMaxBatchEvents));
    if (batch->event_count > 0 && batch->events == nullptr)
      throw Error(Status::invalid_argument, "ingest: batch.events is NULL");
    if (batch->results != nullptr)
      check_output(batch->results_struct_size, kEventResultSize_1_0, "kam_batch.results (kam_event_result)");
    if (summary != nullptr) check_output(summary, kBatchSummarySize_1_0, "kam_batch_summary");

    store::IngestOptions options;
    options.source = input_string(batch->source, "ingest: batch.source", StringKind::name, false);
    if (options.source.empty()) options.source = "(unnamed feed)";
    options.skip_rejected = (batch->flags & KAM_BATCH_SKIP_REJECTED) != 0;
    options.now_ms = now_ms(instance);
    options.actor = call.actor();
    const ConfigSnapshot snapshot = config_snapshot(instance);
    options.exchange_rates = &snapshot.config->exchange_rates;
    options.config = snapshot.config.get();  // 1.3: complaint targets, calendars, escalation

    std::vector<store::BatchItem> items;
    items.reserve(batch->event_count);
    for (uint64_t i = 0; i < batch->event_count; ++i) items.push_back(convert_event(batch->events[i]));

    store::BatchResult result = instance->store->ingestion().ingest(items, options);

    if (batch->results != nullptr)
      for (size_t i = 0; i < result.items.size(); ++i) write_result(*batch, i, result.items[i]);
    if (summary != nullptr) {
      kam_batch_summary out{};
      out.accepted = result.accepted;
      out.duplicates = result.duplicates;
      out.rejected = result.rejected;
      out.not_applied = result.not_applied;
      out.first_rejected_index = result.first_rejected_index;
      write_output(summary, out);
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
