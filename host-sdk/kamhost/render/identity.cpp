// render/identity.cpp - duplicate clusters, matches and merges as tables and reason lines.
#include "render/identity.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include "render/format.hpp"
#include "text/escape.hpp"

namespace kamhost {
namespace {

using nlohmann::json;

// 9712 -> "0.97"
std::string score_text(const json& object) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", static_cast<double>(integer_of(object, "score_bp")) / 10000.0);
  return text;
}

// The tax id with its flag: "91310000...  (invalid: character 5 ...)".
std::string tax_text(const json& a) {
  const std::string id = text_of(a, "tax_id"), status = text_of(a, "tax_id_status");
  if (status == "invalid") return id + " (INVALID, not used: " + text_of(a, "tax_id_problem") + ")";
  return id;
}

std::string list_text(const json& list) {
  std::string out;
  for (const json& id : list) out += (out.empty() ? "" : ", ") + text_of(id);
  return out.empty() ? "none" : out;
}

}  // namespace

void render_duplicates(std::ostream& out, const json& answer) {
  const json& clusters = answer.at("clusters");
  for (const json& c : clusters) {
    out << "Cluster " << printable(text_of(c, "cluster_id")) << ": " << c.at("accounts").size() << " accounts\n";
    std::vector<std::vector<std::string>> rows;
    for (const json& a : c.at("accounts"))
      rows.push_back({text_of(a, "account_id"), text_of(a, "name"), text_of(a, "name_latin"), tax_text(a)});
    print_table(out, {"ACCOUNT", "NAME", "LATIN NAME", "TAX ID"}, rows);
    for (const json& p : c.at("pairs"))
      out << "  " << printable(text_of(p, "a")) << " ~ " << printable(text_of(p, "b")) << "  "
          << printable(text_of(p, "explanation")) << "\n";
    out << "\n";
  }
  out << clusters.size() << " cluster" << (clusters.size() == 1 ? "" : "s") << " at min score "
      << score_text(json{{"score_bp", integer_of(answer, "min_score_bp")}}) << " over "
      << integer_of(answer, "accounts_scanned") << " accounts (" << integer_of(answer, "candidate_pairs")
      << " candidate pairs, " << integer_of(answer, "matched_pairs") << " matched)\n";
  if (!text_of(answer, "next_after").empty())
    out << "more: --after " << printable(text_of(answer, "next_after")) << "\n";
}

void render_matches(std::ostream& out, const json& answer) {
  const json& q = answer.at("query");
  out << "Accounts matching " << printable(text_of(q, "name"));
  if (!text_of(q, "tax_id").empty()) out << " (tax id " << printable(tax_text(q)) << ")";
  out << ", key " << printable(text_of(q, "key")) << ":\n";
  const json& candidates = answer.at("candidates");
  if (candidates.empty()) {
    out << "  none at min score " << score_text(json{{"score_bp", integer_of(answer, "min_score_bp")}}) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const json& c : candidates)
    rows.push_back({score_text(c), text_of(c, "account_id"), text_of(c, "name"), tax_text(c),
                    text_of(c, "matched_via").empty() ? "" : "via " + text_of(c, "matched_via")});
  print_table(out, {"SCORE", "ACCOUNT", "NAME", "TAX ID", "MERGED"}, rows, {true, false, false, false, false});
  for (const json& c : candidates)
    out << "  " << printable(text_of(c, "account_id")) << ": " << printable(text_of(c, "explanation")) << "\n";
  if (bool_of(answer, "truncated")) out << "(more candidates: raise --limit)\n";
}

void render_merge(std::ostream& out, const json& answer) {
  out << "Merged into " << printable(text_of(answer, "golden_id")) << ": " << printable(list_text(answer.at("merged")))
      << "\n";
  if (!answer.at("repointed").empty())
    out << "  re-pointed from merged golden accounts: " << printable(list_text(answer.at("repointed"))) << "\n";
  if (!answer.at("already").empty()) out << "  already merged: " << printable(list_text(answer.at("already"))) << "\n";
  out << "  audit entry " << integer_of(answer, "audit_id")
      << "; the next tier evaluation counts their orders under the golden account\n";
}

void render_unmerge(std::ostream& out, const json& answer) {
  out << printable(text_of(answer, "account_id")) << " is no longer merged into "
      << printable(text_of(answer, "was_merged_into")) << "; the next tier evaluation gives it its own tier\n";
}

}  // namespace kamhost
