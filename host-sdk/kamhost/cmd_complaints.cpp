// cmd_complaints.cpp - `kamhost complaints queue|show|account`: complaint tracking (首问负责制, ABI
// 1.3, kam/complaints.h) as an employee or a supervisor reads it: a queue sorted by time to breach,
// one complaint's timeline, an account's complaints. The commands only call the plugin and hand the
// JSON to render/complaints.hpp.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "kamhost.hpp"
#include "render/complaints.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

struct ComplaintsOptions {
  InstanceOptions instance;
  std::vector<std::string> ids;
  uint64_t limit = 0;
  bool raw = false;
  bool closed = false;
};

const std::string& one_id(const ComplaintsOptions& o, const std::string& what, const std::string& noun) {
  if (o.ids.size() != 1) throw UsageError("complaints " + what + " needs exactly one " + noun);
  return o.ids[0];
}

// The plugin's answer as JSON (--json) or for people.
template <class Render>
int print(const std::string& text, bool raw, Render&& render) {
  if (raw) {
    std::cout << text << "\n";
  } else {
    render(std::cout, json::parse(text));
  }
  return kExitOk;
}

// A KAM_ERR_NOT_FOUND that does not name the id gets it appended.
[[noreturn]] void rethrow_naming(const kam::host::Error& e, const std::string& noun, const std::string& id) {
  if (e.status() == KAM_ERR_NOT_FOUND && e.message().find("'" + id + "'") == std::string::npos)
    throw Failure(std::string(e.what()) + " (" + noun + " '" + id + "')");
  throw e;
}

int complaints_queue(Context& ctx, const ComplaintsOptions& o) {
  const std::string& employee = one_id(o, "queue", "employee USER");
  Session session(ctx, "complaints queue", o.instance);
  const std::string text =
      session.instance().complaints().queue(session.actor(), employee, static_cast<uint32_t>(o.limit));
  return print(text, o.raw, render_complaint_queue);
}

int complaints_show(Context& ctx, const ComplaintsOptions& o) {
  const std::string& id = one_id(o, "show", "complaint ID");
  Session session(ctx, "complaints show", o.instance);
  std::string text;
  try {
    text = session.instance().complaints().show(session.actor(), id);
  } catch (const kam::host::Error& e) {
    rethrow_naming(e, "complaint", id);
  }
  return print(text, o.raw, render_complaint_timeline);
}

int complaints_account(Context& ctx, const ComplaintsOptions& o) {
  const std::string& id = one_id(o, "account", "account ID");
  Session session(ctx, "complaints account", o.instance);
  std::string text;
  try {
    text = session.instance().complaints().account(session.actor(), id, o.closed, static_cast<uint32_t>(o.limit));
  } catch (const kam::host::Error& e) {
    rethrow_naming(e, "account", id);
  }
  return print(text, o.raw, render_account_complaints);
}

CLI::App& subcommand(CLI::App& app, Context& ctx, const char* name, const char* help, const char* arg,
                     int (*run)(Context&, const ComplaintsOptions&), bool with_limit) {
  CLI::App& sub = *app.add_subcommand(name, help);
  auto o = std::make_shared<ComplaintsOptions>();
  add_instance_options(sub, o->instance);
  sub.add_flag("--json", o->raw, "print the plugin's JSON instead of the table");
  if (with_limit) add_number(sub, "--limit", o->limit, 1, 1000, "at most N complaints (default 100)");
  if (std::string(name) == "account") sub.add_flag("--closed", o->closed, "also the resolved and closed ones");
  sub.add_option(arg, o->ids, arg);
  on_run(sub, ctx, [&ctx, o, run] { return run(ctx, *o); });
  return sub;
}

void define_complaints(CLI::App& app, Context& ctx) {
  make_group(app, "complaints needs a subcommand: queue, show or account", [](const std::string& w) {
    return "unknown subcommand 'complaints " + w + "': use queue, show or account";
  });
  subcommand(app, ctx, "queue", "an employee's open complaints, most urgent first", "USER", &complaints_queue, true);
  subcommand(app, ctx, "show", "one complaint's timeline", "ID", &complaints_show, false);
  subcommand(app, ctx, "account", "an account's complaints", "ID", &complaints_account, true);
}

}  // namespace

void add_complaints_commands(std::vector<Command>& commands) {
  commands.push_back(
      {"complaints", "queue USER|show ID|account ID --config CFG [--json]",
       "an employee's complaint queue, a complaint's timeline, an account's complaints",
       "  kamhost complaints queue USER --config CFG [--limit N] [--json]\n"
       "      The open complaints USER owns (as first owner: 首问负责制) or is assigned,\n"
       "      most urgent first (breached ones first, then by business time left): the\n"
       "      complaint, account, tier, priority, the clock that matters now (first\n"
       "      response until given, then resolution), its deadline in the calendar's zone,\n"
       "      the business time left (\"3h 20m\"; \"1h 5m over\" when breached), first\n"
       "      owner, assignee, and BREACH / warning / waiting on customer. --limit N (1 to\n"
       "      1000, default 100). Needs complaints.read for one's own queue (--user USER),\n"
       "      complaints.read.department or complaints.read.all for others'.\n"
       "\n"
       "  kamhost complaints show ID --config CFG [--json]\n"
       "      One complaint's timeline: state, first owner, assignee, both clocks (target,\n"
       "      elapsed, paused, left, deadline, warnings, when and by how much it breached),\n"
       "      the append-only ledger every deadline is derived from, and the escalations\n"
       "      sent. An unknown complaint exits 1 naming it.\n"
       "\n"
       "  kamhost complaints account ID --config CFG [--closed] [--limit N] [--json]\n"
       "      An account's open complaints as in the queue; --closed also its resolved and\n"
       "      closed ones, newest first. An unknown account exits 1 naming it.\n"
       "\n"
       "Everything is computed by the plugin at the host clock (--now TIME to look at\n"
       "another instant). Business time is working time on the complaint's calendar\n"
       "(docs/calendars.md), shown in hours and minutes, never days. --json prints the\n"
       "plugin's JSON (kam/complaints.h). The actor is --user ID (default kamhost) with\n"
       "--role ROLE... (default kam.admin). Needs a plugin with ABI 1.3.\n",
       &define_complaints});
}

}  // namespace kamhost
