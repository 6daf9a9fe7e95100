// identity_fixture.hpp - what the identity host suites share (ABI 1.4 kam_identity_v1 through the real
// .so): config/kam.example.yaml (its identity section, tiers and master.data role) on a SQLite file
// or a fresh PostgreSQL database, accounts and orders ingested through the ABI, valid unified social
// credit codes made from 17 characters, and SQL probes through the databases' own C APIs.
#pragma once

#include <sqlite3.h>

#include <cstring>
#include <string>
#include <vector>

#include "complaints_fixture.hpp"

namespace kam::host_test::identity {

using namespace kam::host_test::complaints;  // example_config, ingest, TempDir, Backend, cst

inline const Actor kMaster("md-1", {"master.data"});
inline const Actor kDealDesk("desk-1", {"deal.desk"});  // accounts.read only
inline const Actor kAuditor("aud-1", {"auditor"});      // no accounts.* permission

// GB 32100-2015: the 18th character for the first 17 (weights 3^i mod 31, alphabet without I O S V Z).
inline std::string uscc(const std::string& first17) {
  static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  int sum = 0, weight = 1;
  for (char c : first17) {
    sum += static_cast<int>(std::strchr(alphabet, c) - alphabet) * weight;
    weight = weight * 3 % 31;
  }
  return first17 + alphabet[(31 - sum % 31) % 31];
}

struct AccountSpec {
  std::string id, name, name_latin, tax_id;
};

class IdentityHostTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = kam::test::test_database_url(GetParam() == Backend::postgresql, "sqlite:" + dir_.file("kam.db"), "identity");
    if (url_.empty()) {
      if (kam::test::pg_required()) FAIL() << kam::test::kPgMissingRequired;
      GTEST_SKIP() << kam::test::kPgMissingSkipped;
    }
  }
  std::string config() const {
    std::string yaml = example_config(dir_.path(), url_);
    const std::string role = "    master.data: [accounts.read, accounts.merge]\n";
    const auto at = yaml.find(role);
    if (at == std::string::npos) throw std::runtime_error("kam.example.yaml no longer has the master.data role");
    yaml.insert(at + role.size(), "    deal.desk: [accounts.read]\n");
    return yaml;
  }
  Instance make() {
    kam::host::HostCallbacks cb;
    cb.now_ms = [this] { return clock_.load(); };
    return Instance(plugin_, ConfigSource::text(config(), "kam.example.yaml"), cb);
  }
  Instance& instance() {
    if (!instance_) instance_.emplace(make());
    return *instance_;
  }
  kam::host::Identity identity() { return instance().identity(); }

  static void ingest(const Instance& on, const kam_event_header& event) { ingest_one(on, event, "identity-host-test"); }

  // Upserts an account; `event` tells versions of one account apart.
  void account(const AccountSpec& s, const std::string& event = {}, int64_t at_ms = cst(1, 5, 9)) {
    const std::string event_id = event.empty() ? "acc-" + s.id : event;
    kam_event_account a{};
    a.header = {sizeof a, KAM_EVENT_ACCOUNT_UPSERTED, event_id.c_str(), at_ms};
    a.account_id = s.id.c_str();
    a.name = s.name.c_str();
    a.name_latin = s.name_latin.empty() ? nullptr : s.name_latin.c_str();
    a.tax_id = s.tax_id.empty() ? nullptr : s.tax_id.c_str();
    a.account_manager_id = "e-ann";
    ingest(instance(), a.header);
  }
  // An order of `yuan` CNY at a 20% margin.
  void order(const std::string& account_id, const std::string& order_id, int64_t yuan) {
    const std::string event_id = "ord-" + order_id;
    kam_event_order o{};
    o.header = {sizeof o, KAM_EVENT_ORDER_POSTED, event_id.c_str(), cst(1, 6, 10)};
    o.order_id = order_id.c_str();
    o.account_id = account_id.c_str();
    o.amount.minor_units = yuan * 100;
    std::memcpy(o.amount.currency, "CNY", 4);
    o.margin.minor_units = yuan * 20;
    std::memcpy(o.margin.currency, "CNY", 4);
    ingest(instance(), o.header);
  }

  json match(const std::string& name, const std::string& tax_id = {}, const Actor& actor = kDealDesk) {
    kam::host::MatchQuery q;
    q.name = name;
    q.tax_id = tax_id;
    return json::parse(identity().match(actor, q));
  }
  json duplicates(int32_t min_score_bp = 0) { return json::parse(identity().duplicates(kDealDesk, min_score_bp)); }
  static std::vector<std::string> candidate_ids(const json& answer) {
    std::vector<std::string> ids;
    for (const json& c : answer.at("candidates")) ids.push_back(c.at("account_id"));
    return ids;
  }
  // The cluster holding `account_id`, or null.
  static json cluster_of(const json& answer, const std::string& account_id) {
    for (const json& c : answer.at("clusters"))
      for (const json& a : c.at("accounts"))
        if (a.at("account_id") == account_id) return c;
    return nullptr;
  }
  static std::vector<std::string> ids_of(const json& cluster) {
    std::vector<std::string> ids;
    for (const json& a : cluster.at("accounts")) ids.push_back(a.at("account_id"));
    return ids;
  }

  std::string scalar(const std::string& sql) const {
    return GetParam() == Backend::sqlite ? kam::test::sqlite_scalar(dir_.file("kam.db"), sql)
                                         : kam::test::pg_scalar(url_, sql);
  }
  // Runs statements with write access, the plugin's instance closed.
  void exec(const std::string& sql) {
    if (GetParam() == Backend::postgresql) {
      kam::test::pg_scalar(url_, sql);
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.file("kam.db").c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }

  TempDir dir_;
  std::string url_;
  std::atomic<int64_t> clock_{cst(1, 7, 9)};
  Plugin plugin_ = Plugin::load(kPluginPath);
  std::optional<Instance> instance_;
};

// The acceptance four, and bystanders.
inline const std::vector<AccountSpec> kAcceptance = {
    {"A1", "华东电子科技（上海）有限公司", "", ""},
    {"A2", "上海华东电子科技有限公司", "", ""},
    {"A3", "Huadong Electronics Technology (Shanghai) Co., Ltd.", "", ""},
    {"A4", "北京华东电子科技有限公司", "", ""},
    {"B1", "深圳华南贸易有限公司", "", ""},
    {"B2", "Koninklijke Philips N.V.", "", ""},
};

}  // namespace kam::host_test::identity
