// cmd_demo.cpp - `kamhost demo generate`: writes a demo company's ERP feed (demo/portfolio.hpp) for
// `kamhost import`; .ci/demo runs it.
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "demo/portfolio.hpp"
#include "cli.hpp"
#include "kamhost.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

struct GenerateOptions {
  demo::PortfolioOptions portfolio;
  std::string out_path, end;
};

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
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) throw Failure("cannot write " + out_path + ": " + std::strerror(errno));
  const demo::PortfolioSummary s = demo::write_portfolio(options, out);
  out.close();
  if (!out) throw Failure("cannot write " + out_path);
  std::cout << "wrote " << out_path << ": " << s.accounts << " accounts, " << s.orders << " orders over the year to "
            << format_utc(options.end_ms) << " (seed " << options.seed << ")\n";
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
  add_text(generate, "--end", o->end, "the last day of the year of orders (UTC)");
  on_run(generate, ctx, [&ctx, o] { return demo_generate(ctx, *o); });
}

}  // namespace

void add_demo_commands(std::vector<Command>& commands) {
  commands.push_back(
      {"demo", "generate --out FILE.jsonl [--seed N] [--accounts N] [--end DATE]",
       "write a generated demo company's ERP feed (accounts, a year of orders)",
       "Writes JSON lines for `kamhost import`: N accounts (default 300) with a long-tailed\n"
       "(Pareto) revenue distribution, margins of 8..35%, a few strategic and reference\n"
       "customers, some accounts whose orders fall off, and a year of orders and invoices in\n"
       "CNY up to --end (a UTC date or time; default --now, else now). The same --seed and\n"
       "--end give the same file. Prints one line: what it wrote.\n",
       &define_demo});
}

}  // namespace kamhost
