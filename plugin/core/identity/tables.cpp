// tables.cpp - parsing of the identity TSV tables; every error names the file and the line.
#include "core/identity/tables.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/identity/text.hpp"

namespace kam::core::identity {
namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t end = s.find(sep, start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? s.size() - start : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

// Calls row(cells, where) for every non-comment line of a table with `columns` columns.
template <typename Row>
void each_row(const char* file, std::string_view text, size_t columns, Row row) {
  size_t line_no = 0;
  for (const std::string& line : split(text, '\n')) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::string where = "data/identity/" + std::string(file) + ":" + std::to_string(line_no);
    std::vector<std::string> cells = split(line, '\t');
    if (cells.size() != columns)
      throw Error(Status::config, where + ": expected " + std::to_string(columns) + " tab-separated columns, found " +
                                      std::to_string(cells.size()));
    for (const std::string& c : cells)
      if (c.empty()) throw Error(Status::config, where + ": empty column");
    row(cells, where);
  }
}

}  // namespace

Tables parse_tables(std::string_view regions, std::string_view han_forms, std::string_view latin_forms,
                    std::string_view industry, std::vector<std::string> (*tokens)(std::string_view)) {
  Tables t;
  auto latin_names = [&](const std::string& cell, const std::string& where) {
    std::vector<std::string> out;
    for (const std::string& name : split(cell, ',')) {
      std::vector<std::string> tk = tokens(name);
      if (tk.empty()) throw Error(Status::config, where + ": Latin name '" + name + "' has no letters");
      out.push_back(join(tk));
    }
    return out;
  };
  each_row("regions.tsv", regions, 4, [&](const std::vector<std::string>& c, const std::string& where) {
    Region r;
    r.code = c[0];
    r.han.push_back(c[1]);
    for (const std::string& full : split(c[2], ',')) r.han.push_back(full);
    r.latin = latin_names(c[3], where);
    t.regions.push_back(std::move(r));
  });
  each_row("legal_forms_zh.tsv", han_forms, 4, [&](const std::vector<std::string>& c, const std::string& where) {
    HanLegalForm f{c[0], c[1], c[2], FormKind::form};
    if (c[3] == "group")
      f.kind = FormKind::group;
    else if (c[3] == "branch")
      f.kind = FormKind::branch;
    else if (c[3] != "form")
      throw Error(Status::config, where + ": kind must be form, group or branch, not '" + c[3] + "'");
    t.han_forms.push_back(std::move(f));
  });
  each_row("legal_forms_latin.tsv", latin_forms, 5, [&](const std::vector<std::string>& c, const std::string& where) {
    if (c[4] != "suffix" && c[4] != "both")
      throw Error(Status::config, where + ": where must be suffix or both, not '" + c[4] + "'");
    LatinLegalForm f{c[0], tokens(c[1]), c[2], c[3], c[4] == "both"};
    if (f.tokens.empty()) throw Error(Status::config, where + ": form '" + c[1] + "' has no letters");
    t.latin_forms.push_back(std::move(f));
  });
  each_row("industry_terms.tsv", industry, 3, [&](const std::vector<std::string>& c, const std::string& where) {
    IndustryTerm term{c[0], c[1], {}};
    for (const std::string& name : latin_names(c[2] == "-" ? c[1] : c[1] + "," + c[2], where))
      term.latin.push_back(split(name, ' '));
    t.industry.push_back(std::move(term));
  });
  // Longest first, so that 股份有限公司 wins over 有限公司 and "gmbh co kg" over "kg".
  std::stable_sort(t.han_forms.begin(), t.han_forms.end(),
                   [](const auto& a, const auto& b) { return a.text.size() > b.text.size(); });
  std::stable_sort(t.latin_forms.begin(), t.latin_forms.end(),
                   [](const auto& a, const auto& b) { return a.tokens.size() > b.tokens.size(); });
  std::stable_sort(t.industry.begin(), t.industry.end(),
                   [](const auto& a, const auto& b) { return a.han.size() > b.han.size(); });
  return t;
}

std::string_view embedded_table(std::string_view name) {
  for (size_t i = 0; i < kEmbeddedTableCount; ++i)
    if (name == kEmbeddedTables[i].name) return kEmbeddedTables[i].text;
  throw Error(Status::internal, "identity table " + std::string(name) + " is not compiled in");
}

}  // namespace kam::core::identity
