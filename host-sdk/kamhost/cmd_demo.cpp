// cmd_demo.cpp - `kamhost demo generate`: writes a demo company's ERP feed (demo/portfolio.hpp) and,
// with --complaints, its organisation and complaints (demo/service.hpp), with --duplicates its
// duplicate master records (demo/duplicates.hpp), for `kamhost import`;
// .ci/demo runs it.
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>

#include "demo/contacts.hpp"
#include "demo/duplicates.hpp"
#include "demo/portfolio.hpp"
#include "demo/service.hpp"
#include "cli.hpp"
#include "kamhost.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

struct GenerateOptions {
  demo::PortfolioOptions portfolio;
  std::string out_path, complaints_path, contacts_path, duplicates_path, end;
};

void write_file(const std::string& path, const std::function<void(std::ostream&)>& write) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Failure("cannot write " + path + ": " + std::strerror(errno));
  write(out);
  out.close();
  if (!out) throw Failure("cannot write " + path);
}

int demo_generate(Context& ctx, const GenerateOptions& o) {
  demo::PortfolioOptions options = o.portfolio;
  const std::string& out_path = o.out_path;
  std::string end = o.end;
  if (out_path.empty()) throw UsageError("demo generate needs --out FILE.jsonl");
  // The feed has no business zone of its own: --end (else --now, else the system clock) is read in UTC.
  if (end.empty()) end = ctx.now_option;
  if (end.empty()) {
    using namespace std::chrono;
    options.end_ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  } else {
    const auto parsed = parse_zone_time(end, find_zone("UTC"));
    if (!parsed) throw UsageError("--end needs a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM[:SS] (UTC), not '" + end + "'");
    options.end_ms = *parsed;
  }
  demo::PortfolioSummary s;
  write_file(out_path, [&](std::ostream& out) { s = demo::write_portfolio(options, out); });
  std::cout << "wrote " << out_path << ": " << s.accounts << " accounts, " << s.orders << " orders over the year to "
            << format_utc(options.end_ms) << " (seed " << options.seed << ")\n";
  if (!o.duplicates_path.empty()) {
    demo::DuplicatesSummary d;
    write_file(o.duplicates_path, [&](std::ostream& out) { d = demo::write_duplicates(options.end_ms, options.currency, out); });
    std::cout << "wrote " << o.duplicates_path << ": " << d.accounts << " duplicate master records of 3 companies, "
              << d.orders << " orders\n";
  }
  if (!o.complaints_path.empty()) {
    demo::ServiceOptions service;
    service.seed = options.seed;
    service.end_ms = options.end_ms;
    demo::ServiceSummary c;
    write_file(o.complaints_path, [&](std::ostream& out) { c = demo::write_service(service, s.made, out); });
    std::cout << "wrote " << o.complaints_path << ": " << c.employees << " employees, " << c.complaints
              << " complaints of the " << service.key_accounts << " largest accounts (" << c.steps << " steps, "
              << c.open << " still open), " << c.requests << " service requests (" << c.request_steps << " steps)\n";
  }
  if (!o.contacts_path.empty()) {
    demo::ContactsOptions contacts;
    contacts.seed = options.seed;
    contacts.end_ms = options.end_ms;
    demo::ContactsSummary c;
    write_file(o.contacts_path, [&](std::ostream& out) { c = demo::write_contacts(contacts, s.made, out); });
    std::cout << "wrote " << o.contacts_path << ": the numbers and mailboxes of " << c.accounts << " accounts, "
              << c.contacts << " contact people and " << c.visits << " visits of the " << contacts.key_accounts
              << " largest accounts (" << c.key_number << " is the largest account's buyer; " << c.shared_number
              << " is shared by two accounts)\n";
  }
  return kExitOk;
}

void define_demo(CLI::App& app, Context& ctx) {
  make_group(app, "demo needs a subcommand: generate",
             [](const std::string& w) { return "unknown subcommand 'demo " + w + "': use generate"; });
  CLI::App& generate = *app.add_subcommand("generate", "write a generated demo company's ERP feed");
  auto o = std::make_shared<GenerateOptions>();
  add_number(generate, "--seed", o->portfolio.seed, 0, UINT64_MAX / 2, "the generator's seed");
  add_number(generate, "--accounts", o->portfolio.accounts, 1, 100'000, "how many accounts");
  add_text(generate, "--out", o->out_path, "the JSON-lines file to write");
  add_text(generate, "--complaints", o->complaints_path, "also write employees and complaints to this file");
  add_text(generate, "--contacts", o->contacts_path, "also write contact people, numbers and visits to this file");
  add_text(generate, "--duplicates", o->duplicates_path, "also write duplicate master records to this file");
  add_text(generate, "--end", o->end, "the last day of the year of orders (UTC)");
  on_run(generate, ctx, [&ctx, o] { return demo_generate(ctx, *o); });
}

}  // namespace

void add_demo_commands(std::vector<Command>& commands) {
  commands.push_back(
      {"demo",
       "generate --out FILE.jsonl [--complaints FILE.jsonl] [--contacts FILE.jsonl] [--duplicates FILE.jsonl]"
       " [--seed N] [--accounts N] [--end DATE]",
       "write a generated demo company's ERP feed (accounts, orders, employees, complaints, service requests,"
       " contacts, visits, duplicate records)",
       "Writes JSON lines for `kamhost import`: N accounts (default 300) with a long-tailed\n"
       "(Pareto) revenue distribution, margins of 8..35%, a few strategic and reference\n"
       "customers, some accounts whose orders fall off, and a year of orders and invoices in\n"
       "CNY up to --end (a UTC date or time; default --now, else now). The same --seed and\n"
       "--end give the same file. Prints one line: what it wrote.\n"
       "\n"
       "--complaints FILE2.jsonl also writes the company's organisation and service: 17\n"
       "employees in sales, service, quality and logistics with their managers and a\n"
       "director, then a year of complaint steps for the 40 largest accounts, in the\n"
       "office's working hours (Asia/Shanghai): first owners (the account manager or a\n"
       "hotline agent) kept through hand-offs, automatic acknowledgements and internal\n"
       "notes (no first response), pauses while waiting on the customer, priority\n"
       "changes, reopens, some answered or resolved late, and the last two weeks'\n"
       "complaints still open; then service requests of the same accounts over the last\n"
       "two weeks (in progress, waiting on the customer, resolved, some still new), which\n"
       "the plugin routes by tier. Import FILE2 after `tiers evaluate`: a complaint or a\n"
       "request takes the account's tier (its SLA targets, its workflow) when it is\n"
       "opened. One more line says what it wrote.\n"
       "\n"
       "--contacts FILE3.jsonl also writes every account's switchboard number and mailbox,\n"
       "two contact people (mobile, e-mail, role) for each of the 60 largest accounts (one\n"
       "number shared by two accounts of one group) and their visits: the last completed one\n"
       "1 to 200 days ago (many overdue on a 30- or 90-day cadence) and a planned one.\n"
       "\n"
       "--duplicates FILE4.jsonl also writes 8 duplicate master records with an order each:\n"
       "one Shanghai company under 5 spellings (brackets, region prefix, Traditional,\n"
       "English, a branch), the same brand in Beijing (another company), and a Shenzhen\n"
       "company under 2 (one with a corrupted tax id), for `kamhost accounts duplicates`.\n",
       &define_demo});
}

}  // namespace kamhost
