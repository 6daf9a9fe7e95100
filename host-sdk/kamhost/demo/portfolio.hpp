// portfolio.hpp - a generated demo company's ERP feed: accounts with a long-tailed (Pareto) revenue
// distribution and a year of orders, as JSON lines `kamhost import` reads (docs/import.md).
// Seeded and deterministic: the same options give the same file (its own random generator, no std::
// distributions, whose results the standard leaves to each library). Later capabilities grow it
// into a whole demo company, one event kind at a time: the organisation and its complaints are
// demo/service.hpp.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace kamhost::demo {

struct PortfolioOptions {
  uint64_t seed = 1;
  uint64_t accounts = 300;
  int64_t end_ms = 0;       // the last order is before this time (UTC epoch ms); orders cover the year before
  const char* currency = "CNY";
};

// An account as the generator made it (demo/service.hpp picks the key accounts' complaints from these).
struct DemoAccount {
  std::string id;
  std::string manager;        // account_manager_id
  std::string name;           // 1.4: demo/contacts.cpp sends the account again with its numbers
  double annual_revenue = 0;  // in major units
};

struct PortfolioSummary {
  uint64_t accounts = 0;
  uint64_t orders = 0;
  int64_t revenue_minor = 0;  // the sum of every order's amount
  std::vector<DemoAccount> made;
};

// Writes the feed: every account_upserted first, then the order_posted events by date.
PortfolioSummary write_portfolio(const PortfolioOptions& options, std::ostream& out);

}  // namespace kamhost::demo
