// cmd_deals.cpp - distributor rules (ABI 1.5, kam/distributors.h): `kamhost deals
// register|list|review|expire|conflicts`, `kamhost quote check` and `report channel` (its definition
// is called from cmd_report.cpp). The commands only call the plugin and hand the JSON to
// render/deals.hpp.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "kamhost.hpp"
#include "render/deals.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

// "800000.00", "800000" -> minor units of a currency with two decimals (--amount-minor otherwise).
int64_t amount_minor(const std::string& text) {
  std::size_t i = 0;
  int64_t whole = 0, cents = 0;
  int decimals = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (whole > 1'000'000'000'000LL) throw UsageError("--amount '" + text + "' is too large");
    whole = whole * 10 + (text[i] - '0');
  }
  if (i < text.size() && text[i] == '.')
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9' && decimals < 2; ++i, ++decimals)
      cents = cents * 10 + (text[i] - '0');
  if (i == 0 || i != text.size())
    throw UsageError("--amount needs a plain amount with at most two decimals (800000.00), not '" + text + "'");
  while (decimals++ < 2) cents *= 10;
  return whole * 100 + cents;
}

// "12.5%" or "12.5" -> 1250 basis points.
int64_t percent_bp(const std::string& text, const char* option) {
  std::string t = text;
  if (!t.empty() && t.back() == '%') t.pop_back();
  std::size_t i = 0;
  int64_t whole = 0, frac = 0;
  int decimals = 0;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9' && whole <= 100; ++i) whole = whole * 10 + (t[i] - '0');
  if (i < t.size() && t[i] == '.')
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9' && decimals < 2; ++i, ++decimals) frac = frac * 10 + (t[i] - '0');
  while (decimals++ < 2) frac *= 10;
  const int64_t bp = whole * 100 + frac;
  if (t.empty() || i != t.size() || bp > 10000)
    throw UsageError(std::string(option) + " needs a percentage 0%..100% with at most two decimals, not '" + text + "'");
  return bp;
}

// A refusal the user should read as the command's failure (exit 1), not as a plugin fault.
template <class Fn>
std::string plugin_call(Fn&& fn) {
  try {
    return fn();
  } catch (const kam::host::Error& e) {
    if (e.status() == KAM_ERR_NOT_FOUND || e.status() == KAM_ERR_CONFLICT) throw Failure(e.message());
    throw;
  }
}

struct RegisterOptions {
  InstanceOptions instance;
  kam::host::DealRegistration deal;
  std::string amount, discount, close;
  uint64_t amount_minor = 0;
  bool raw = false;
};

int deals_register(Context& ctx, const RegisterOptions& o) {
  kam::host::DealRegistration d = o.deal;
  if (d.customer_name.empty()) throw UsageError("deals register needs --customer NAME");
  if (d.product_lines.empty()) throw UsageError("deals register needs --line NAME (one or more)");
  if (!o.amount.empty() && o.amount_minor != 0) throw UsageError("give --amount or --amount-minor, not both");
  d.amount_minor = o.amount.empty() ? static_cast<int64_t>(o.amount_minor) : amount_minor(o.amount);
  d.discount_bp = o.discount.empty() ? 0 : percent_bp(o.discount, "--discount");
  Session session(ctx, "deals register", o.instance);
  if (!o.close.empty()) {
    const auto at = parse_zone_time(o.close, session.zone());
    if (!at) throw UsageError("--close needs a date YYYY-MM-DD, not '" + o.close + "'");
    d.expected_close_ms = *at;
  }
  const std::string text =
      plugin_call([&] { return session.instance().distributors().register_deal(session.actor(), d); });
  if (o.raw) {
    std::cout << text << "\n";
  } else {
    render_deal(std::cout, json::parse(text), session.zone());
  }
  return kExitOk;
}

struct ListOptions {
  InstanceOptions instance;
  kam::host::DealsQuery query;
  uint64_t limit = 0;
  bool raw = false;
};

int deals_list(Context& ctx, const ListOptions& o) {
  Session session(ctx, "deals list", o.instance);
  kam::host::DealsQuery q = o.query;
  q.limit = static_cast<uint32_t>(o.limit);
  const std::string text = session.instance().distributors().list(session.actor(), q);
  if (o.raw) {
    std::cout << text << "\n";
  } else {
    render_deals(std::cout, json::parse(text), session.zone());
  }
  return kExitOk;
}

struct ReviewOptions {
  InstanceOptions instance;
  std::string id, verdict, reason;
  bool raw = false;
};

int deals_review(Context& ctx, const ReviewOptions& o) {
  if (o.id.empty()) throw UsageError("deals review needs a registration ID");
  if (o.verdict != "approve" && o.verdict != "reject") throw UsageError("deals review needs --approve or --reject");
  if (o.reason.empty()) throw UsageError("deals review needs --reason TEXT");
  Session session(ctx, "deals review", o.instance);
  const std::string text = plugin_call(
      [&] { return session.instance().distributors().review(session.actor(), o.id, o.verdict == "approve", o.reason); });
  if (o.raw) {
    std::cout << text << "\n";
  } else {
    render_deal(std::cout, json::parse(text), session.zone());
  }
  return kExitOk;
}

int deals_expire(Context& ctx, const InstanceOptions& o) {
  Session session(ctx, "deals expire", o);
  const uint64_t n = session.instance().distributors().expire(session.actor());
  std::cout << n << " registration" << (n == 1 ? "" : "s") << " expired\n";
  return kExitOk;
}

struct PeriodOptions {
  InstanceOptions instance;
  std::string from, to, distributor, svg_path;
  bool raw = false;
};

std::pair<int64_t, int64_t> period_of(const PeriodOptions& o, Session& session) {
  int64_t from = period_bound(o.from, "--from", false, session.zone());
  int64_t to = period_bound(o.to, "--to", true, session.zone());
  if (from != 0 && to == 0) to = session.now_ms();
  if (from != 0 && to != 0 && from >= to) throw UsageError("--from must be before --to");
  return {from, to};
}

int deals_conflicts(Context& ctx, const PeriodOptions& o) {
  Session session(ctx, "deals conflicts", o.instance);
  const auto [from, to] = period_of(o, session);
  const std::string text = session.instance().distributors().conflicts(session.actor(), from, to, o.distributor);
  if (o.raw) {
    std::cout << text << "\n";
    return kExitOk;
  }
  const json j = json::parse(text);
  json list = {{"registrations", j.at("conflicts")}, {"next_cursor", nullptr}};
  render_deals(std::cout, list, session.zone());
  return kExitOk;
}

int report_channel(Context& ctx, const PeriodOptions& o) {
  Session session(ctx, "report channel", o.instance);
  const auto [from, to] = period_of(o, session);
  const std::string text = session.instance().distributors().report(session.actor(), from, to);
  const json report = json::parse(text);
  if (!o.svg_path.empty()) write_text_file(o.svg_path, channel_svg(report));
  if (o.raw) {
    std::cout << text << "\n";
    return kExitOk;
  }
  render_channel_report(std::cout, report);
  if (!o.svg_path.empty()) std::cout << "\nchart: " << o.svg_path << "\n";
  return kExitOk;
}

struct QuoteOptions {
  InstanceOptions instance;
  kam::host::QuoteQuery query;
  std::string discount;
  bool raw = false;
};

int quote_check(Context& ctx, const QuoteOptions& o) {
  if (o.query.account_id.empty()) throw UsageError("quote check needs --account ID");
  if (o.query.product_line.empty()) throw UsageError("quote check needs --line NAME");
  if (o.discount.empty()) throw UsageError("quote check needs --discount PERCENT");
  kam::host::QuoteQuery q = o.query;
  q.discount_bp = percent_bp(o.discount, "--discount");
  Session session(ctx, "quote check", o.instance);
  const std::string text = plugin_call([&] { return session.instance().distributors().quote(session.actor(), q); });
  if (o.raw) {
    std::cout << text << "\n";
  } else {
    render_quote(std::cout, json::parse(text));
  }
  return kExitOk;
}

void define_deals(CLI::App& app, Context& ctx) {
  make_group(app, "deals needs a subcommand: register, list, review, expire or conflicts", [](const std::string& w) {
    return "unknown subcommand 'deals " + w + "': use register, list, review, expire or conflicts";
  });
  CLI::App& reg = *app.add_subcommand("register", "register a deal and print the decision with every reason");
  auto r = std::make_shared<RegisterOptions>();
  add_instance_options(reg, r->instance);
  add_text(reg, "--customer", r->deal.customer_name, "the customer's name");
  add_text(reg, "--latin", r->deal.customer_name_latin, "its Latin name");
  add_text(reg, "--tax-id", r->deal.tax_id, "its unified social credit code");
  add_text(reg, "--region", r->deal.region, "the territory the deal is in");
  add_text(reg, "--industry", r->deal.industry, "the customer's industry");
  reg.add_option("--line", r->deal.product_lines, "a product line (repeat for several)");
  add_text(reg, "--amount", r->amount, "the expected amount, like 800000.00");
  add_number(reg, "--amount-minor", r->amount_minor, 1, 1'000'000'000'000'000ULL, "the amount in minor units");
  add_text(reg, "--currency", r->deal.currency, "ISO 4217 code (default CNY)");
  add_text(reg, "--discount", r->discount, "the discount asked, like 8% (default 0%)");
  add_text(reg, "--close", r->close, "the expected close date YYYY-MM-DD");
  add_text(reg, "--distributor", r->deal.distributor_id, "for this distributor (default: the --user)");
  add_text(reg, "--id", r->deal.registration_id, "the ERP's id of the deal (a retry returns the stored decision)");
  add_text(reg, "--notes", r->deal.notes, "notes");
  reg.add_flag("--json", r->raw, "print the plugin's JSON instead of the text");
  on_run(reg, ctx, [&ctx, r] { return deals_register(ctx, *r); });

  CLI::App& list = *app.add_subcommand("list", "registrations, newest first (or the review queue)");
  auto l = std::make_shared<ListOptions>();
  add_instance_options(list, l->instance);
  list.add_flag("--review-queue", l->query.review_queue, "the registrations in review, oldest first");
  add_text(list, "--distributor", l->query.distributor_id, "one distributor's");
  add_text(list, "--status", l->query.status, "approved, rejected, needs_review or expired");
  add_text(list, "--after", l->query.after, "the next page (the cursor the previous page printed)");
  add_number(list, "--limit", l->limit, 1, 1000, "at most N (default 100)");
  list.add_flag("--json", l->raw, "print the plugin's JSON instead of the table");
  on_run(list, ctx, [&ctx, l] { return deals_list(ctx, *l); });

  CLI::App& review = *app.add_subcommand("review", "approve or reject a registration in review");
  auto v = std::make_shared<ReviewOptions>();
  add_instance_options(review, v->instance);
  review.add_option("ID", v->id, "registration ID");
  review.add_flag_callback("--approve", [v] { v->verdict = "approve"; }, "approve it");
  review.add_flag_callback("--reject", [v] { v->verdict = "reject"; }, "reject it");
  add_text(review, "--reason", v->reason, "why (required; audited)");
  review.add_flag("--json", v->raw, "print the plugin's JSON instead of the text");
  on_run(review, ctx, [&ctx, v] { return deals_review(ctx, *v); });

  CLI::App& expire = *app.add_subcommand("expire", "end the protection of registrations whose time is up");
  auto e = std::make_shared<InstanceOptions>();
  add_instance_options(expire, *e);
  on_run(expire, ctx, [&ctx, e] { return deals_expire(ctx, *e); });

  CLI::App& conflicts = *app.add_subcommand("conflicts", "registrations that met a house account or an earlier one");
  auto c = std::make_shared<PeriodOptions>();
  add_instance_options(conflicts, c->instance);
  add_text(conflicts, "--from", c->from, "registered from DATE (default: 90 days before --to)");
  add_text(conflicts, "--to", c->to, "up to DATE (default: now)");
  add_text(conflicts, "--distributor", c->distributor, "one distributor's");
  conflicts.add_flag("--json", c->raw, "print the plugin's JSON instead of the table");
  on_run(conflicts, ctx, [&ctx, c] { return deals_conflicts(ctx, *c); });
}

void define_quote(CLI::App& app, Context& ctx) {
  make_group(app, "quote needs a subcommand: check",
             [](const std::string& w) { return "unknown subcommand 'quote " + w + "': use check"; });
  CLI::App& check = *app.add_subcommand("check", "a quote's discount authority and who must approve above it");
  auto q = std::make_shared<QuoteOptions>();
  add_instance_options(check, q->instance);
  add_text(check, "--account", q->query.account_id, "the account quoted");
  add_text(check, "--distributor", q->query.distributor_id, "the selling distributor (default: direct)");
  add_text(check, "--line", q->query.product_line, "the product line");
  add_text(check, "--discount", q->discount, "the discount asked, like 12.5%");
  check.add_flag("--json", q->raw, "print the plugin's JSON instead of the text");
  on_run(check, ctx, [&ctx, q] { return quote_check(ctx, *q); });
}

}  // namespace

void define_report_channel(CLI::App& report, Context& ctx) {
  CLI::App& sub = *report.add_subcommand("channel", "deal registrations by decision, reason, level and territory");
  auto o = std::make_shared<PeriodOptions>();
  add_instance_options(sub, o->instance);
  add_text(sub, "--from", o->from, "registered from DATE (default: 90 days before --to)");
  add_text(sub, "--to", o->to, "up to DATE (default: now)");
  add_text(sub, "--svg", o->svg_path, "also write the decisions per level and territory as an SVG chart to FILE");
  sub.add_flag("--json", o->raw, "print the plugin's JSON report instead of the tables");
  on_run(sub, ctx, [&ctx, o] { return report_channel(ctx, *o); });
}

void add_deals_commands(std::vector<Command>& commands) {
  commands.push_back(
      {"deals", "register|list|review|expire|conflicts --config CFG", "deal registrations decided with every reason",
       "  kamhost deals register --config CFG --customer NAME --line LINE... --amount N\n"
       "                         [--discount P%] [--region R] [--industry I] [--latin NAME]\n"
       "                         [--tax-id ID] [--close DATE] [--id ID] [--distributor ID]\n"
       "      Registers a prospective deal and prints the decision (approved, rejected or\n"
       "      needs_review) with every reason that applies: outside territory or industry,\n"
       "      product line not allowed, discount above the level's authority, a house account\n"
       "      (the matched account and score), already registered (by whom, until when), quota\n"
       "      used up, a large deal. The --user is the distributor (deals.register) unless\n"
       "      --distributor names another (deals.register.any).\n"
       "\n"
       "  kamhost deals list --config CFG [--review-queue] [--distributor ID] [--status S]\n"
       "      Registrations, newest first; --review-queue: those in review, oldest first.\n"
       "\n"
       "  kamhost deals review ID --config CFG --approve|--reject --reason TEXT\n"
       "      Decides a registration in review (deals.review); approving starts its protection.\n"
       "\n"
       "  kamhost deals expire --config CFG\n"
       "      Ends now the protection of registrations whose time is up (the tick does it too).\n"
       "\n"
       "  kamhost deals conflicts --config CFG [--from DATE] [--to DATE] [--distributor ID]\n"
       "      Registrations that met a house account or an earlier registration.\n"
       "\n"
       "Rules: docs/distributors.md. The actor is --user ID (default kamhost) with --role\n"
       "ROLE... (default kam.admin). Needs a plugin with ABI 1.5.\n",
       &define_deals});
  commands.push_back({"quote", "check --config CFG --account ID --line LINE --discount P% [--distributor ID]",
                      "a quote's discount authority and approval chain",
                      "  kamhost quote check --config CFG --account ID --line LINE --discount P%\n"
                      "                      [--distributor ID]\n"
                      "      The most discount the channel may give the account without approval (the\n"
                      "      tier's discount_authority, or the distributor level's maximum for the line,\n"
                      "      plus the retention discount of its churn risk), and above it the role of\n"
                      "      discount_authority.approval_chain that must approve. Needs quotes.check.\n",
                      &define_quote});
}

}  // namespace kamhost
