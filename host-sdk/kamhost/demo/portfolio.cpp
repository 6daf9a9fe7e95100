// portfolio.cpp - the demo feed generator (see portfolio.hpp).
#include "demo/portfolio.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "demo/random.hpp"
#include "time_text.hpp"

namespace kamhost::demo {
namespace {

constexpr int64_t kDay = 86'400'000;

const char* const kPlaces[] = {"Huadong", "Jiangnan", "Zhongyuan", "Lingnan", "Bohai", "Xinan", "Minjiang",
                               "Taihu", "Qiantang", "Huaihe", "Changjiang", "Zhujiang", "Songhua", "Hexi"};
const char* const kTrades[] = {"Precision Machinery", "Electric", "Chemical", "Textiles", "Logistics",
                               "Steel", "Foods", "Pharmaceutical", "Auto Parts", "Packaging", "Electronics",
                               "Building Materials", "Instruments", "Plastics"};
const char* const kForms[] = {"Co., Ltd.", "Group Co., Ltd.", "Industrial Co., Ltd.", "Trading Co., Ltd."};
const char* const kRegions[] = {"East China", "South China", "North China", "Central China", "Southwest",
                                "Northeast"};
const char* const kIndustries[] = {"machinery", "electrical", "chemicals", "textiles", "logistics", "metals",
                                   "food", "pharma", "automotive", "packaging", "electronics", "construction"};
const char* const kManagers[] = {"u.li", "u.wang", "u.zhang", "u.chen", "u.liu", "u.zhao"};

struct Account {
  std::string id;
  double annual_revenue = 0;  // in major units
  double margin = 0;          // share of revenue
  bool declining = false;     // orders lean to the older half of the year
};

struct Order {
  int64_t at_ms;
  std::size_t account;
  int64_t amount_minor;
  int64_t margin_minor;
  bool invoice;
};

}  // namespace

PortfolioSummary write_portfolio(const PortfolioOptions& o, std::ostream& out) {
  Random r(o.seed);
  const int64_t start_ms = o.end_ms - 365 * kDay;
  std::vector<Account> accounts(o.accounts);
  PortfolioSummary summary;
  using nlohmann::json;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    Account& a = accounts[i];
    char id[32];
    std::snprintf(id, sizeof id, "ACC-%04zu", i + 1);
    a.id = id;
    // Pareto with alpha 1 (a long tail: about a fifth of the accounts make 80% of revenue) above
    // CNY 20,000 a year, the largest capped at 2,000 times that.
    const double u = std::max(r.unit(), 1.0 / 2000.0);
    a.annual_revenue = 20'000.0 / u;
    a.margin = 0.08 + 0.27 * r.unit();
    a.declining = r.below(100) < 15;
    json flags = json::array();
    if (r.below(100) < 3) flags.push_back("strategic");
    if (r.below(100) < 5) flags.push_back("reference_customer");
    const std::string name = std::string(pick(r, kPlaces)) + " " + pick(r, kTrades) + " " + pick(r, kForms);
    const char* region = pick(r, kRegions);
    const char* industry = pick(r, kIndustries);
    const char* manager = pick(r, kManagers);
    const json line = {{"kind", "account_upserted"},
                       {"event_id", "demo-" + a.id + "-v1"},
                       {"occurred_at", format_utc(start_ms - kDay)},
                       {"account_id", a.id},
                       {"name", name},
                       {"region", region},
                       {"industry", industry},
                       {"account_manager_id", manager},
                       {"flags", flags}};
    out << line.dump() << "\n";
    ++summary.accounts;
    summary.made.push_back({a.id, manager, name, a.annual_revenue});
  }

  std::vector<Order> orders;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const Account& a = accounts[i];
    // Bigger accounts order more often: 3 orders a year at the bottom, up to about 150.
    const uint64_t count = std::min<uint64_t>(150, 3 + static_cast<uint64_t>(a.annual_revenue / 40'000.0));
    std::vector<double> weights(count);
    double total = 0;
    for (double& w : weights) total += (w = 0.5 + r.unit());
    for (uint64_t k = 0; k < count; ++k) {
      double when = r.unit();                         // 0 = a year ago, 1 = now
      if (a.declining) when = 1.0 - std::sqrt(when);  // leaning to the older months
      const int64_t at = start_ms + static_cast<int64_t>(when * static_cast<double>(o.end_ms - 1 - start_ms));
      const int64_t amount = static_cast<int64_t>(std::llround(a.annual_revenue * weights[k] / total * 100.0));
      const int64_t margin = static_cast<int64_t>(std::llround(static_cast<double>(amount) * a.margin));
      orders.push_back({at - at % 1000, i, std::max<int64_t>(amount, 100), margin, r.below(10) == 0});
    }
  }
  std::stable_sort(orders.begin(), orders.end(), [](const Order& x, const Order& y) { return x.at_ms < y.at_ms; });
  for (std::size_t n = 0; n < orders.size(); ++n) {
    const Order& d = orders[n];
    char id[32];
    std::snprintf(id, sizeof id, "SO-%06zu", n + 1);
    const json line = {{"kind", "order_posted"},
                       {"event_id", std::string("demo-") + id},
                       {"occurred_at", format_utc(d.at_ms)},
                       {"order_id", id},
                       {"account_id", accounts[d.account].id},
                       {"amount_minor", d.amount_minor},
                       {"margin_minor", d.margin_minor},
                       {"currency", o.currency},
                       {"document_type", d.invoice ? "invoice" : "order"}};
    out << line.dump() << "\n";
    ++summary.orders;
    summary.revenue_minor += d.amount_minor;
  }
  return summary;
}

}  // namespace kamhost::demo
