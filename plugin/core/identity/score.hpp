// score.hpp - how alike two prepared records are, from pieces (tax id, trade name, industry, region,
// legal form, branch), with the pieces kept as the explanation: as data and in words.
#pragma once

#include <string>
#include <vector>

#include "core/identity/record.hpp"

namespace kam::core::identity {

struct MatchParams {
  double threshold = 0.85;  // a pair matches at or above this score
};

enum class Piece { tax_id, trade_name, industry, region, legal_form, branch };
enum class Agreement { agree, compatible, unknown, differ };

struct Evidence {
  Piece piece;
  Agreement agreement;
  double value;        // similarity for trade name and industry, score adjustment otherwise
  std::string detail;  // in words: "trade names 华东 and Huadong: Latin name is the pinyin (hua dong)"
};

struct Match {
  double score = 0;                // 0..1
  bool certain = false;            // decided by valid tax ids alone (equal: 1, different: 0)
  bool matched = false;            // score >= threshold
  std::vector<Evidence> evidence;  // filled when asked for (with_reasons)
};

// Equal valid unified social credit codes match with certainty, different ones never match; an
// invalid code is ignored (and said so). Otherwise: 0.8 trade-name similarity (characters, pinyin,
// Latin vs pinyin, Latin words contained; stretched: 1 - 2.5 (1 - s)) + 0.2 industry agreement, then
// region (+0.05 same; on one side only -0.03; different: at most 0.5) and legal form (+0.02 same
// class, -0.05 different family). See docs/identity.md.
Match compare(const Record& a, const Record& b, const MatchParams& params, bool with_reasons = true);

// "1.00, match: trade names 华东 and 华东 agree; ...", one clause per piece.
std::string explain(const Match& match);

const char* piece_name(Piece piece);
const char* agreement_name(Agreement agreement);

}  // namespace kam::core::identity
