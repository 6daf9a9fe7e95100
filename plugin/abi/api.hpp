// api.hpp - the functions behind the kam_api_v1 table, one group per file (api_*.cpp). Each body
// runs inside status_of_call(), so none of them lets an exception out.
#pragma once

#include "kam/kam.h"

namespace kam::abi {

// api_errors.cpp
const char* last_error_message();
const char* status_name(kam_status status);
const void* get_extension(const char* extension_id);

// api_instance.cpp
kam_status config_check(const kam_config_source* source, kam_buffer* summary);
kam_status instance_create(const kam_instance_options* options, kam_instance** out_instance);
// instance_destroy is kam_abi_instance_destroy below (destroy_entry.cpp).
kam_status config_reload(kam_instance* instance, const kam_actor* actor,
                         const kam_config_source* source);
kam_status instance_info(kam_instance* instance, kam_buffer* out_json);

// api_ingest.cpp
kam_status ingest(kam_instance* instance, const kam_actor* actor, const kam_batch* batch,
                  kam_batch_summary* summary);

// api_outbox.cpp
kam_status notifications_poll(kam_instance* instance, const kam_actor* actor, uint32_t max,
                              kam_buffer* out_json);
kam_status notifications_ack(kam_instance* instance, const kam_actor* actor, const int64_t* ids,
                             uint32_t count);
kam_status notifications_deliver(kam_instance* instance, uint32_t max, uint32_t* out_delivered);
kam_status audit_query(kam_instance* instance, const kam_actor* actor,
                       const kam_audit_query* query, kam_buffer* out_json);

// 1.1: account tiers (api_tiers.cpp)
kam_status tiers_evaluate(kam_instance* instance, const kam_actor* actor, const kam_tier_evaluation* request,
                          kam_tier_evaluation_summary* summary);
kam_status account_card(kam_instance* instance, const kam_actor* actor, const char* account_id, kam_buffer* out_json);
kam_status tier_override_set(kam_instance* instance, const kam_actor* actor, const kam_tier_override* request);
kam_status tier_override_clear(kam_instance* instance, const kam_actor* actor, const char* account_id,
                               const char* reason);
kam_status report_pareto(kam_instance* instance, const kam_actor* actor, uint32_t max_entries, kam_buffer* out_json);
kam_status tick(kam_instance* instance, const kam_actor* actor, kam_tick_result* result);

/* 1.2 */
kam_status tiers_list(kam_instance* instance, const kam_actor* actor, const kam_tier_list_query* query,
                      kam_buffer* out_json);
/* end 1.2 */

/* 1.3: the complaints table's getter (api_complaints.cpp, which holds the table's functions) */
const kam_complaints_v1* complaints();
/* 1.4: the capability tables' getters, one file each (api_identity.cpp, api_service.cpp,
 * api_contacts.cpp, api_visits.cpp, which hold the tables' functions) */
const kam_identity_v1* identity();
const kam_service_v1* service();
const kam_contacts_v1* contacts();
const kam_visits_v1* visits();
/* 1.5: distributor rules (api_distributors.cpp) */
const kam_distributors_v1* distributors();
/* end 1.3 */

}  // namespace kam::abi

// destroy_entry.cpp: the table's instance_destroy (it may drop the plugin's reference on itself).
extern "C" __attribute__((visibility("hidden"))) kam_status kam_abi_instance_destroy(kam_instance* instance);
