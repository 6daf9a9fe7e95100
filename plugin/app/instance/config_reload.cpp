// config_reload.cpp - what a config reload does beside swapping the config: open complaints on a
// calendar whose definition changed follow the new schedule from now on (complaints/recompute.cpp),
// and the audit entry names both configs and how many complaints that moved.
#include "app/instance/config_reload.hpp"

#include <nlohmann/json.hpp>

#include "app/complaints/complaints.hpp"

namespace kam::app {
namespace {

nlohmann::json config_identity(const ConfigVersion& c) {
  return {{"version", c.version}, {"hash", c.config.content_hash}, {"source", c.config.source_name}};
}

}  // namespace

void record_config_reload(store::Store& store, const core::Actor& actor, int64_t at_ms, const ConfigVersion& before,
                          const ConfigVersion& after, const LogFn& log) {
  const uint64_t recomputed = recompute_open_deadlines(store, before.config, after.config, at_ms, log);
  store::AuditEntry entry;
  entry.at_ms = at_ms;
  entry.user_id = actor.user_id;
  entry.roles = actor.roles;
  entry.action = "config.reload";
  entry.entity_type = "config";
  entry.entity_id = after.config.instance_name;
  entry.before_json = config_identity(before).dump();
  nlohmann::json identity = config_identity(after);
  if (recomputed > 0) identity["complaints_recomputed"] = recomputed;
  entry.after_json = identity.dump();
  store.audit().append(entry);
}

}  // namespace kam::app
