// Account identity matching (ABI 1.4): the capability table kam_identity_v1 and its getter
// kam_api_v1.identity. Each call converts its arguments, checks the actor's permission (Call: a
// refusal is audited there), runs one use case of app/identity and returns its JSON.
#include <cstdint>
#include <string>
#include <vector>

#include "abi/api.hpp"
#include "abi/buffer.hpp"
#include "abi/call.hpp"
#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/instance.hpp"
#include "abi/limits.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"
#include "app/identity/identity.hpp"

namespace kam::abi {
namespace {

std::string optional_name(const char* s, const char* where) { return input_string(s, where, StringKind::name, false); }

kam_status match(kam_instance* instance, const kam_actor* actor, const kam_identity_match_query* query,
                 kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "identity.match";
    Call call(instance, actor, fn, app::kAccountsRead);
    require_ptr(query, fn, "query");
    check_struct(query, kIdentityMatchQuerySize_1_4, "kam_identity_match_query");
    check_reserved(query->reserved0, "kam_identity_match_query.reserved0");
    require_ptr(out_json, fn, "out_json");
    app::MatchRequest r;
    r.name = input_string(query->name, "identity.match: query.name", StringKind::name, true);
    r.name_latin = optional_name(query->name_latin, "identity.match: query.name_latin");
    r.tax_id = input_string(query->tax_id, "identity.match: query.tax_id", StringKind::id, false);
    r.region = optional_name(query->region, "identity.match: query.region");
    r.min_score_bp = query->min_score_bp;
    r.limit = query->limit;
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json, app::match_json(*instance->store, *snapshot.config, r), fn);
  });
}

kam_status duplicates(kam_instance* instance, const kam_actor* actor, const kam_identity_duplicates_query* query,
                      kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "identity.duplicates";
    Call call(instance, actor, fn, app::kAccountsRead);
    require_ptr(query, fn, "query");
    check_struct(query, kIdentityDuplicatesQuerySize_1_4, "kam_identity_duplicates_query");
    check_reserved(query->reserved0, "kam_identity_duplicates_query.reserved0");
    require_ptr(out_json, fn, "out_json");
    app::DuplicatesRequest r;
    r.min_score_bp = query->min_score_bp;
    r.limit = query->limit;
    r.after_cluster_id =
        input_string(query->after_cluster_id, "identity.duplicates: query.after_cluster_id", StringKind::id, false);
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json, app::duplicates_json(*instance->store, *snapshot.config, r), fn);
  });
}

kam_status merge(kam_instance* instance, const kam_actor* actor, const char* golden_id, const char* const* account_ids,
                 uint32_t account_count, const char* reason, kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "identity.merge";
    Call call(instance, actor, fn, app::kAccountsMerge);
    const std::string golden = id_arg(golden_id, "identity.merge: golden_id");
    if (account_count == 0)
      throw Error(Status::invalid_argument, std::string(fn) + ": account_count is 0 (nothing to merge)");
    if (account_ids == nullptr)
      throw Error(Status::invalid_argument,
                  std::string(fn) + ": account_ids is NULL but account_count is " + std::to_string(account_count));
    if (account_count > kMaxListItems)
      throw Error(Status::invalid_argument, std::string(fn) + ": account_count " + std::to_string(account_count) +
                                                " is over " + std::to_string(kMaxListItems));
    std::vector<std::string> ids;
    ids.reserve(account_count);
    for (uint32_t i = 0; i < account_count; ++i)
      ids.push_back(id_arg(account_ids[i], ("identity.merge: account_ids[" + std::to_string(i) + "]").c_str()));
    const std::string why = input_string(reason, "identity.merge: reason", StringKind::reason, true);
    require_ptr(out_json, fn, "out_json");
    fill_buffer(out_json, app::merge_json(*instance->store, golden, ids, why, call.actor(), now_ms(instance)), fn);
  });
}

kam_status unmerge(kam_instance* instance, const kam_actor* actor, const char* account_id, const char* reason,
                   kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "identity.unmerge";
    Call call(instance, actor, fn, app::kAccountsMerge);
    const std::string id = id_arg(account_id, "identity.unmerge: account_id");
    const std::string why = input_string(reason, "identity.unmerge: reason", StringKind::reason, true);
    require_ptr(out_json, fn, "out_json");
    fill_buffer(out_json, app::unmerge_json(*instance->store, id, why, call.actor(), now_ms(instance)), fn);
  });
}

// Members are only ever appended (kam/identity.h).
const kam_identity_v1 kIdentityV1 = {
    sizeof(kam_identity_v1), 4,
    /* 1.4 */
    &match, &duplicates, &merge, &unmerge,
    /* end 1.4 */
};

}  // namespace

const kam_identity_v1* identity() { return &kIdentityV1; }

}  // namespace kam::abi
