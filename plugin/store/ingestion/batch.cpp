// batch.cpp - run_batch: one batch's items decided and written in order inside its transaction.
#include "store/ingestion/batch.hpp"

#include <optional>
#include <variant>

#include "store/audit/audit_sql.hpp"
#include "store/ingestion/bulk_orders.hpp"
#include "store/ingestion/event_claims.hpp"
#include "store/ingestion/event_writers.hpp"
#include "store/ingestion/writer_support.hpp"
#include "store/json_columns.hpp"
#include "store/ingestion/order_days.hpp"

namespace kam::store::detail {
namespace {

ItemResult as_early_rejection(const ItemResult& given) {
  ItemResult r = given;
  r.outcome = Outcome::rejected;
  if (r.status == Status::ok) r.status = Status::invalid_argument;
  if (r.message.empty()) r.message = "the event was refused before it reached the store";
  return r;
}

void count(BatchResult& result, int64_t index, const ItemResult& r) {
  switch (r.outcome) {
    case Outcome::accepted: ++result.accepted; break;
    case Outcome::duplicate: ++result.duplicates; break;
    case Outcome::rejected:
      ++result.rejected;
      if (result.first_rejected_index < 0) result.first_rejected_index = index;
      break;
    case Outcome::not_applied: ++result.not_applied; break;
  }
}

OrderContribution contribution(const core::Event& event, const core::OrderPosted& o) {
  OrderContribution c;
  c.account_id = o.account_id;
  c.occurred_at_ms = event.occurred_at_ms;
  c.currency = o.amount.currency;
  c.amount_minor = o.amount.minor_units;
  c.margin_minor = o.margin.minor_units;
  c.document_type = o.document_type;
  return c;
}

// Why an order cannot be accepted before its currency has a rate on its local date, if so.
std::optional<std::string> missing_rate(const core::money::ExchangeRates* rates, OrderDayDeltas& days,
                                        const OrderContribution& c) {
  if (rates == nullptr) return std::nullopt;
  const core::time::LocalDate day{days.local_day(c.occurred_at_ms)};
  if (rates->rate_on(c.currency, day)) return std::nullopt;
  return "amount.currency: no exchange rate for " + c.currency + " on " + day.to_string() +
         " (the order's business day): add one to exchange_rates and send the order again";
}

}  // namespace

BatchRun run_batch(soci::session& sql, Backend backend, const std::vector<BatchItem>& items,
                   const IngestOptions& options, const KnownIds& known_accounts,
                   bool bulk_orders, bool check_day_totals, const core::time::BusinessCalendar& calendar) {
  BatchRun run;
  BatchResult& result = run.result;
  result.items.reserve(items.size());
  {
    // Scoped so their prepared statements are finalised before the audit entry and the commit.
    EventClaims claims(sql, backend, options.now_ms);
    // Complaint tracking's view of the config, when the batch has a complaint or employee event.
    std::shared_ptr<const ComplaintSetup> complaints;
    if (options.config)
      for (const BatchItem& item : items)
        if (item.event && (item.event->kind() == core::EventKind::complaint ||
                           item.event->kind() == core::EventKind::employee_upserted)) {
          complaints = shared_complaint_setup(*options.config);
          break;
        }
    EventWriters writer(sql, backend, options.now_ms, &known_accounts, complaints.get(), options.config);
    if (options.config) writer.set_phone_region(options.config->contacts.default_region);
    // The batch's accepted orders and cancellations, added to the per-day totals in its transaction.
    OrderDayDeltas days(calendar);
    claims.claim_all(items);
    if (check_day_totals) {
      std::vector<OrderContribution> posted;
      for (const BatchItem& item : items)
        if (item.event)
          if (const auto* o = std::get_if<core::OrderPosted>(&item.event->payload))
            posted.push_back(contribution(*item.event, *o));
      days.load_stored(sql, backend, posted);
    }
    std::optional<BulkOrders> orders;
    if (bulk_orders && backend == Backend::postgresql) {
      orders.emplace(sql);
      writer.accounts().prefetch(items);
    }
    for (size_t i = 0; i < items.size(); ++i) {
      const BatchItem& item = items[i];
      // Atomic batches keep checking after a rejection, so the host learns every problem at once.
      ItemResult r;
      if (!item.event) {
        r = as_early_rejection(item.early_rejection);
      } else if (auto taken = claims.check(i)) {
        r = std::move(*taken);
      } else {
        const auto* posted = std::get_if<core::OrderPosted>(&item.event->payload);
        std::optional<OrderContribution> c;
        if (posted != nullptr) c = contribution(*item.event, *posted);
        const auto* order = orders ? posted : nullptr;
        std::optional<std::string> refused;
        if (c) refused = missing_rate(options.exchange_rates, days, *c);
        if (c && !refused && check_day_totals) refused = days.overflow(*c);
        if (refused) {
          r = ItemResult{Outcome::rejected, Status::invalid_argument, *refused};
        } else if (order != nullptr) {
          r = writer.accounts().exists(order->account_id)
                  ? orders->add(*item.event, *order)
                  : unknown_item("account", order->account_id, "account_upserted");
        } else {
          // A cancellation needs its order in the table.
          if (orders && std::holds_alternative<core::OrderCancelled>(item.event->payload))
            orders->flush();
          r = writer.write(*item.event);
        }
        if (r.outcome == Outcome::accepted) {
          claims.stored(i);
          if (c) days.posted(*c);
        }
      }
      count(result, static_cast<int64_t>(i), r);
      result.items.push_back(std::move(r));
    }
    if (orders) orders->flush();
    // A rejected atomic batch is rolled back anyway.
    if (result.rejected == 0 || options.skip_rejected) {
      claims.release_unused();
      for (const OrderContribution& order : load_orders(sql, writer.cancelled_orders())) days.cancelled(order);
      days.write(sql, backend);
    }
    run.learned_accounts.assign(writer.accounts().learned().begin(), writer.accounts().learned().end());
  }

  if (result.rejected > 0 && !options.skip_rejected) {
    // Nothing of this batch will be stored: every item that was not itself rejected is not applied.
    for (auto& r : result.items) {
      if (r.outcome == Outcome::rejected) continue;
      r = ItemResult{Outcome::not_applied, Status::ok, {}};
    }
    result.not_applied = result.accepted + result.duplicates;
    result.accepted = result.duplicates = 0;
    result.committed = false;
    run.learned_accounts.clear();
    return run;
  }

  AuditEntry audit;
  audit.at_ms = options.now_ms;
  audit.user_id = options.actor.user_id;
  audit.roles = options.actor.roles;
  audit.action = "ingest.batch";
  audit.entity_type = "batch";
  audit.entity_id = options.source;
  audit.after_json = json_object({{"source", options.source},
                                  {"accepted", static_cast<int64_t>(result.accepted)},
                                  {"duplicates", static_cast<int64_t>(result.duplicates)},
                                  {"rejected", static_cast<int64_t>(result.rejected)},
                                  {"not_applied", static_cast<int64_t>(result.not_applied)}});
  append_audit(sql, audit);
  result.committed = true;
  return run;
}

std::string describe_rejections(const std::vector<BatchItem>& items, const BatchResult& result,
                                const IngestOptions& options) {
  std::string text = "ingest batch from '" + options.source + "' (" +
                     std::to_string(items.size()) + " items): " + std::to_string(result.rejected) +
                     " rejected";
  text += result.committed ? ", the rest stored" : ", nothing stored (atomic batch)";
  if (result.first_rejected_index >= 0) {
    const auto i = static_cast<size_t>(result.first_rejected_index);
    text += "; first rejected: item " + std::to_string(i);
    if (items[i].event) text += " (event '" + items[i].event->event_id + "')";
    text += ": " + result.items[i].message;
  }
  return text;
}

}  // namespace kam::store::detail
