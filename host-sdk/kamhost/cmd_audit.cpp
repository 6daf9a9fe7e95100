// cmd_audit.cpp - commands that read what the plugin recorded: audit, notifications.
#include <iostream>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "import_format.hpp"
#include "cli.hpp"
#include "kamhost.hpp"
#include "render/format.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------------
// audit
// ---------------------------------------------------------------------------------------------------
struct AuditOptions {
  InstanceOptions instance;
  uint64_t limit = 20;
  bool raw = false;
  kam::host::AuditQuery query;
};

int audit(Context& ctx, const AuditOptions& o) {
  const bool raw = o.raw;
  kam::host::AuditQuery query = o.query;
  query.limit = static_cast<uint32_t>(o.limit);

  Session session(ctx, "audit", o.instance);
  const std::string text = session.instance().audit_query(session.actor(), query);
  if (raw) {
    std::cout << text << "\n";
    return kExitOk;
  }
  const json entries = json::parse(text);
  if (entries.empty()) {
    std::cout << "no audit entries\n";
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : entries) {
    std::string entity = text_of(e.value("entity_type", json()));
    const std::string id = text_of(e.value("entity_id", json()));
    if (!id.empty()) entity += " " + id;
    rows.push_back({std::to_string(integer_of(e, "id")), import::format_utc(integer_of(e, "at_ms")),
                    text_of(e.value("user_id", json())), text_of(e.value("action", json())), shorten(entity, 40),
                    shorten(text_of(e.value("after", json())), 80)});
  }
  print_table({"ID", "TIME (UTC)", "USER", "ACTION", "ENTITY", "AFTER"}, rows);
  return kExitOk;
}

// ---------------------------------------------------------------------------------------------------
// notifications
// ---------------------------------------------------------------------------------------------------
int64_t parse_id(const std::string& s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError("--ack needs notification ids (whole numbers), not '" + s + "'");
  return std::stoll(s);
}

struct NotificationsOptions {
  InstanceOptions instance;
  bool raw = false;
  bool ack_all = false;
  std::vector<std::string> ack;  // --ack ID... (also 1,2,3)
};

int notifications(Context& ctx, const NotificationsOptions& o) {
  const bool raw = o.raw, ack_all = o.ack_all, ack = !o.ack.empty();
  std::vector<int64_t> ids;
  for (const std::string& one : o.ack)
    if (!one.empty()) ids.push_back(parse_id(one));
  if (ack && ack_all) throw UsageError("give --ack IDS or --ack-all, not both");

  Session session(ctx, "notifications", o.instance);
  kam::host::Instance& instance = session.instance();
  const kam::host::Actor& who = session.actor();

  if (ack || ack_all) {
    std::vector<int64_t> acked;
    if (ack_all) {
      // Acknowledge what is pending now, in pages; stop when a page brings nothing new (ids that come
      // back after an ack would otherwise loop forever).
      std::set<int64_t> seen;
      for (;;) {
        const json pending = json::parse(instance.notifications_poll(who, 10'000));
        std::vector<int64_t> page;
        for (const auto& n : pending) {
          const int64_t id = integer_of(n, "id");
          if (seen.insert(id).second) page.push_back(id);
        }
        if (page.empty()) break;
        instance.notifications_ack(who, page);
        acked.insert(acked.end(), page.begin(), page.end());
      }
    } else {
      instance.notifications_ack(who, ids);
      acked = ids;
    }
    if (raw) {
      std::cout << json{{"acknowledged", acked}}.dump() << "\n";
    } else if (ack_all) {
      std::cout << "acknowledged " << acked.size() << " notification" << (acked.size() == 1 ? "" : "s") << "\n";
    } else {
      std::cout << "acknowledged " << acked.size() << " notification id" << (acked.size() == 1 ? "" : "s")
                << " (unknown and already acknowledged ids are ignored)\n";
    }
    return kExitOk;
  }

  const std::string text = instance.notifications_poll(who, 10'000);
  if (raw) {
    std::cout << text << "\n";
    return kExitOk;
  }
  const json pending = json::parse(text);
  if (pending.empty()) {
    std::cout << "no pending notifications\n";
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& n : pending) {
    rows.push_back({std::to_string(integer_of(n, "id")), import::format_utc(integer_of(n, "created_at_ms")),
                    text_of(n.value("kind_name", json())), text_of(n.value("account_id", json())),
                    shorten(text_of(n.value("payload", json())), 80)});
  }
  print_table({"ID", "CREATED (UTC)", "KIND", "ACCOUNT", "PAYLOAD"}, rows);
  std::cout << pending.size() << " pending\n";
  return kExitOk;
}

void define_audit(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AuditOptions>();
  add_instance_options(app, o->instance, true, "--actor");
  add_number(app, "--limit", o->limit, 1, 10'000, "how many entries (default 20)");
  add_text(app, "--user", o->query.user_id, "only entries by that user");
  add_text(app, "--entity-type", o->query.entity_type, "only entries about that kind of entity");
  add_text(app, "--entity-id", o->query.entity_id, "only entries about that entity");
  app.add_flag("--json", o->raw, "print the plugin's JSON array as it is");
  on_run(app, ctx, [&ctx, o] { return audit(ctx, *o); });
}

void define_notifications(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<NotificationsOptions>();
  add_instance_options(app, o->instance);
  app.add_option("--ack", o->ack, "acknowledge these ids")->expected(1, -1)->delimiter(',');
  app.add_flag("--ack-all", o->ack_all, "acknowledge every pending notification");
  app.add_flag("--json", o->raw, "print JSON instead of a table");
  on_run(app, ctx, [&ctx, o] { return notifications(ctx, *o); });
}

}  // namespace

void add_audit_commands(std::vector<Command>& commands) {
  commands.push_back({"audit", "--config CFG [--limit N] [filters] [--json]",
                      "show the audit trail, newest first",
                      "Prints the newest audit entries (default 20, --limit N up to 10000) as a table:\n"
                      "id, time (UTC), user, action, entity and the start of the entry's 'after' JSON.\n"
                      "--json prints the plugin's JSON array as it is.\n"
                      "\n"
                      "Filters: --user ID (entries by that user), --entity-type T (batch, config,\n"
                      "notification, ...), --entity-id ID (for batches: the import's --source).\n"
                      "The actor is --actor ID (default kamhost) with --role ROLE... (default\n"
                      "kam.admin); it needs the permission audit.read.\n",
                      &define_audit});
  commands.push_back({"notifications", "--config CFG [--ack ID...|--ack-all] [--json]",
                      "list pending notifications, or acknowledge them",
                      "Without --ack: lists the pending (unacknowledged) notifications, oldest first\n"
                      "(needs notifications.read). --ack ID... acknowledges those ids (also\n"
                      "--ack 1,2,3); --ack-all acknowledges every pending one (needs\n"
                      "notifications.ack). --json prints JSON instead of a table.\n"
                      "The actor is --user ID (default kamhost) with --role ROLE... (default\n"
                      "kam.admin).\n",
                      &define_notifications});
}

}  // namespace kamhost
