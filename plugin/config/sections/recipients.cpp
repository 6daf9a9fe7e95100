// recipients.cpp - value readers that complaints and service workflows share (sections.hpp):
// business time in hours or minutes of working time, and a list of escalation recipients.
#include <algorithm>

#include "config/did_you_mean.hpp"
#include "config/sections/sections.hpp"
#include "config/values.hpp"
#include "core/tiers/rules.hpp"

namespace kam::config::detail {

namespace c = core::complaints;

namespace {

// In RecipientKind order (owner = 1 .. assignee_manager = 4).
const std::vector<std::string_view> kRecipients{"owner", "assignee", "owner_manager", "assignee_manager"};

std::string indexed(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

}  // namespace

// Business time: minutes or hours of working time. Days and weeks are refused: "1d" would be 24
// business hours (three 8-hour days), which is never what an admin means by "one business day".
std::optional<int64_t> business_minutes_of(const MapReader& r, const Entry& e) {
  std::optional<int64_t> minutes;
  const std::string text = e.value.IsScalar() ? e.value.Scalar() : "";
  if (!text.empty() && (text.back() == 'd' || text.back() == 'w')) {
    r.error_at_value(e,
                     "business time is written in hours or minutes of working time (a business day is not 24 "
                     "hours): write 16h for two 8-hour days, got " +
                         describe(e.value));
    return std::nullopt;
  }
  if (!text.empty()) minutes = core::tiers::parse_duration_minutes(text);
  if (!minutes || *minutes > 100000LL * 60) {
    r.error_at_value(
        e, "expected business time like 30m, 4h or 16h (working time, up to 100000h), got " + describe(e.value));
    return std::nullopt;
  }
  return minutes;
}

std::optional<std::vector<c::Recipient>> recipients_of(const MapReader& r, const std::string& path,
                                                       std::string_view list_key) {
  const Entry* e = r.find(list_key);
  const YAML::Node* list =
      e ? sequence_of(r, *e, "a list of recipients like [owner, assignee, owner_manager, {role: director}]") : nullptr;
  if (!list) return std::nullopt;
  if (list->size() == 0) {
    r.error_at_value(*e,
                     "expected at least one recipient (owner, assignee, owner_manager, assignee_manager or "
                     "{role: NAME}), got an empty list");
    return std::nullopt;
  }
  std::vector<c::Recipient> to;
  std::size_t index = 0;
  bool ok = true;
  for (const YAML::Node& item : *list) {
    const std::string key = indexed(path + "." + std::string(list_key), index++);
    if (item.IsMap()) {
      const MapReader m(r.sink(), item, key, item.Mark(), std::vector<std::string_view>{"role"});
      const auto role = require_keys(m, key, {"role"}) ? m.get_string("role", "a role name") : std::nullopt;
      if (role && role->empty()) m.error_at_value(*m.find("role"), "expected a role name, got \"\"");
      if (role && !role->empty())
        to.push_back({c::RecipientKind::role, *role});
      else
        ok = false;
      continue;
    }
    const std::string s = item.IsScalar() ? item.Scalar() : "";
    const auto it = std::find(kRecipients.begin(), kRecipients.end(), s);
    if (it == kRecipients.end()) {
      r.sink().error(item.Mark(), key +
                                      ": expected owner, assignee, owner_manager, assignee_manager or "
                                      "{role: NAME}, got " +
                                      describe(item) + did_you_mean_suffix(s, kRecipients));
      ok = false;
      continue;
    }
    to.push_back({static_cast<c::RecipientKind>(it - kRecipients.begin() + 1), ""});
  }
  if (!ok) return std::nullopt;
  return to;
}

}  // namespace kam::config::detail
