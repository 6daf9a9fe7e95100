// calendar_versions.hpp - what complaint tracking takes from the config in force, and the calendar
// versions it names. A version key is the calendar's name and a fingerprint of its definition
// ("china#3f2a..."): a reload that changes a calendar makes a new key, and the stored definition of
// every key a ledger names keeps the past derivable (docs/complaints.md, calendar versions).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "config/config.hpp"
#include "core/complaints/clock.hpp"
#include "core/complaints/escalation.hpp"
#include "core/complaints/lifecycle.hpp"
#include "core/time/work_definition.hpp"

namespace kam::store {

// The definition as stable JSON (the stored form), and back. from_json throws Status::store for a
// row that does not read back.
std::string definition_json(const core::time::WorkDefinition& definition);
core::time::WorkDefinition definition_from_json(const std::string& json);
// "NAME#" + 16 hex digits of FNV-1a over definition_json.
std::string calendar_version_key(const core::time::WorkDefinition& definition);

// Complaint tracking's view of one config: the lifecycle's targets with the version key in force of
// each calendar, the calendars by version key, and the escalation chain.
struct ComplaintSetup {
  core::complaints::SlaSetup sla;                  // sla.calendar_keys: name -> key
  core::complaints::Calendars calendars;           // key -> calendar (the config's versions)
  std::map<std::string, core::time::WorkDefinition> definitions;  // key -> definition
  core::complaints::EscalationChain chain;
  std::string default_time_zone;                   // business.time_zone
};

ComplaintSetup complaint_setup(const config::Config& config);
// The same, built once per config text (content_hash) and shared: the queries and every batch use
// it without fingerprinting the calendars again.
std::shared_ptr<const ComplaintSetup> shared_complaint_setup(const config::Config& config);

}  // namespace kam::store
