#include "abi/json_text.hpp"

#include <nlohmann/json.hpp>

#include "abi/version.hpp"
#include "config/redact.hpp"

namespace kam::abi {
namespace {

// A stored JSON text as a JSON value; text that does not parse is kept as a string so that
// nothing is lost in the answer.
nlohmann::json embedded(const std::string& text) {
  if (text.empty()) return nullptr;
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? nlohmann::json(text) : parsed;
}

std::string dump(const nlohmann::json& j) {
  // Replace invalid UTF-8 rather than throw: stored text was validated on the way in anyway.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string instance_info_json(const kam_instance* instance) {
  auto snapshot = config_snapshot(instance);
  const auto& cfg = *snapshot.config;
  nlohmann::json j;
  j["plugin_version"] = kPluginVersion;
  j["abi"] = {{"major", KAM_ABI_VERSION_MAJOR}, {"minor", KAM_ABI_VERSION_MINOR}};
  j["config"] = {{"version", snapshot.version},
                 {"hash", cfg.content_hash},
                 {"source", cfg.source_name},
                 {"instance_name", cfg.instance_name},
                 {"summary", cfg.summary()}};
  // Hosts read and print business dates in this zone (kamhost: --now, --until, the card's dates).
  j["business"] = {{"time_zone", cfg.business.time_zone}, {"reporting_currency", cfg.business.reporting_currency}};
  j["database"] = {{"kind", instance->store->kind_name()},
                   {"url", config::redact_secrets(cfg.database.url)},
                   {"schema_version", instance->store->schema_version()}};
  return dump(j);
}

std::string notifications_json(const std::vector<store::Notification>& notifications) {
  auto arr = nlohmann::json::array();
  for (const auto& n : notifications) {
    arr.push_back({{"id", n.id},
                   {"kind", n.kind},
                   {"kind_name", n.kind_name},
                   {"account_id", n.account_id.empty() ? nlohmann::json(nullptr)
                                                       : nlohmann::json(n.account_id)},
                   {"created_at_ms", n.created_at_ms},
                   {"payload", embedded(n.payload_json)}});
  }
  return dump(arr);
}

std::string audit_json(const std::vector<store::AuditEntry>& entries) {
  auto arr = nlohmann::json::array();
  for (const auto& e : entries) {
    arr.push_back({{"id", e.id},
                   {"at_ms", e.at_ms},
                   {"user_id", e.user_id},
                   {"roles", e.roles},
                   {"action", e.action},
                   {"entity_type", e.entity_type},
                   {"entity_id", e.entity_id},
                   {"before", embedded(e.before_json)},
                   {"after", embedded(e.after_json)}});
  }
  return dump(arr);
}

}  // namespace kam::abi
