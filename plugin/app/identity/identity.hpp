// identity.hpp - account identity matching put to work (docs/identity.md): the identity core
// (core/identity) over the accounts the store holds. The use cases of kam/identity.h: the accounts
// that match a name (deal registration), duplicate clusters over the whole base, merging a cluster
// into a golden account and undoing it; and what the account card says about merges. The ABI layer
// (abi/api_identity.cpp) converts to and from C and checks the actor's permission.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/actor.hpp"
#include "core/identity/record.hpp"
#include "core/identity/score.hpp"
#include "store/store.hpp"

namespace kam::app {

// Permissions (also in core::kPermissions).
inline constexpr const char* kAccountsRead = "accounts.read";
inline constexpr const char* kAccountsMerge = "accounts.merge";

struct MatchRequest {
  std::string name, name_latin, tax_id;
  std::string region;        // a region name (上海, Shanghai) for a name that has none; "" = none
  int32_t min_score_bp = 0;  // 0: identity.threshold
  uint32_t limit = 0;        // 0: 10; at most 100
};
// kam/identity.h match. Throws invalid_argument (empty name, unknown region, limit or score out of range).
std::string match_json(store::Store& store, const config::Config& config, const MatchRequest& request);

// A name's prepared spellings (name, then the Latin name) with the given region applied, and their
// blocking keys: what match_json and deal registration (app/distributors) compare and look up.
struct PreparedName {
  std::vector<core::identity::Record> records;
  std::vector<std::string> keys;
};
// Throws invalid_argument for a region KAM does not know (`function` names the caller).
PreparedName prepare_name(const std::string& name, const std::string& name_latin, const std::string& tax_id,
                          const std::string& region, const char* function);

// An account a name matched, counted under its golden account when merged.
struct AccountMatch {
  std::string account_id;  // the golden account (or the account itself)
  std::string via;         // the merged account that matched, or ""
  core::identity::Match match;
};
// The accounts the prepared name matches at or above threshold, best first (every one; the caller
// cuts the list).
std::vector<AccountMatch> matching_accounts(store::Store& store, const config::Config& config,
                                            const PreparedName& name, double threshold);

struct DuplicatesRequest {
  int32_t min_score_bp = 0;      // 0: identity.threshold
  uint32_t limit = 0;            // clusters per page; 0: 100; at most 1,000
  std::string after_cluster_id;  // "" = the first page
};
// kam/identity.h duplicates.
std::string duplicates_json(store::Store& store, const config::Config& config, const DuplicatesRequest& request);

// kam/identity.h merge and unmerge: audited; a refusal (unknown account, merged elsewhere, ...) is
// audited as "accounts.merge.refused" / "accounts.unmerge.refused" and rethrown.
std::string merge_json(store::Store& store, const std::string& golden_id, const std::vector<std::string>& account_ids,
                       const std::string& reason, const core::Actor& actor, int64_t now_ms);
std::string unmerge_json(store::Store& store, const std::string& account_id, const std::string& reason,
                         const core::Actor& actor, int64_t now_ms);

// The account card of an account merged into another (kam/tiers.h account_card: merged_into), or
// nothing when the account is not merged.
std::optional<std::string> merged_account_card_json(store::Store& store, const std::string& account_id);
// The card's merged_accounts: [{account_id, merged_at_ms, merged_by, reason}] of a golden account.
nlohmann::json merged_accounts_json(store::Store& store, const std::string& golden_id);

}  // namespace kam::app
