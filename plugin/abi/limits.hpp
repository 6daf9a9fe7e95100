// limits.hpp - the bounds on what a host passes in, in one place; kam.h states each where the call
// is (and its conventions state the string rules). Changing a number here is an ABI change.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/events.hpp"
#include "kam/kam.h"

namespace kam::abi {

inline constexpr size_t kMaxIdBytes = KAM_MAX_ID_BYTES;        // every id of every kind, user ids, roles
inline constexpr uint32_t kMaxRoles = KAM_MAX_ROLES;           // roles of one kam_actor
inline constexpr size_t kMaxNameBytes = KAM_MAX_NAME_BYTES;    // names, tier names, flags, source, ...
inline constexpr size_t kMaxReasonBytes = KAM_MAX_REASON_BYTES;  // reasons (overrides, cancellations)
inline constexpr size_t kMaxTextBytes = KAM_MAX_TEXT_BYTES;    // complaint and request texts, notes
inline constexpr uint32_t kMaxListItems = KAM_MAX_LIST_ITEMS;  // flags, territories, industries
inline constexpr uint32_t kMaxAckIds = KAM_MAX_ACK_IDS;        // ids per notifications_ack
inline constexpr uint64_t kMaxBatchEvents = KAM_MAX_BATCH_EVENTS;
inline constexpr uint32_t kMaxAuditLimit = KAM_MAX_AUDIT_LIMIT;
inline constexpr int64_t kNotifyRetryMs = KAM_NOTIFY_RETRY_MS;

// The core enforces these; the header states them.
static_assert(core::kMaxTimeMs == 253402300799999);

// Refusals recorded in the audit trail per instance and minute of the host clock (kam.h).
inline constexpr uint32_t kRefusalRowsPerUser = 10;
inline constexpr uint32_t kRefusalRowsPerInstance = 100;

}  // namespace kam::abi
