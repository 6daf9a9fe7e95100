// cmd_demo.cpp - `kamhost demo generate`: writes a demo company's ERP feed (demo/portfolio.hpp) for
// `kamhost import`; .ci/demo runs it.
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>

#include "demo/portfolio.hpp"
#include "kamhost.hpp"
#include "time_text.hpp"

namespace kamhost {
namespace {

int demo_generate(Context& ctx, const std::vector<std::string>& args) {
  demo::PortfolioOptions options;
  std::string out_path, end;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string value;
    if (take_number(args, i, "--seed", 0, UINT64_MAX / 2, options.seed)) {
    } else if (take_number(args, i, "--accounts", 1, 100'000, options.accounts)) {
    } else if (take_option(args, i, "--out", value)) {
      out_path = value;
    } else if (take_option(args, i, "--end", value)) {
      end = value;
    } else {
      throw UsageError("unknown option '" + args[i] + "'");
    }
  }
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

int cmd_demo(Context& ctx, const std::vector<std::string>& args) {
  if (args.empty()) throw UsageError("demo needs a subcommand: generate");
  if (args[0] == "generate") return demo_generate(ctx, std::vector<std::string>(args.begin() + 1, args.end()));
  throw UsageError("unknown subcommand 'demo " + args[0] + "': use generate");
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
       &cmd_demo});
}

}  // namespace kamhost
