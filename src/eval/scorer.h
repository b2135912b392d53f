// Timex scoring in the style of TempEval-3 Task A: extraction (strict and
// relaxed span match) and normalisation (type and value of matched timexes).
//
//   std::vector<chronicle::eval::DocPair> docs;
//   docs.push_back({gold_doc.timexes, tagger.Tag(gold_doc.text, gold_doc.dct).timexes});
//   chronicle::eval::TimexScores s = chronicle::eval::ScoreTimexes(docs);
//   std::cout << s.relaxed_f1 << " " << s.value_f1;
//
// Matching is one-to-one within a document:
//   1. strict: a gold and a system timex with identical [start, end) are
//      paired first;
//   2. relaxed: each remaining gold timex, in document order, takes the
//      remaining system timex that overlaps it by the most bytes (at least
//      one; the earliest on a tie).
// Every strict pair is also a relaxed pair. Attributes are compared on the
// relaxed pairs; values by exact string equality.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "eval/timeml.h"
#include "time/timex.h"

namespace chronicle::eval {

struct TimexScores {
  int gold = 0, system = 0;
  int strict_match = 0, relaxed_match = 0;
  // Precision = matched / system, recall = matched / gold, F1 their harmonic
  // mean; each 0 when its denominator is 0.
  double strict_p = 0, strict_r = 0, strict_f1 = 0;
  double relaxed_p = 0, relaxed_r = 0, relaxed_f1 = 0;
  // Over the relaxed pairs: correct / relaxed_match.
  double type_accuracy = 0, value_accuracy = 0;
  // Attribute F1 = relaxed F1 x attribute accuracy (the TE3 ranking metric is
  // value_f1).
  double type_f1 = 0, value_f1 = 0;
  int type_correct = 0, value_correct = 0;
};

// The gold and system timexes of one document, offsets into the same text.
struct DocPair {
  std::vector<GoldTimex> gold;
  std::vector<time::Timex> system;
};

// The one-to-one matching of a document's gold and system timexes.
struct TimexAlignment {
  std::vector<std::optional<size_t>> gold_to_system;  // one entry per gold timex
  std::vector<std::optional<size_t>> system_to_gold;  // one entry per system timex
};

// Matches as described at the top of this file. O(G log G + S log S + G*S)
// for G gold and S system timexes.
TimexAlignment AlignTimexes(const std::vector<GoldTimex>& gold,
                            const std::vector<time::Timex>& system);

// Scores all documents together (micro-averaged over timexes).
TimexScores ScoreTimexes(const std::vector<DocPair>& docs);

}  // namespace chronicle::eval
