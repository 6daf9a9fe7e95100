// config_reload.cpp - the audit entry of a config reload.
#include "app/instance/config_reload.hpp"

#include <nlohmann/json.hpp>

namespace kam::app {
namespace {

nlohmann::json config_identity(const ConfigVersion& c) {
  return {{"version", c.version}, {"hash", c.config.content_hash}, {"source", c.config.source_name}};
}

}  // namespace

void record_config_reload(store::Store& store, const core::Actor& actor, int64_t at_ms, const ConfigVersion& before,
                          const ConfigVersion& after) {
  store::AuditEntry entry;
  entry.at_ms = at_ms;
  entry.user_id = actor.user_id;
  entry.roles = actor.roles;
  entry.action = "config.reload";
  entry.entity_type = "config";
  entry.entity_id = after.config.instance_name;
  entry.before_json = config_identity(before).dump();
  entry.after_json = config_identity(after).dump();
  store.audit().append(entry);
}

}  // namespace kam::app
