// duplicates.cpp - the fixed duplicate spellings of the demo company (see duplicates.hpp).
#include "demo/duplicates.hpp"

#include <nlohmann/json.hpp>

#include "time_text.hpp"

namespace kamhost::demo {
namespace {

constexpr int64_t kDay = 86'400'000;

struct Spelling {
  const char* id;
  const char* name;
  const char* tax_id;     // "" for none
  int64_t revenue_major;  // one order of this amount, at a 20% margin
};

// DUP-01..05 are one company (华东电子科技, Shanghai; 91310000MA1K35U4XQ is a valid code); DUP-06 is
// the same brand in Beijing, another company; DUP-07/08 are one company in Shenzhen, DUP-08's tax id
// has a corrupted check character (flagged, never used to match).
const Spelling kSpellings[] = {
    {"DUP-01", "华东电子科技（上海）有限公司", "91310000MA1K35U4XQ", 300'000},
    {"DUP-02", "上海华东电子科技有限公司", "91310000MA1K35U4XQ", 250'000},
    {"DUP-03", "Huadong Electronics Technology (Shanghai) Co., Ltd.", "", 150'000},
    {"DUP-04", "華東電子科技(上海)有限公司", "", 100'000},
    {"DUP-05", "上海华东电子科技有限公司北京分公司", "", 50'000},
    {"DUP-06", "北京华东电子科技有限公司", "", 200'000},
    {"DUP-07", "深圳市华南贸易有限公司", "91440300MA5D8QKL24", 120'000},
    {"DUP-08", "Huanan Trading (Shenzhen) Co., Ltd.", "91440300MA5D8QKL25", 80'000},
};

}  // namespace

DuplicatesSummary write_duplicates(int64_t end_ms, const char* currency, std::ostream& out) {
  using nlohmann::json;
  DuplicatesSummary s;
  for (const Spelling& d : kSpellings) {
    json line = {{"kind", "account_upserted"},
                 {"event_id", std::string("demo-") + d.id + "-v1"},
                 {"occurred_at", format_utc(end_ms - 60 * kDay)},
                 {"account_id", d.id},
                 {"name", d.name},
                 {"region", "East China"},
                 {"account_manager_id", "u.li"}};
    if (*d.tax_id != 0) line["tax_id"] = d.tax_id;
    out << line.dump() << "\n";
    ++s.accounts;
  }
  int64_t day = 1;
  for (const Spelling& d : kSpellings) {
    const int64_t amount = d.revenue_major * 100;
    const json line = {{"kind", "order_posted"},
                       {"event_id", std::string("demo-SO-") + d.id},
                       {"occurred_at", format_utc(end_ms - 30 * kDay + day++ * kDay)},
                       {"order_id", std::string("SO-") + d.id},
                       {"account_id", d.id},
                       {"amount_minor", amount},
                       {"margin_minor", amount / 5},
                       {"currency", currency},
                       {"document_type", "order"}};
    out << line.dump() << "\n";
    ++s.orders;
  }
  return s;
}

}  // namespace kamhost::demo
