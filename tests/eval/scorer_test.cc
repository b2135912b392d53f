// Unit tests for the timex matcher and the TempEval-3 Task A scores, on
// hand-made documents whose expected numbers are worked out in the comments.
#include "eval/scorer.h"

#include <gtest/gtest.h>

namespace chronicle::eval {
namespace {

GoldTimex G(size_t start, size_t end, std::string type = "DATE", std::string value = "2013") {
  GoldTimex t;
  t.start = start;
  t.end = end;
  t.type = std::move(type);
  t.value = std::move(value);
  return t;
}

time::Timex S(size_t start, size_t end, std::string type = "DATE", std::string value = "2013") {
  time::Timex t;
  t.start = start;
  t.end = end;
  t.type = std::move(type);
  t.value = std::move(value);
  return t;
}

TEST(ScorerTest, MixedDocumentExactNumbers) {
  DocPair doc;
  doc.gold = {G(0, 5, "DATE", "2013-03-22"), G(10, 20, "DURATION", "P1M"),
              G(30, 35, "DATE", "2013"), G(50, 55, "TIME", "2013-03-22T10:00")};
  doc.system = {S(0, 5, "DATE", "2013-03-22"),    // strict, type and value right
                S(12, 20, "DURATION", "P2M"),     // relaxed only, value wrong
                S(30, 35, "DURATION", "2013"),    // strict, type wrong
                S(40, 45), S(60, 62)};            // spurious
  const TimexScores s = ScoreTimexes({doc});
  EXPECT_EQ(s.gold, 4);
  EXPECT_EQ(s.system, 5);
  EXPECT_EQ(s.strict_match, 2);
  EXPECT_EQ(s.relaxed_match, 3);
  EXPECT_DOUBLE_EQ(s.strict_p, 0.4);
  EXPECT_DOUBLE_EQ(s.strict_r, 0.5);
  EXPECT_DOUBLE_EQ(s.strict_f1, 2.0 * 0.4 * 0.5 / 0.9);  // 0.444...
  EXPECT_DOUBLE_EQ(s.relaxed_p, 0.6);
  EXPECT_DOUBLE_EQ(s.relaxed_r, 0.75);
  EXPECT_DOUBLE_EQ(s.relaxed_f1, 2.0 * 0.6 * 0.75 / 1.35);  // 0.666...
  EXPECT_EQ(s.type_correct, 2);
  EXPECT_EQ(s.value_correct, 2);
  EXPECT_DOUBLE_EQ(s.type_accuracy, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.value_accuracy, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.type_f1, s.relaxed_f1 * 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.value_f1, s.relaxed_f1 * 2.0 / 3.0);
  EXPECT_NEAR(s.value_f1, 0.444444, 1e-6);
}

TEST(ScorerTest, EmptyInputIsAllZero) {
  const TimexScores s = ScoreTimexes({});
  EXPECT_EQ(s.gold, 0);
  EXPECT_EQ(s.system, 0);
  EXPECT_EQ(s.strict_p, 0.0);
  EXPECT_EQ(s.relaxed_f1, 0.0);
  EXPECT_EQ(s.value_accuracy, 0.0);
  EXPECT_EQ(s.value_f1, 0.0);
}

TEST(ScorerTest, NoSystemOutputGuardsDivisions) {
  DocPair doc;
  doc.gold = {G(0, 4), G(10, 14)};
  const TimexScores s = ScoreTimexes({doc});
  EXPECT_EQ(s.gold, 2);
  EXPECT_EQ(s.system, 0);
  EXPECT_EQ(s.relaxed_p, 0.0);
  EXPECT_EQ(s.relaxed_r, 0.0);
  EXPECT_EQ(s.relaxed_f1, 0.0);
  EXPECT_EQ(s.type_accuracy, 0.0);
}

TEST(ScorerTest, NoGoldGuardsDivisions) {
  DocPair doc;
  doc.system = {S(0, 4)};
  const TimexScores s = ScoreTimexes({doc});
  EXPECT_EQ(s.system, 1);
  EXPECT_EQ(s.strict_r, 0.0);
  EXPECT_EQ(s.strict_p, 0.0);
  EXPECT_EQ(s.strict_f1, 0.0);
}

TEST(ScorerTest, AdjacentSpansDoNotMatch) {
  DocPair doc;
  doc.gold = {G(0, 5)};
  doc.system = {S(5, 10)};
  const TimexScores s = ScoreTimexes({doc});
  EXPECT_EQ(s.relaxed_match, 0);
}

TEST(ScorerTest, OneCharacterOverlapIsRelaxedMatch) {
  DocPair doc;
  doc.gold = {G(0, 5)};
  doc.system = {S(4, 10)};
  const TimexScores s = ScoreTimexes({doc});
  EXPECT_EQ(s.relaxed_match, 1);
  EXPECT_EQ(s.strict_match, 0);
}

TEST(ScorerTest, MatchingIsOneToOne) {
  // One gold timex overlapped by two system timexes: one pair, one spurious.
  DocPair doc;
  doc.gold = {G(0, 10)};
  doc.system = {S(0, 3), S(5, 10)};
  const TimexScores s = ScoreTimexes({doc});
  EXPECT_EQ(s.relaxed_match, 1);
  EXPECT_DOUBLE_EQ(s.relaxed_p, 0.5);
  EXPECT_DOUBLE_EQ(s.relaxed_r, 1.0);

  // Duplicate identical system spans: only one is matched.
  DocPair dup;
  dup.gold = {G(0, 5)};
  dup.system = {S(0, 5), S(0, 5)};
  const TimexScores d = ScoreTimexes({dup});
  EXPECT_EQ(d.strict_match, 1);
  EXPECT_EQ(d.relaxed_match, 1);
  EXPECT_DOUBLE_EQ(d.strict_p, 0.5);
}

TEST(ScorerTest, LargestOverlapWins) {
  const std::vector<GoldTimex> gold = {G(0, 10)};
  const std::vector<time::Timex> system = {S(0, 2), S(4, 10)};
  const TimexAlignment a = AlignTimexes(gold, system);
  ASSERT_TRUE(a.gold_to_system[0].has_value());
  EXPECT_EQ(*a.gold_to_system[0], 1u);
  EXPECT_FALSE(a.system_to_gold[0].has_value());
  EXPECT_EQ(*a.system_to_gold[1], 0u);
}

TEST(ScorerTest, DocumentOrderBreaksTies) {
  // A system span overlapping two gold spans equally goes to the first.
  const std::vector<GoldTimex> gold = {G(5, 10), G(0, 5)};  // given out of order
  const std::vector<time::Timex> system = {S(3, 7)};
  const TimexAlignment a = AlignTimexes(gold, system);
  EXPECT_FALSE(a.gold_to_system[0].has_value());
  ASSERT_TRUE(a.gold_to_system[1].has_value());
  EXPECT_EQ(*a.gold_to_system[1], 0u);
}

TEST(ScorerTest, ExactSpansArePairedFirst) {
  // Greedy overlap alone would give S(8,12) to the earlier G(0,10); the
  // exact pair G(8,12)-S(8,12) is taken first instead.
  DocPair doc;
  doc.gold = {G(0, 10, "DATE", "A"), G(8, 12, "DATE", "B")};
  doc.system = {S(8, 12, "DATE", "B")};
  const TimexScores s = ScoreTimexes({doc});
  EXPECT_EQ(s.strict_match, 1);
  EXPECT_EQ(s.relaxed_match, 1);
  EXPECT_EQ(s.value_correct, 1);
  EXPECT_DOUBLE_EQ(s.relaxed_r, 0.5);
}

TEST(ScorerTest, ValueComparisonIsExact) {
  DocPair doc;
  doc.gold = {G(0, 5, "DATE", "2013-03")};
  doc.system = {S(0, 5, "date", "2013-03 ")};
  const TimexScores s = ScoreTimexes({doc});
  EXPECT_EQ(s.relaxed_match, 1);
  EXPECT_EQ(s.type_correct, 0);
  EXPECT_EQ(s.value_correct, 0);
  EXPECT_EQ(s.value_f1, 0.0);
}

TEST(ScorerTest, DocumentsAreScoredSeparatelyAndMicroAveraged) {
  // Same offsets in different documents never match each other.
  DocPair a;
  a.gold = {G(0, 5)};
  DocPair b;
  b.system = {S(0, 5)};
  DocPair c;
  c.gold = {G(0, 5), G(7, 9)};
  c.system = {S(0, 5)};
  const TimexScores s = ScoreTimexes({a, b, c});
  EXPECT_EQ(s.gold, 3);
  EXPECT_EQ(s.system, 2);
  EXPECT_EQ(s.strict_match, 1);
  EXPECT_DOUBLE_EQ(s.strict_p, 0.5);
  EXPECT_DOUBLE_EQ(s.strict_r, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.strict_f1, 0.4);  // 2 * (1/2) * (1/3) / (5/6)
}

}  // namespace
}  // namespace chronicle::eval
