// Timex matching and TempEval-3 Task A scores.
//
// The strict pairs are found by merging the gold and system spans sorted by
// (start, end). The relaxed pass then visits the unmatched gold timexes in
// document order and scans the unmatched system timexes that start before
// the gold one ends (system sorted by start, so the scan stops early), taking
// the largest overlap. Pairing exact spans first keeps a long gold timex from
// taking the system timex that exactly matches a neighbour.
#include "eval/scorer.h"

#include <algorithm>
#include <numeric>

namespace chronicle::eval {
namespace {

struct Span {
  size_t start, end;
};

template <typename T>
std::vector<size_t> SortedBySpan(const std::vector<T>& items) {
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (items[a].start != items[b].start) return items[a].start < items[b].start;
    return items[a].end < items[b].end;
  });
  return order;
}

size_t Overlap(Span a, Span b) {
  const size_t lo = std::max(a.start, b.start);
  const size_t hi = std::min(a.end, b.end);
  return hi > lo ? hi - lo : 0;
}

double Ratio(int num, int den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

double F1(double p, double r) { return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r); }

}  // namespace

TimexAlignment AlignTimexes(const std::vector<GoldTimex>& gold,
                            const std::vector<time::Timex>& system) {
  TimexAlignment a;
  a.gold_to_system.assign(gold.size(), std::nullopt);
  a.system_to_gold.assign(system.size(), std::nullopt);
  const std::vector<size_t> g_order = SortedBySpan(gold);
  const std::vector<size_t> s_order = SortedBySpan(system);

  // 1. Identical spans.
  for (size_t gi = 0, si = 0; gi < g_order.size() && si < s_order.size();) {
    const GoldTimex& g = gold[g_order[gi]];
    const time::Timex& s = system[s_order[si]];
    if (g.start == s.start && g.end == s.end) {
      a.gold_to_system[g_order[gi]] = s_order[si];
      a.system_to_gold[s_order[si]] = g_order[gi];
      ++gi;
      ++si;
    } else if (g.start < s.start || (g.start == s.start && g.end < s.end)) {
      ++gi;
    } else {
      ++si;
    }
  }

  // 2. Largest overlap among what is left.
  for (size_t g_index : g_order) {
    if (a.gold_to_system[g_index]) continue;
    const Span g{gold[g_index].start, gold[g_index].end};
    std::optional<size_t> best;
    size_t best_overlap = 0;
    for (size_t s_index : s_order) {
      const Span s{system[s_index].start, system[s_index].end};
      if (s.start >= g.end) break;
      if (a.system_to_gold[s_index]) continue;
      const size_t overlap = Overlap(g, s);
      if (overlap > best_overlap) {
        best_overlap = overlap;
        best = s_index;
      }
    }
    if (best) {
      a.gold_to_system[g_index] = *best;
      a.system_to_gold[*best] = g_index;
    }
  }
  return a;
}

TimexScores ScoreTimexes(const std::vector<DocPair>& docs) {
  TimexScores r;
  for (const DocPair& doc : docs) {
    r.gold += static_cast<int>(doc.gold.size());
    r.system += static_cast<int>(doc.system.size());
    const TimexAlignment a = AlignTimexes(doc.gold, doc.system);
    for (size_t gi = 0; gi < doc.gold.size(); ++gi) {
      if (!a.gold_to_system[gi]) continue;
      const GoldTimex& g = doc.gold[gi];
      const time::Timex& s = doc.system[*a.gold_to_system[gi]];
      ++r.relaxed_match;
      if (g.start == s.start && g.end == s.end) ++r.strict_match;
      if (g.type == s.type) ++r.type_correct;
      if (g.value == s.value) ++r.value_correct;
    }
  }
  r.strict_p = Ratio(r.strict_match, r.system);
  r.strict_r = Ratio(r.strict_match, r.gold);
  r.strict_f1 = F1(r.strict_p, r.strict_r);
  r.relaxed_p = Ratio(r.relaxed_match, r.system);
  r.relaxed_r = Ratio(r.relaxed_match, r.gold);
  r.relaxed_f1 = F1(r.relaxed_p, r.relaxed_r);
  r.type_accuracy = Ratio(r.type_correct, r.relaxed_match);
  r.value_accuracy = Ratio(r.value_correct, r.relaxed_match);
  r.type_f1 = r.relaxed_f1 * r.type_accuracy;
  r.value_f1 = r.relaxed_f1 * r.value_accuracy;
  return r;
}

}  // namespace chronicle::eval
