// register.cpp - register_deal_json: the request checked, the customer prepared for identity
// matching, the house accounts found (outside the transaction: accounts are not what two deciders
// race on), then inside the store's serialised transaction the earlier registrations of the same
// customer and the quota used, the decision, the row, its keys, its audit entry and, on a conflict,
// KAM_NOTIFY_CHANNEL_CONFLICT.
#include <atomic>
#include <map>
#include <random>

#include "app/distributors/deal_json.hpp"
#include "app/distributors/distributors.hpp"
#include "app/identity/identity.hpp"
#include "app/identity/identity_json.hpp"
#include "core/distributors/decision.hpp"
#include "core/error.hpp"
#include "core/fnv1a.hpp"
#include "core/identity/account_records.hpp"
#include "core/money/currency.hpp"

namespace kam::app {

namespace cd = core::distributors;
namespace ci = core::identity;
using nlohmann::json;

namespace {

constexpr const char* kFn = "distributors.deal_register";
constexpr int32_t kNotifyChannelConflict = 4;  // KAM_NOTIFY_CHANNEL_CONFLICT
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kMaxAmountMinor = 1'000'000'000'000'000LL;  // KAM_MAX_AMOUNT_MINOR

void refuse(const std::string& what) { throw Error(Status::invalid_argument, std::string(kFn) + ": " + what); }

void check_request(const DealRequest& r) {
  if (r.customer_name.empty()) refuse("registration.customer_name is empty");
  if (r.product_lines.empty()) refuse("registration.product_lines is empty (name one product line at least)");
  for (size_t i = 0; i < r.product_lines.size(); ++i)
    if (r.product_lines[i].empty()) refuse("registration.product_lines[" + std::to_string(i) + "] is empty");
  if (r.amount_minor < 0 || r.amount_minor > kMaxAmountMinor)
    refuse("registration.amount.minor_units " + std::to_string(r.amount_minor) + " is outside 0..10^15");
  if (!core::money::is_known_currency(r.currency))
    refuse("registration.amount.currency '" + r.currency + "' is not an ISO 4217 code");
  if (r.discount_bp < 0 || r.discount_bp > 10000)
    refuse("registration.discount_bp " + std::to_string(r.discount_bp) + " is outside 0..10000");
  if (r.expected_close_ms < 0) refuse("registration.expected_close_ms is negative");
}

int64_t reporting_amount(const DealRequest& r, const config::Config& config, int64_t now_ms) {
  try {
    const core::time::BusinessCalendar calendar(config.business.time_zone);
    return config.exchange_rates.convert_at(core::Money{r.amount_minor, r.currency}, now_ms, calendar);
  } catch (const Error& e) {
    refuse("registration.amount cannot be converted into the reporting currency " +
           config.business.reporting_currency + ": " + e.what());
  }
  return 0;
}

// "DR-" and 16 hex digits, unique across hosts (a random seed per process and a counter).
std::string new_registration_id(const std::string& distributor_id, int64_t now_ms) {
  static const uint64_t seed = std::random_device{}() * 0x9e3779b97f4a7c15ULL ^ std::random_device{}();
  static std::atomic<uint64_t> counter{0};
  core::Fnv1a64 f;
  f.bytes(distributor_id);
  f.bytes(std::to_string(now_ms) + "/" + std::to_string(seed) + "/" + std::to_string(counter++));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(f.value()));
  return std::string("DR-") + hex;
}

int32_t score_bp(const ci::Match& m) { return static_cast<int32_t>(m.score * 10000 + 0.5); }

struct Matched {
  std::vector<cd::HouseAccount> house;  // best first
  std::string best_account_id;          // the best match of any kind, for the row ("" none)
  std::string manager_id;               // the house account's manager (notification)
};

Matched house_accounts(store::Store& store, const config::Config& config, const PreparedName& name,
                       double threshold) {
  Matched out;
  const std::vector<AccountMatch> matches = matching_accounts(store, config, name, threshold);
  if (matches.empty()) return out;
  out.best_account_id = matches.front().account_id;
  std::vector<std::string> ids;
  for (const AccountMatch& m : matches) ids.push_back(m.account_id);
  std::map<std::string, store::HouseCandidate> by_id;
  for (store::HouseCandidate& c : store.deals().house_candidates(ids)) by_id.emplace(c.account_id, std::move(c));
  for (const AccountMatch& m : matches) {
    const auto c = by_id.find(m.account_id);
    if (c == by_id.end() || !c->second.distributor_id.empty()) continue;  // served through the channel
    if (!config.distributors.is_direct_tier(c->second.tier)) continue;
    if (out.house.empty()) out.manager_id = c->second.manager_id;
    out.house.push_back(cd::HouseAccount{c->first, c->second.name, c->second.tier, score_bp(m.match)});
  }
  return out;
}

store::Notification conflict_notification(const store::StoredDeal& row, const cd::Decision& d, const Matched& matched,
                                          const config::Config& config, int64_t now_ms) {
  json codes = json::array(), employees = json::array();
  std::string earlier_id, earlier_distributor;
  for (const cd::Finding& f : d.findings) {
    if (f.reason != cd::Reason::house_account && f.reason != cd::Reason::already_registered) continue;
    codes.push_back(cd::reason_code(f.reason));
    if (f.earlier) {
      earlier_id = f.earlier->registration_id;
      earlier_distributor = f.earlier->distributor_id;
    }
  }
  if (!matched.manager_id.empty()) employees.push_back(matched.manager_id);
  const std::string account = matched.house.empty() ? std::string() : matched.house.front().account_id;
  store::Notification n;
  n.kind = kNotifyChannelConflict;
  n.kind_name = "channel_conflict";
  n.account_id = account;
  n.created_at_ms = now_ms;
  n.payload_json = json{{"key", "DEAL/" + row.registration_id + "/conflict"},
                        {"registration_id", row.registration_id},
                        {"distributor_id", row.distributor_id},
                        {"customer_name", row.customer_name},
                        {"decision", row.decision},
                        {"reasons", codes},
                        {"account_id", account.empty() ? json(nullptr) : json(account)},
                        {"account_manager_id", matched.manager_id.empty() ? json(nullptr) : json(matched.manager_id)},
                        {"earlier_registration_id", earlier_id.empty() ? json(nullptr) : json(earlier_id)},
                        {"earlier_distributor_id", earlier_distributor.empty() ? json(nullptr) : json(earlier_distributor)},
                        {"employees", employees},
                        {"roles", config.distributors.conflict_roles},
                        {"created_at_ms", now_ms}}
                       .dump();
  return n;
}

}  // namespace

std::string register_deal_json(store::Store& store, const config::Config& config, const DealContext& context,
                               const DealRequest& request) {
  const std::string distributor_id = request.distributor_id.empty() ? context.actor.user_id : request.distributor_id;
  if (distributor_id != context.actor.user_id && !context.access.allows(context.actor, kDealsRegisterAny))
    throw Error(Status::permission, std::string(kFn) + ": user '" + context.actor.user_id +
                                        "' may register deals only for distributor '" + context.actor.user_id +
                                        "' (deals.register), not for '" + distributor_id + "' (deals.register.any)");
  check_request(request);
  const std::optional<store::StoredDistributor> distributor = store.deals().distributor(distributor_id);
  if (!distributor)
    throw Error(Status::not_found, std::string(kFn) + ": unknown distributor '" + distributor_id +
                                       "' (distributors arrive as KAM_EVENT_DISTRIBUTOR_UPSERTED events)");
  const int64_t now = context.now_ms;
  const int64_t amount_reporting = reporting_amount(request, config, now);
  const PreparedName name = prepare_name(request.customer_name, request.customer_name_latin, request.tax_id, "", kFn);
  const int32_t min_bp =
      config.distributors.match_min_score_bp > 0 ? config.distributors.match_min_score_bp : config.identity.threshold_bp;
  const double threshold = min_bp / 10000.0;
  const Matched matched = house_accounts(store, config, name, threshold);
  const cd::Level* level = config.distributors.level(distributor->level);
  const cd::Distributor who{distributor->distributor_id, distributor->name, distributor->level,
                            distributor->territories, distributor->industries};
  const cd::Deal deal{request.region, request.industry, request.product_lines, amount_reporting, request.discount_bp};
  const core::time::BusinessCalendar calendar(config.business.time_zone);
  const std::string registration_id =
      request.registration_id.empty() ? new_registration_id(distributor_id, now) : request.registration_id;
  bool replayed = false;

  const store::StoredDeal stored =
      store.deals().register_deal(name.keys, distributor_id, [&](store::DealDecisionReads& reads) {
        store::DealInsert insert;
        if (!request.registration_id.empty())
          if (std::optional<store::StoredDeal> existing = reads.find(registration_id)) {
            if (existing->distributor_id != distributor_id)
              throw Error(Status::conflict, std::string(kFn) + ": registration id '" + registration_id +
                                                "' belongs to distributor '" + existing->distributor_id + "'");
            replayed = true;  // a retry of a stored registration: its decision stands
            insert.existing = std::move(existing);
            return insert;
          }
        // Earlier registrations of the same customer: those sharing a key, compared like accounts.
        ci::MatchParams params;
        params.threshold = threshold;
        std::vector<cd::EarlierRegistration> earlier;
        for (const store::StoredDeal& d : reads.holding(name.keys, now)) {
          const ci::Match m = identity::best_match(
              name.records, ci::prepare_account(d.customer_name, d.customer_name_latin, d.tax_id), params, false);
          if (!m.matched) continue;
          earlier.push_back(cd::EarlierRegistration{d.registration_id, d.distributor_id, *d.protected_until_ms,
                                                    distributors::local_time_text(*d.protected_until_ms, config),
                                                    score_bp(m)});
        }
        std::optional<cd::QuotaUse> quota;
        if (level && level->quota) {
          const core::time::LocalDate start = cd::period_start(calendar.local_date(now), level->quota->per);
          quota = cd::QuotaUse{reads.counted_since(distributor_id, calendar.start_of_day_ms(start)), start.to_string()};
        }
        const cd::Decision decision = cd::decide({who, level, deal, matched.house, earlier, quota});

        store::StoredDeal& row = insert.row;
        row.registration_id = registration_id;
        row.distributor_id = distributor_id;
        row.level = distributor->level;
        row.customer_name = request.customer_name;
        row.customer_name_latin = request.customer_name_latin;
        row.tax_id = request.tax_id;
        row.region = request.region;
        row.industry = request.industry;
        row.product_lines = request.product_lines;
        row.amount_minor = request.amount_minor;
        row.currency = request.currency;
        row.amount_reporting_minor = amount_reporting;
        row.discount_bp = request.discount_bp;
        row.expected_close_ms = request.expected_close_ms;
        row.notes = request.notes;
        row.decision = row.status = cd::outcome_name(decision.outcome);
        json reasons = json::array();
        for (const cd::Finding& f : decision.findings) {
          reasons.push_back(distributors::finding_json(f));
          if (f.reason == cd::Reason::house_account || f.reason == cd::Reason::already_registered) row.conflict = true;
        }
        row.reasons_json = reasons.dump();
        row.matched_account_id = matched.house.empty() ? matched.best_account_id : matched.house.front().account_id;
        row.registered_at_ms = now;
        row.registered_by = context.actor.user_id;
        if (decision.outcome != cd::Outcome::rejected)
          row.protected_until_ms = now + int64_t{level ? level->protection_days : 0} * kDayMs;
        insert.keys = name.keys;

        store::AuditEntry& a = insert.audit;
        a.at_ms = now;
        a.user_id = context.actor.user_id;
        a.roles = context.actor.roles;
        a.action = "deals.register";
        a.entity_type = "deal_registration";
        a.entity_id = registration_id;
        json codes = json::array();
        for (const cd::Finding& f : decision.findings) codes.push_back(cd::reason_code(f.reason));
        a.after_json = json{{"distributor_id", distributor_id},
                            {"customer_name", request.customer_name},
                            {"decision", row.decision},
                            {"reasons", codes},
                            {"matched_account_id", row.matched_account_id}}
                           .dump();
        if (row.conflict) insert.notifications.push_back(conflict_notification(row, decision, matched, config, now));
        return insert;
      });
  json out = distributors::deal_json(stored);
  out["replayed"] = replayed;
  return out.dump();
}

}  // namespace kam::app
