// kam/host/identity.hpp - kam::host::Identity, the account identity capability of ABI 1.4
// (kam/identity.h): match a name against the accounts, duplicate clusters, merge into a golden
// account and undo it, each returned as the JSON text kam/identity.h documents. Get one from
// Instance::identity(), which throws KAM_ERR_UNSUPPORTED on a plugin older than 1.4 (or built without
// identity matching). Part of kam/host.hpp (include that).
#ifndef KAM_HOST_IDENTITY_HPP
#define KAM_HOST_IDENTITY_HPP

#include <kam/kam.h>

#include <cstdint>
#include <kam/host/actor.hpp>
#include <kam/host/buffer.hpp>
#include <kam/host/library.hpp>
#include <string>
#include <utility>
#include <vector>

namespace kam::host {

// What Identity::match looks for (kam_identity_match_query): empty strings are "none".
struct MatchQuery {
  std::string name, name_latin, tax_id, region;
  int32_t min_score_bp = 0;  // 0: identity.threshold
  uint32_t limit = 0;        // 0: 10, at most 100
};

// The identity table bound to one instance. Cheap to copy; keeps the library loaded, but not the
// instance: use it only while the Instance it came from lives. Methods are [thread-safe].
class Identity {
 public:
  Identity(detail::LibraryPtr lib, kam_instance* instance, const kam_identity_v1* table)
      : lib_(std::move(lib)), instance_(instance), table_(table) {}

  // The accounts matching a name, best first, with scores and reasons. Needs "accounts.read".
  std::string match(const Actor& actor, const MatchQuery& q) const {
    if (!KAM_IDENTITY_HAS(table_, match)) missing("match");
    kam_identity_match_query query{};
    query.struct_size = sizeof query;
    query.min_score_bp = q.min_score_bp;
    query.name = q.name.c_str();
    query.name_latin = q.name_latin.c_str();
    query.tax_id = q.tax_id.c_str();
    query.region = q.region.c_str();
    query.limit = q.limit;
    Buffer out(lib_);
    detail::check(*lib_->api, table_->match(instance_, actor.get(), &query, out.get()), "identity.match");
    return out.str();
  }

  // One page of duplicate clusters (after_cluster_id: the previous page's next_after). Needs "accounts.read".
  std::string duplicates(const Actor& actor, int32_t min_score_bp = 0, uint32_t limit = 0,
                         const std::string& after_cluster_id = {}) const {
    if (!KAM_IDENTITY_HAS(table_, duplicates)) missing("duplicates");
    kam_identity_duplicates_query query{};
    query.struct_size = sizeof query;
    query.min_score_bp = min_score_bp;
    query.after_cluster_id = after_cluster_id.c_str();
    query.limit = limit;
    Buffer out(lib_);
    detail::check(*lib_->api, table_->duplicates(instance_, actor.get(), &query, out.get()), "identity.duplicates");
    return out.str();
  }

  // Merges accounts into golden_id (audited). Needs "accounts.merge".
  std::string merge(const Actor& actor, const std::string& golden_id, const std::vector<std::string>& account_ids,
                    const std::string& reason) const {
    if (!KAM_IDENTITY_HAS(table_, merge)) missing("merge");
    std::vector<const char*> ids;
    ids.reserve(account_ids.size());
    for (const std::string& id : account_ids) ids.push_back(id.c_str());
    Buffer out(lib_);
    detail::check(*lib_->api,
                  table_->merge(instance_, actor.get(), golden_id.c_str(), ids.data(),
                                static_cast<uint32_t>(ids.size()), reason.c_str(), out.get()),
                  "identity.merge");
    return out.str();
  }

  // Ends one account's merge (audited). Needs "accounts.merge".
  std::string unmerge(const Actor& actor, const std::string& account_id, const std::string& reason) const {
    if (!KAM_IDENTITY_HAS(table_, unmerge)) missing("unmerge");
    Buffer out(lib_);
    detail::check(*lib_->api, table_->unmerge(instance_, actor.get(), account_id.c_str(), reason.c_str(), out.get()),
                  "identity.unmerge");
    return out.str();
  }

  // The C table and handle, for members the wrapper does not cover (check them with KAM_IDENTITY_HAS).
  const kam_identity_v1& table() const noexcept { return *table_; }
  kam_instance* handle() const noexcept { return instance_; }

 private:
  [[noreturn]] void missing(const char* member) const {
    detail::throw_missing(*lib_, std::string("identity.") + member, 4);
  }

  detail::LibraryPtr lib_;
  kam_instance* instance_;
  const kam_identity_v1* table_;
};

}  // namespace kam::host

#endif  // KAM_HOST_IDENTITY_HPP
