// cmd_tiers_list.cpp - `kamhost tiers list`: every account's tier, paged through the 1.2 ABI call
// tiers_list one page at a time (never the whole portfolio in memory), as a table or CSV.
#include <algorithm>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "kamhost.hpp"
#include "render/format.hpp"
#include "text/escape.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

constexpr uint64_t kPage = 1000;  // the plugin's default page

struct ListOptions {
  InstanceOptions instance;
  std::string tier;
  uint64_t limit = 0;  // 0: every account
  bool csv = false;
};

const std::vector<std::string> kHeader = {"ACCOUNT", "NAME", "TIER", "SINCE", "COMPUTED", "OVERRIDDEN",
                                          "PENDING DOWNGRADE", "CHURN"};
const std::vector<std::string> kCsvHeader = {"account_id", "name", "tier", "since", "computed_tier", "overridden",
                                             "pending_downgrade_to", "churn_level"};
// The table streams, so its columns are fixed: wider cells push the rest of their row.
const std::vector<std::size_t> kWidth = {12, 32, 10, 10, 10, 10, 17, 6};

// One account's cells; `none` stands for a null (no evaluation yet).
std::vector<std::string> cells(const json& a, const date::time_zone* zone, const std::string& none) {
  auto text = [&](const char* key) {
    const json& v = a.value(key, json());
    return v.is_null() ? none : text_of(v);
  };
  const std::optional<int64_t> since = integer_at(a, "since_ms");
  return {text_of(a, "account_id"), text_of(a, "name"),         text("tier"),
          since ? zone_date(*since, zone) : none,
          text("computed_tier"),    bool_of(a, "overridden") ? "yes" : "no",
          text("pending_downgrade_to"), text("churn_level")};
}

void print(const std::vector<std::string>& row, bool csv) {
  if (csv) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line += (i > 0 ? "," : "") + csv_field(row[i]);
    std::cout << line << "\r\n";  // RFC 4180 line breaks
    return;
  }
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < row.size(); ++i) shown.push_back(printable(i == 1 ? shorten(row[i], 32) : row[i]));
  print_row(std::cout, shown, kWidth);
}

int tiers_list(Context& ctx, const ListOptions& o) {
  Session session(ctx, "tiers list", o.instance);
  uint64_t shown = 0;
  std::string after;
  for (;;) {
    const uint64_t want = o.limit == 0 ? kPage : std::min(kPage, o.limit - shown);
    const json page = json::parse(
        session.instance().tiers_list(session.actor(), o.tier, after, static_cast<uint32_t>(want)));
    if (after.empty()) print(o.csv ? kCsvHeader : kHeader, o.csv);  // after the first page: an unknown tier prints none
    for (const json& a : page.at("accounts")) print(cells(a, session.zone(), o.csv ? "" : "-"), o.csv);
    shown += page.at("accounts").size();
    const json& next = page.value("next_after", json());
    if (next.is_null() || (o.limit != 0 && shown >= o.limit)) break;
    after = next.get<std::string>();
  }
  if (!o.csv) std::cout << shown << (shown == 1 ? " account" : " accounts") << (o.tier.empty() ? "" : " in " + o.tier) << "\n";
  return kExitOk;
}

}  // namespace

void define_tiers_list(CLI::App& tiers, Context& ctx) {
  CLI::App& app = *tiers.add_subcommand("list", "every account's tier");
  auto o = std::make_shared<ListOptions>();
  add_instance_options(app, o->instance);
  add_text(app, "--tier", o->tier, "only accounts in this tier");
  add_number(app, "--limit", o->limit, 1, UINT32_MAX, "at most N accounts");
  app.add_flag("--csv", o->csv, "CSV (RFC 4180) instead of a table");
  on_run(app, ctx, [&ctx, o] { return tiers_list(ctx, *o); });
}

}  // namespace kamhost
