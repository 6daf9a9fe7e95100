// deals_fuzz.cpp - libFuzzer target: deal registrations, quotes and lists built from fuzz bytes
// (arbitrary strings, product line counts, amounts, currencies, discounts, times, flags) through the
// real entry point, on one instance over a SQLite file in a temporary directory with the example
// config's distributor levels. Every call must return a status (OK or a refusal) with out_json
// filled exactly when OK; nothing may crash, leak or trip a sanitizer.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz_plugin.hpp"

namespace {

const char* kConfig = R"(kam: 1
database: {url: "sqlite:kam.db"}
business: {time_zone: Asia/Shanghai, reporting_currency: CNY}
tiers:
  levels:
    - name: gold
      rule: {all: [{metric: revenue, op: ">=", value: "1.00"}]}
      benefits: {discount_authority: "10%"}
    - {name: standard, default: true}
distributors:
  direct_channel_tiers: [gold]
  levels:
    gold:
      product_lines: [servers, storage]
      max_discount: {servers: "12%", default: "5%"}
      territories: [East, 华东]
      registration_quota: {count: 50, per: month}
      review_above: "100000.00"
discount_authority:
  approval_chain:
    - {up_to: "12%", role: kam.admin}
    - {role: kam.admin}
)";

kam_instance* instance() {
  static kam_instance* inst = [] {
    char dir_template[] = "/tmp/kam-fuzz-deals.XXXXXX";
    const char* dir = mkdtemp(dir_template);
    if (dir == nullptr) __builtin_trap();
    const std::string config = std::string(kConfig).replace(std::string(kConfig).find("kam.db"), 6,
                                                             std::string(dir) + "/kam.db");
    kam_config_source source{};
    source.struct_size = sizeof source;
    source.text = config.c_str();
    kam_instance_options options{};
    options.struct_size = sizeof options;
    options.config = &source;
    kam_instance* out = nullptr;
    if (kam::fuzz::api()->instance_create(&options, &out) != KAM_OK) __builtin_trap();
    // One distributor and one direct account the inputs may collide with.
    kam_event_distributor d{};
    d.header = {sizeof d, KAM_EVENT_DISTRIBUTOR_UPSERTED, "dist-F", 1767225600000};
    d.distributor_id = "D-F";
    d.name = "Fuzz Channel";
    d.level = "gold";
    kam_event_account a{};
    a.header = {sizeof a, KAM_EVENT_ACCOUNT_UPSERTED, "acc-F", 1767225600000};
    a.account_id = "A-F";
    a.name = "上海华东电子科技有限公司";
    const kam_event_header* events[] = {&d.header, &a.header};
    kam_batch batch{};
    batch.struct_size = sizeof batch;
    batch.events = events;
    batch.event_count = 2;
    kam_batch_summary summary{};
    summary.struct_size = sizeof summary;
    const kam_actor admin = kam::fuzz::admin();
    if (kam::fuzz::api()->ingest(out, &admin, &batch, &summary) != KAM_OK) __builtin_trap();
    return out;
  }();
  return inst;
}

const kam_distributors_v1* table() {
  static const kam_distributors_v1* t = kam::fuzz::api()->distributors();
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const kam_actor admin = kam::fuzz::admin();
  std::vector<std::string> strings;
  for (int i = 0; i < 9; ++i) strings.push_back(in.ConsumeRandomLengthString(64));
  const uint32_t line_count = in.ConsumeIntegralInRange<uint32_t>(0, 4);
  std::vector<std::string> lines;
  std::vector<const char*> line_ptrs;
  for (uint32_t i = 0; i < line_count; ++i) lines.push_back(in.ConsumeBool() ? "servers" : in.ConsumeRandomLengthString(16));
  for (const std::string& l : lines) line_ptrs.push_back(l.c_str());
  auto maybe = [&](const std::string& s) { return in.ConsumeBool() ? s.c_str() : nullptr; };

  kam_deal_registration r{};
  // A struct_size above the struct the host really passes would be the host reading its own memory
  // wrongly (the plugin reads struct_size bytes): sizes up to the real one only.
  r.struct_size = in.ConsumeBool() ? sizeof r : in.ConsumeIntegralInRange<uint32_t>(0, sizeof r);
  r.product_line_count = in.ConsumeBool() ? line_count : in.ConsumeIntegral<uint32_t>();
  if (r.product_line_count > line_count) r.product_line_count = line_count;  // the host owns the array's size
  r.registration_id = maybe(strings[0]);
  r.distributor_id = in.ConsumeBool() ? "D-F" : maybe(strings[1]);
  r.customer_name = in.ConsumeBool() ? "华东电子科技（上海）有限公司" : maybe(strings[2]);
  r.customer_name_latin = maybe(strings[3]);
  r.tax_id = maybe(strings[4]);
  r.region = in.ConsumeBool() ? "East" : maybe(strings[5]);
  r.industry = maybe(strings[6]);
  r.product_lines = line_ptrs.empty() ? nullptr : line_ptrs.data();
  r.amount.minor_units = in.ConsumeIntegral<int64_t>();
  const std::string currency = in.ConsumeBool() ? "CNY" : in.ConsumeBytesAsString(4);
  std::memcpy(r.amount.currency, currency.c_str(), std::min<size_t>(4, currency.size() + 1));
  r.amount.reserved0 = in.ConsumeBool() ? 0 : in.ConsumeIntegral<uint32_t>();
  r.discount_bp = in.ConsumeIntegralInRange<int64_t>(-100, 20000);
  r.expected_close_ms = in.ConsumeIntegral<int64_t>();
  r.notes = maybe(strings[7]);
  kam_buffer out = kam::fuzz::empty_buffer();
  kam::fuzz::check_call(table()->deal_register(instance(), &admin, &r, &out), out);

  kam_quote_query q{};
  q.struct_size = sizeof q;
  q.account_id = in.ConsumeBool() ? "A-F" : maybe(strings[8]);
  q.distributor_id = in.ConsumeBool() ? "D-F" : nullptr;
  q.product_line = line_ptrs.empty() ? nullptr : line_ptrs[0];
  q.discount_bp = in.ConsumeIntegral<int64_t>();
  kam::fuzz::check_call(table()->quote_check(instance(), &admin, &q, &out), out);

  kam_deals_query l{};
  l.struct_size = sizeof l;
  l.flags = in.ConsumeIntegralInRange<uint32_t>(0, 3);
  l.status = maybe(strings[5]);
  l.after = maybe(strings[6]);
  l.limit = in.ConsumeIntegralInRange<uint32_t>(0, 1200);
  kam::fuzz::check_call(table()->deals_list(instance(), &admin, &l, &out), out);
  if (in.ConsumeBool())
    kam::fuzz::check_call(
        table()->deal_review(instance(), &admin, maybe(strings[0]), in.ConsumeIntegralInRange<int32_t>(0, 3),
                             maybe(strings[7]), &out),
        out);
  return 0;
}
