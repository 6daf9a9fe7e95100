// match.cpp - match_json: the accounts whose names match a given name (deal registration), best first,
// each counted under its golden account when merged; and the name preparation and matching it and
// deal registration (app/distributors) share.
#include <algorithm>
#include <map>

#include "app/identity/identity.hpp"
#include "app/identity/identity_json.hpp"
#include "core/error.hpp"
#include "core/identity/account_records.hpp"
#include "core/identity/blocking.hpp"

namespace kam::app {

namespace ci = core::identity;
using nlohmann::json;

namespace {

constexpr uint32_t kDefaultLimit = 10, kMaxLimit = 100;

// The region a host gives for a name that names none: a short, full or Latin region name.
void apply_region(ci::Record& r, const std::string& region, const ci::Preparer& preparer, const char* function) {
  if (region.empty() || !r.parts.region.empty()) return;
  const std::string wanted = preparer.canonical(region);
  for (const ci::Region& known : preparer.tables().regions) {
    const bool han = std::find(known.han.begin(), known.han.end(), wanted) != known.han.end();
    const bool latin = std::find(known.latin.begin(), known.latin.end(), wanted) != known.latin.end();
    if (!han && !latin) continue;
    r.parts.region = known.latin.empty() ? known.code : known.latin.front();
    r.parts.region_code = known.code;
    r.parts.region_how = "given";
    r.key = r.parts.brand + "|" + r.parts.industry + "|" + r.parts.region;
    return;
  }
  throw Error(Status::invalid_argument, std::string(function) + ": region '" + region +
                                            "' is not a region KAM knows (a province, provincial capital or large "
                                            "city of data/identity/regions.tsv, in Chinese or Latin letters)");
}

}  // namespace

PreparedName prepare_name(const std::string& name, const std::string& name_latin, const std::string& tax_id,
                          const std::string& region, const char* function) {
  PreparedName out;
  out.records = ci::prepare_account(name, name_latin, tax_id);
  const ci::Preparer& preparer = ci::shared_preparer();
  for (ci::Record& r : out.records) apply_region(r, region, preparer, function);
  for (const ci::Record& r : out.records)
    for (std::string& k : ci::blocking_keys(r)) out.keys.push_back(std::move(k));
  return out;
}

std::vector<AccountMatch> matching_accounts(store::Store& store, const config::Config& config,
                                            const PreparedName& name, double threshold) {
  ci::MatchParams params;
  params.threshold = threshold;
  std::map<std::string, AccountMatch> by_golden;
  for (const store::IdentityAccount& a :
       store.identity().candidates(name.keys, static_cast<size_t>(config.identity.max_block))) {
    ci::Match m = identity::best_match(name.records, a.records, params, true);
    if (!m.matched) continue;
    const std::string golden = a.merged_into.empty() ? a.account_id : a.merged_into;
    auto [it, fresh] = by_golden.try_emplace(golden);
    if (fresh || m.score > it->second.match.score)
      it->second = AccountMatch{golden, a.merged_into.empty() ? std::string() : a.account_id, std::move(m)};
  }
  std::vector<AccountMatch> ranked;
  for (auto& [id, f] : by_golden) ranked.push_back(std::move(f));
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const AccountMatch& x, const AccountMatch& y) { return x.match.score > y.match.score; });
  return ranked;
}

std::string match_json(store::Store& store, const config::Config& config, const MatchRequest& request) {
  const char* fn = "identity.match";
  if (request.name.empty()) throw Error(Status::invalid_argument, std::string(fn) + ": name is empty");
  const uint32_t limit = identity::limit_of(request.limit, kDefaultLimit, kMaxLimit, fn);
  const double threshold = identity::threshold_of(request.min_score_bp, config.identity.threshold_bp, fn);
  const PreparedName name = prepare_name(request.name, request.name_latin, request.tax_id, request.region, fn);
  std::vector<AccountMatch> ranked = matching_accounts(store, config, name, threshold);
  const bool truncated = ranked.size() > limit;
  if (truncated) ranked.resize(limit);
  const std::vector<ci::Record>& query = name.records;

  std::vector<std::string> shown;
  for (const AccountMatch& f : ranked) shown.push_back(f.account_id);
  std::map<std::string, store::IdentityAccount> accounts;
  for (store::IdentityAccount& a : store.identity().accounts(shown)) accounts.emplace(a.account_id, std::move(a));
  json candidates = json::array();
  for (const AccountMatch& f : ranked) {
    const auto a = accounts.find(f.account_id);
    if (a == accounts.end()) continue;  // deleted meanwhile (accounts are never deleted)
    json c = identity::account_json(a->second);
    c["matched_via"] = f.via.empty() ? json(nullptr) : json(f.via);
    c.update(identity::match_fields(f.match));
    candidates.push_back(std::move(c));
  }
  json q = identity::spelling_json(query.front());
  q["name_latin"] = request.name_latin;
  q["given_region"] = request.region;
  return identity::dump({{"query", q},
                         {"min_score_bp", identity::score_bp(threshold)},
                         {"candidates", candidates},
                         {"truncated", truncated}});
}

}  // namespace kam::app
