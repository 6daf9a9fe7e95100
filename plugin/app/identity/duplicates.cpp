// duplicates.cpp - duplicates_json: duplicate clusters over every account that is not merged, from the
// stored blocking keys (candidate pairs, near-linear: core/identity/blocking.hpp), scored and joined
// with the core's constrained clustering; paged by cluster id (its first account id).
#include <algorithm>
#include <map>

#include "app/identity/identity.hpp"
#include "app/identity/identity_json.hpp"
#include "core/error.hpp"
#include "core/identity/blocking.hpp"
#include "core/identity/cluster.hpp"

namespace kam::app {

namespace ci = core::identity;
using nlohmann::json;

namespace {

constexpr uint32_t kDefaultLimit = 100, kMaxLimit = 1000;

}  // namespace

std::string duplicates_json(store::Store& store, const config::Config& config, const DuplicatesRequest& request) {
  const char* fn = "identity.duplicates";
  const uint32_t limit = identity::limit_of(request.limit, kDefaultLimit, kMaxLimit, fn);
  ci::MatchParams params;
  params.threshold = identity::threshold_of(request.min_score_bp, config.identity.threshold_bp, fn);

  const store::IdentityBase base = store.identity().base();
  const size_t n = base.accounts.size();
  std::vector<std::string> order(n);
  std::vector<ci::Record> primary(n);
  for (size_t i = 0; i < n; ++i) {
    primary[i] = base.accounts[i].records.front();
    order[i] = ci::chain_order(primary[i]);
  }
  const std::vector<ci::RecordPair> candidates =
      ci::candidate_pairs(base.keys, order, static_cast<size_t>(config.identity.max_block));
  std::vector<ci::ScoredPair> matched;
  for (auto [a, b] : candidates) {
    const ci::Match m = identity::best_match(base.accounts[a].records, base.accounts[b].records, params, false);
    if (m.matched) matched.push_back({a, b, m.score});
  }
  const std::vector<uint32_t> cluster = ci::cluster_records(primary, matched);

  // Members by cluster root; the root is the cluster's first account (ids are in byte order).
  std::map<uint32_t, std::vector<uint32_t>> members;
  for (uint32_t i = 0; i < n; ++i)
    if (cluster[i] != i) members[cluster[i]].push_back(i);
  for (auto& [root, list] : members) list.insert(list.begin(), root);
  std::map<uint32_t, std::vector<const ci::ScoredPair*>> pairs;
  for (const ci::ScoredPair& p : matched)
    if (cluster[p.a] == cluster[p.b]) pairs[cluster[p.a]].push_back(&p);

  json clusters = json::array();
  std::string next;
  for (const auto& [root, list] : members) {
    const std::string& id = base.accounts[root].account_id;
    if (!request.after_cluster_id.empty() && id <= request.after_cluster_id) continue;
    if (clusters.size() == limit) {  // there is another page: it starts after the last cluster shown
      next = clusters.back()["cluster_id"].get<std::string>();
      break;
    }
    json accounts = json::array();
    for (uint32_t i : list) accounts.push_back(identity::account_json(base.accounts[i]));
    json pair_list = json::array();
    for (const ci::ScoredPair* p : pairs[root]) {
      json j = {{"a", base.accounts[p->a].account_id}, {"b", base.accounts[p->b].account_id}};
      j.update(identity::match_fields(
          identity::best_match(base.accounts[p->a].records, base.accounts[p->b].records, params, true)));
      pair_list.push_back(std::move(j));
    }
    clusters.push_back({{"cluster_id", id}, {"accounts", accounts}, {"pairs", pair_list}});
  }
  return identity::dump({{"min_score_bp", identity::score_bp(params.threshold)},
                         {"after", request.after_cluster_id},
                         {"clusters", clusters},
                         {"next_after", next.empty() ? json(nullptr) : json(next)},
                         {"accounts_scanned", n},
                         {"candidate_pairs", candidates.size()},
                         {"matched_pairs", matched.size()}});
}

}  // namespace kam::app
