// kam_h_cxx_test.cpp - kam.h must compile as C++ too (built with -Wall -Wextra -pedantic -Werror),
// and its C declarations must have C linkage and the same layout as seen from C.
#include "kam/kam.h"

#include <cstdint>
#include <cstdio>
#include <type_traits>

static_assert(std::is_standard_layout<kam_api_v1>::value, "kam_api_v1 is standard-layout");
static_assert(std::is_trivially_copyable<kam_batch>::value, "kam_batch is trivially copyable");
static_assert(std::is_same<kam_status, std::int32_t>::value, "kam_status is int32_t");
static_assert(std::is_same<decltype(&kam_get_api), kam_get_api_fn>::value, "entry point type");
static_assert(sizeof(kam_api_v1) == 240, "kam_api_v1 size as in abi_layout_test.c");  /* 1.5: the distributors getter */
static_assert(sizeof(kam_event_result) == 256, "kam_event_result size as in abi_layout_test.c");
static_assert(sizeof(kam_tier_evaluation_summary) == 96, "1.2 summary size as in abi_layout_test.c");
static_assert(sizeof(kam_tier_evaluation_summary_1_1) == 88, "the frozen 1.1 summary never grows");
static_assert(sizeof(kam_tick_result) == 200, "1.5 tick result size as in abi_layout_test.c");
static_assert(sizeof(kam_distributors_v1) == 64, "1.5 distributors table size as in layout_distributors.c");
static_assert(sizeof(kam_deal_registration) == 112, "1.5 deal registration size as in layout_distributors.c");
static_assert(sizeof(kam_event_account) == 128, "1.4 account event size as in layout_events.c");
static_assert(sizeof(kam_event_contact) == 88, "1.4 contact event size as in layout_events.c");
static_assert(std::is_trivially_copyable<kam_tick_result>::value, "kam_tick_result is trivially copyable");
static_assert(sizeof(kam_complaints_v1) == 40, "1.3 complaints table size as in layout_complaints.c");
static_assert(std::is_standard_layout<kam_complaints_v1>::value, "kam_complaints_v1 is standard-layout");
static_assert(sizeof(kam_event_complaint) == 112, "1.3 complaint event size as in layout_events.c");
static_assert(std::is_trivially_copyable<kam_event_complaint>::value, "the plugin copies a smaller (1.2) one in");
static_assert(std::is_same<kam_progress_fn, void (*)(void*, std::uint64_t, std::uint64_t)>::value, "kam_progress_fn");

int main() {
  kam_actor actor{};
  actor.struct_size = sizeof actor;
  const char* roles[] = {"admin"};
  actor.roles = roles;
  actor.role_count = 1;
  const bool has = KAM_API_HAS(static_cast<const kam_api_v1*>(nullptr), instance_info);
  std::printf("kam_h_cxx_test: %d passed, 0 failed\n", (actor.struct_size == 24 && !has) ? 1 : 0);
  return (actor.struct_size == 24 && !has) ? 0 : 1;
}
