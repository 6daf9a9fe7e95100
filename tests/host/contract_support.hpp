// contract_support.hpp - shared by the ABI contract tests (kam_contract_test, kam_refusal_test,
// kam_unload_test): a tiers config, a fixture with a host clock over the raw table, and a few raw
// calls (ingest one event, read the audit trail).
#pragma once

#include <atomic>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "host_test_support.hpp"
#include "kam/host.hpp"

namespace kam::contract_test {

using json = nlohmann::json;
inline constexpr int64_t kDay = 86'400'000;
inline constexpr int64_t kT0 = 1'772'323'200'000;  // 2026-03-01T00:00:00Z

inline const kam::host::Actor& admin() {
  static const kam::host::Actor a("admin-1", {"kam.admin"});
  return a;
}
inline const kam::host::Actor& feed() {
  static const kam::host::Actor a("feed-1", {"erp.feed"});
  return a;
}

// Two tiers in CNY on UTC days; kam.admin may do everything, erp.feed only ingest.
inline std::string tiers_config(const std::filesystem::path& dir) {
  return "kam: 1\n"
         "database:\n"
         "  url: sqlite:" + (dir / "kam.db").string() + "\n"
         "business:\n"
         "  time_zone: UTC\n"
         "  reporting_currency: CNY\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "    erp.feed: [ingest]\n"
         "tiers:\n"
         "  evaluate_every: 1h\n"
         "  levels:\n"
         "    - name: gold\n"
         "      rule:\n"
         "        all:\n"
         "          - {metric: revenue, op: \">=\", value: \"1000.00\"}\n"
         "    - name: standard\n"
         "      default: true\n";
}

// True when text is valid UTF-8 (checked here independently of the plugin's own check).
inline bool valid_utf8(const std::string& text) {
  try {
    (void)json(text).dump();  // nlohmann refuses invalid UTF-8 when serialising
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

class ContractTest : public ::testing::Test {
 protected:
  kam::host_test::TempDir dir;
  kam::host::Plugin plugin = kam::host::Plugin::load(kam::host_test::kPluginPath);
  const kam_api_v1& api = plugin.api();
  std::atomic<int64_t> clock{kT0};

  kam::host::HostCallbacks callbacks() {
    kam::host::HostCallbacks cb;
    cb.now_ms = [this] { return clock.load(); };
    return cb;
  }
  kam::host::Instance make(kam::host::HostCallbacks cb) {
    return kam::host::Instance(plugin, kam::host::ConfigSource::text(tiers_config(dir.path()), "contract.yaml"),
                               std::move(cb));
  }
  kam::host::Instance make() { return make(callbacks()); }

  // Ingests one event (atomic batch) and returns the call's status; *result gets the item's result.
  kam_status ingest_one(const kam::host::Instance& instance, const kam_event_header& event,
                        kam_event_result* result = nullptr, const kam_actor* actor = nullptr) {
    const kam_event_header* events[] = {&event};
    kam_event_result local{};
    kam_batch batch{};
    batch.struct_size = sizeof batch;
    batch.events = events;
    batch.event_count = 1;
    batch.source = "contract-test";
    batch.results = result != nullptr ? result : &local;
    batch.results_struct_size = sizeof(kam_event_result);
    return api.ingest(instance.handle(), actor != nullptr ? actor : feed().get(), &batch, nullptr);
  }

  kam_status account(const kam::host::Instance& instance, const std::string& id, kam_event_result* result = nullptr,
                     const char* name = "Account") {
    const std::string event_id = "acc-" + std::to_string(std::hash<std::string>{}(id));  // short for any id
    kam_event_account a{};
    a.header.struct_size = sizeof a;
    a.header.kind = KAM_EVENT_ACCOUNT_UPSERTED;
    a.header.event_id = event_id.c_str();
    a.header.occurred_at_ms = kT0 - 100 * kDay;
    a.account_id = id.c_str();
    a.name = name;
    return ingest_one(instance, a.header, result);
  }

  // The audit trail (newest first) as JSON, read as the admin.
  json audit(const kam::host::Instance& instance, uint32_t limit = 1000) {
    kam::host::AuditQuery q;
    q.limit = limit;
    return json::parse(instance.audit_query(admin(), q));
  }
  static std::vector<json> with_action(const json& entries, const std::string& action) {
    std::vector<json> out;
    for (const auto& e : entries)
      if (e.at("action") == action) out.push_back(e);
    return out;
  }
};

}  // namespace kam::contract_test
