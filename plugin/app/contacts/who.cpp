// who.cpp - who_json; see contacts.hpp.
#include <nlohmann/json.hpp>

#include "app/contacts/contacts.hpp"
#include "core/contacts/normalise.hpp"
#include "core/error.hpp"

namespace kam::app {

using nlohmann::json;
namespace cn = core::contacts;

namespace {

const core::tiers::TierLevel* tier_level(const config::Config& config, const std::string& name) {
  for (const core::tiers::TierLevel& level : config.tiers.levels)
    if (level.name == name) return &level;
  return nullptr;
}

}  // namespace

std::string who_json(store::Store& store, const config::Config& config, const std::string& phone_or_email) {
  if (phone_or_email.find_first_not_of(" \t\r\n") == std::string::npos)
    throw Error(Status::invalid_argument, "contacts.who: phone_or_email is empty");
  const cn::Query q = cn::classify(phone_or_email, config.contacts.default_region);
  const char* kind = cn::point_kind_name(q.kind);
  if (!q.normalised.valid)
    throw Error(Status::not_found,
                std::string("contacts.who: not found: '") + q.normalised.value + "' is not " +
                    (q.kind == cn::PointKind::phone ? "a phone number (read in region " + config.contacts.default_region + ")"
                                                    : std::string("an e-mail address")) +
                    ", so no account has it");
  const std::vector<store::ContactMatch> matches = store.contacts().who(kind, q.normalised.value);
  if (matches.empty())
    throw Error(Status::not_found, std::string("contacts.who: not found: no account or contact has the ") + kind +
                                       " " + q.normalised.value);
  json list = json::array();
  for (const store::ContactMatch& m : matches) {
    // An account never evaluated is in the default tier, as its card says.
    const std::string tier = m.tier.empty() ? config.tiers.default_level().name : m.tier;
    const core::tiers::TierLevel* level = tier_level(config, tier);
    json contact = nullptr;
    if (!m.contact_id.empty())
      contact = json{{"contact_id", m.contact_id}, {"name", m.contact_name}, {"role", m.contact_role}};
    list.push_back(json{{"account_id", m.account_id},
                        {"account_name", m.account_name},
                        {"tier", tier},
                        {"hotline", level && !level->benefits.hotline.empty() ? json(level->benefits.hotline) : json(nullptr)},
                        {"account_manager_id", m.account_manager_id.empty() ? json(nullptr) : json(m.account_manager_id)},
                        {"account_manager_name", m.account_manager_name.empty() ? json(nullptr) : json(m.account_manager_name)},
                        {"contact", contact},
                        {"open_complaints", m.open_complaints},
                        {"breached_complaints", m.breached_complaints},
                        {"open_requests", m.open_requests},
                        {"next_visit_due_ms", m.next_visit_due_ms ? json(*m.next_visit_due_ms) : json(nullptr)}});
  }
  return json{{"query", phone_or_email}, {"normalised", q.normalised.value}, {"kind", kind}, {"matches", list}}.dump();
}

}  // namespace kam::app
