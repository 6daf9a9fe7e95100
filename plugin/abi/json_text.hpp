// json_text.hpp - JSON documents returned to the host (instance info, notification and audit lists).
#pragma once

#include <string>
#include <vector>

#include "abi/instance.hpp"
#include "store/audit/audit_repository.hpp"
#include "store/outbox/outbox_repository.hpp"

namespace kam::abi {

std::string instance_info_json(const kam_instance* instance);
std::string notifications_json(const std::vector<store::Notification>& notifications);
std::string audit_json(const std::vector<store::AuditEntry>& entries);

}  // namespace kam::abi
