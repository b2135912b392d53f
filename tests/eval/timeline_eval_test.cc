// Tests for the timeline scorer on small hand-made gold and timeline JSON
// whose figures are worked out by hand: the date and key-word rules, each of
// the figures (with cases that must fail to match: a less precise date, a
// mention from a file that is not a gold source), the misses, and the
// errors on bad input files.
#include "eval/timeline_eval.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

namespace chronicle::eval {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(TimelineEvalDates, OutputMustBeTheGoldDateOrInsideIt) {
  EXPECT_TRUE(DateInside("2025-06", "2025-06"));
  EXPECT_TRUE(DateInside("2025-06-27", "2025-06"));
  EXPECT_TRUE(DateInside("2025-06-27", "2025"));
  EXPECT_TRUE(DateInside("2024-12-25", "2024-12-25"));
  EXPECT_FALSE(DateInside("2025", "2025-06"));        // less precise
  EXPECT_FALSE(DateInside("2025-06", "2025-06-27"));  // less precise
  EXPECT_FALSE(DateInside("2025-07-01", "2025-06"));
  EXPECT_FALSE(DateInside("2024-06", "2025"));
  EXPECT_FALSE(DateInside("2024-12-26", "2024-12-25"));
  EXPECT_FALSE(DateInside("", "2025"));
  EXPECT_FALSE(DateInside("2025-W27", "2025"));
  EXPECT_TRUE(DatesNest("2025", "2025-06-27"));
  EXPECT_TRUE(DatesNest("2025-06-27", "2025"));
  EXPECT_FALSE(DatesNest("2025-06", "2025-07-01"));
}

TEST(TimelineEvalDates, OnlyRealCalendarDatesAreDates) {
  EXPECT_TRUE(IsTimelineDate("1999"));
  EXPECT_TRUE(IsTimelineDate("2024-02-29"));
  EXPECT_FALSE(IsTimelineDate("2025-02-29"));
  EXPECT_FALSE(IsTimelineDate("2025-13"));
  EXPECT_FALSE(IsTimelineDate("2025-00"));
  EXPECT_FALSE(IsTimelineDate("2025-6-1"));
  EXPECT_FALSE(IsTimelineDate("20250601"));
  EXPECT_FALSE(IsTimelineDate("2025-06-31"));
}

TEST(TimelineEvalKeywords, CaseInsensitiveAtAWordStart) {
  EXPECT_TRUE(ContainsKeyword("Baku cancelled all shows", "cancel"));
  EXPECT_TRUE(ContainsKeyword("SPUTNIK staff arrested", "Sputnik"));
  EXPECT_TRUE(ContainsKeyword("leaders met in Abu Dhabi on Thursday", "abu dhabi"));
  EXPECT_TRUE(ContainsKeyword("a post-war role", "war"));
  EXPECT_TRUE(ContainsKeyword("the \xE2\x80\x98Russian House\xE2\x80\x99", "Russian House"));
  EXPECT_FALSE(ContainsKeyword("a step toward peace", "war"));
  EXPECT_FALSE(ContainsKeyword("the metal", "met "));
  EXPECT_FALSE(ContainsKeyword("short", "shorter"));
  EXPECT_FALSE(ContainsKeyword("anything", ""));
}

// Three files; gold happenings:
//   hA 2024-12-25, a+b, two disagreements (agent a|b, framing a|b)
//   hB 2025-06,    a+b, one disagreement (number a|b)
//   hC 2025-07-10, b        (only a less precise event: missed)
//   hE 2020,       c        (the event has the words but from a: missed)
//   hD 2025-02,    a, optional
constexpr const char* kGold = R"({
  "notes": "test",
  "happenings": [
    {"id": "hA", "date": "2024-12-25", "description": "downing", "sources": ["a.txt", "b.txt"],
     "multi_source": true, "keywords": ["shot down"],
     "disagreements": [
       {"kind": "agent", "note": "who", "sides": [{"value": "R", "files": ["a.txt"]}, {"value": "U", "files": ["b.txt"]}]},
       {"kind": "framing", "note": "how", "sides": [{"value": "x", "files": ["a.txt"]}, {"value": "y", "files": ["b.txt"]}]}]},
    {"id": "hB", "date": "2025-06", "description": "deaths", "sources": ["a.txt", "b.txt"], "keywords": ["died"],
     "disagreements": [
       {"kind": "number", "note": "how many", "sides": [{"value": "2", "files": ["a.txt"]}, {"value": "3", "files": ["b.txt"]}]}]},
    {"id": "hC", "date": "2025-07-10", "description": "meeting", "sources": ["b.txt"], "keywords": ["met"]},
    {"id": "hE", "date": "2020", "description": "war", "sources": ["c.txt"], "keywords": ["war"]},
    {"id": "hD", "date": "2025-02", "description": "statistic", "sources": ["a.txt"], "keywords": ["exports"],
     "optional": true}
  ]
})";

// Events:
//   e1 2024-12-25 a+b "shot down"        -> hA, merged; agent conflict a|b
//   e2 2025-06-27 a   "died"             -> hB
//   e3 2025-06-28 b   "died"             -> hB (so hB is unmerged); number conflict from b only
//   e4 2025-07    b   "met"              -> nothing (less precise than hC); lenient: hC
//   e5 2020       a   "war"              -> nothing (hE's source is c)
//   e6 2025-02-10 a   "exports"          -> optional hD
//   e7 2025-05-09 b   an opinion         -> nothing
constexpr const char* kTimeline = R"({
  "chronicle": {"version": "test"},
  "documents": [{"id": "d1", "path": "in/a.txt"}, {"id": "d2", "path": "b.txt"}, {"id": "d3", "path": "c.txt"}],
  "events": [
    {"id": "e1", "date": "2024-12-25", "summary": "s1", "sources": ["d1", "d2"],
     "mentions": [{"doc": "d1", "sentence": "The jet was shot down by Russia."},
                  {"doc": "d2", "sentence": "It was SHOT DOWN by Ukraine."}]},
    {"id": "e2", "date": "2025-06-27", "summary": "s2", "sources": ["d1"],
     "mentions": [{"doc": "d1", "sentence": "Two brothers died."}]},
    {"id": "e3", "date": "2025-06-28", "summary": "s3", "sources": ["d2"],
     "mentions": [{"doc": "d2", "sentence": "Three men died in custody."}]},
    {"id": "e4", "date": "2025-07", "summary": "s4", "sources": ["d2"],
     "mentions": [{"doc": "d2", "sentence": "Aliyev met Pashinyan."}]},
    {"id": "e5", "date": "2020", "summary": "s5", "sources": ["d1"],
     "mentions": [{"doc": "d1", "sentence": "The war of 2020 changed everything."}]},
    {"id": "e6", "date": "2025-02-10", "summary": "s6", "sources": ["d1"],
     "mentions": [{"doc": "d1", "sentence": "Exports rose."}]},
    {"id": "e7", "date": "2025-05-09", "summary": "s7", "sources": ["d2"],
     "mentions": [{"doc": "d2", "sentence": "This was, in truth, a deliberate snub."}]}
  ],
  "conflicts": [
    {"id": "c1", "event": "e1", "kind": "agent", "claims": [{"doc": "d1", "value": "Russia", "quote": "q"},
                                                            {"doc": "d2", "value": "Ukraine", "quote": "q"}]},
    {"id": "c2", "event": "e3", "kind": "number", "claims": [{"doc": "d2", "value": "3", "quote": "q"}]}
  ]
})";

GoldTimeline Gold(const std::string& text = kGold) {
  std::string error;
  auto gold = ParseGoldTimeline(json::parse(text), &error);
  EXPECT_TRUE(gold) << error;
  return gold ? *gold : GoldTimeline{};
}

OutputTimeline Output(const std::string& text = kTimeline) {
  std::string error;
  auto out = ParseOutputTimeline(json::parse(text), &error);
  EXPECT_TRUE(out) << error;
  return out ? *out : OutputTimeline{};
}

TEST(TimelineEval, ReadsEventsWithFileNamesAndConflicts) {
  const OutputTimeline out = Output();
  ASSERT_EQ(out.events.size(), 7u);
  EXPECT_EQ(out.events[0].files, (std::vector<std::string>{"a.txt", "b.txt"}));
  EXPECT_EQ(out.events[0].mentions[0].file, "a.txt");  // basename of in/a.txt
  ASSERT_EQ(out.events[0].conflicts.size(), 1u);
  EXPECT_EQ(out.events[0].conflicts[0].kind, "agent");
  EXPECT_EQ(out.events[0].conflicts[0].files, (std::vector<std::string>{"a.txt", "b.txt"}));
  EXPECT_TRUE(out.events[1].conflicts.empty());
}

TEST(TimelineEval, MatchNeedsDateKeywordAndSource) {
  const GoldTimeline gold = Gold();
  const OutputTimeline out = Output();
  const auto& hA = gold.happenings[0];
  const auto& hC = gold.happenings[2];
  const auto& hE = gold.happenings[3];
  EXPECT_TRUE(EventMatches(hA, out.events[0]));
  EXPECT_FALSE(EventMatches(hA, out.events[1]));  // other date, other words
  EXPECT_FALSE(EventMatches(hC, out.events[3]));  // 2025-07 is less precise than 2025-07-10
  EXPECT_TRUE(EventMatches(hC, out.events[3], /*lenient_date=*/true));
  EXPECT_FALSE(EventMatches(hE, out.events[4]));  // right date and word, but from a.txt, not c.txt
  EXPECT_FALSE(EventMatches(hE, out.events[4], /*lenient_date=*/true));
}

TEST(TimelineEval, FiguresOnAHandMadeCase) {
  const TimelineReport r = ScoreTimeline(Gold(), Output());
  EXPECT_EQ(r.happenings, 4);
  EXPECT_EQ(r.optional, 1);
  EXPECT_EQ(r.multi_source, 2);
  EXPECT_EQ(r.disagreements, 3);
  EXPECT_EQ(r.events, 7);
  const TimelineScores& s = r.scores;
  // hA and hB found; hC (date too coarse) and hE (wrong source) not.
  EXPECT_EQ(s.recall.hit, 2);
  EXPECT_EQ(s.recall.total, 4);
  EXPECT_DOUBLE_EQ(s.recall.value(), 0.5);
  // hA is one event with both sources; hB is two single-source events.
  EXPECT_EQ(s.merged.hit, 1);
  EXPECT_EQ(s.merged.total, 2);
  EXPECT_EQ(s.merged_all.hit, 1);
  // hA agent: agent conflict between a and b (all three figures). hA framing:
  // only an agent conflict (lenient only). hB number: a number conflict, but
  // its claims come from b only (strict and lenient, not sided).
  EXPECT_EQ(s.disagreements_strict.hit, 2);
  EXPECT_EQ(s.disagreements_lenient.hit, 3);
  EXPECT_EQ(s.disagreements_sided.hit, 1);
  EXPECT_EQ(s.disagreements_strict.total, 3);
  // e1, e2, e3 and e6 (optional hD) are happenings; e4 only by date nesting.
  EXPECT_EQ(s.precision.hit, 4);
  EXPECT_EQ(s.precision.total, 7);
  EXPECT_EQ(s.precision_lenient.hit, 5);
}

TEST(TimelineEval, MissesNameWhatWentWrong) {
  const TimelineReport r = ScoreTimeline(Gold(), Output());
  std::vector<std::string> seen;
  for (const auto& m : r.misses) seen.push_back(m.kind + " " + m.id);
  EXPECT_EQ(seen, (std::vector<std::string>{"missed hC", "missed hE", "unmerged hB", "unreported hA",
                                            "unreported hB", "unmatched e4", "unmatched e5", "unmatched e7"}));
  EXPECT_EQ(r.misses[0].detail, "same words, other date: e4 2025-07");
  EXPECT_EQ(r.misses[1].detail, "no event with a key word from a source");
  EXPECT_NE(r.misses[2].detail.find("e2 [a.txt]"), std::string::npos);
  EXPECT_NE(r.misses[2].detail.find("e3 [b.txt]"), std::string::npos);
  EXPECT_EQ(r.misses[3].detail, "reported kinds: agent");
  EXPECT_EQ(r.misses[4].detail, "a number conflict, but not between the gold sides");
  EXPECT_EQ(r.misses[5].detail, "b.txt; same words, other date: hC 2025-07-10");

  const std::string tsv = FormatTimelineMisses(r);
  EXPECT_EQ(tsv.rfind("missed\thC\t2025-07-10\tmeeting\t", 0), 0u);
  EXPECT_EQ(static_cast<size_t>(std::count(tsv.begin(), tsv.end(), '\n')), r.misses.size());
}

TEST(TimelineEval, ReportFormats) {
  const TimelineReport r = ScoreTimeline(Gold(), Output());
  const std::string text = FormatTimelineReport(r);
  EXPECT_NE(text.find("recall (found, right date)        0.500   2/4"), std::string::npos) << text;
  EXPECT_NE(text.find("precision (real dated happening)  0.571   4/7"), std::string::npos) << text;
  EXPECT_NE(text.find("2 missed, 1 unmerged, 2 unreported, 3 unmatched"), std::string::npos) << text;
  const json j = TimelineReportJson(r);
  EXPECT_EQ(j["recall"]["hit"], 2);
  EXPECT_EQ(j["merged"]["total"], 2);
  EXPECT_EQ(j["disagreements_sided"]["hit"], 1);
  EXPECT_DOUBLE_EQ(j["precision"]["value"].get<double>(), 4.0 / 7.0);
  EXPECT_EQ(j["misses"].size(), r.misses.size());
}

TEST(TimelineEval, EmptyTimelineScoresZero) {
  const TimelineReport r = ScoreTimeline(Gold(), Output(R"({"documents": [], "events": []})"));
  EXPECT_EQ(r.scores.recall.hit, 0);
  EXPECT_EQ(r.scores.recall.total, 4);
  EXPECT_EQ(r.scores.precision.total, 0);
  EXPECT_DOUBLE_EQ(r.scores.precision.value(), 0.0);
}

// The error for a gold file whose happenings[0] has `field` set to `value`.
std::string GoldError(const std::string& field, const std::string& value) {
  json h = {{"id", "h1"}, {"date", "2025"}, {"sources", {"a.txt"}}, {"keywords", {"k"}}};
  h[field] = json::parse(value);
  std::string error;
  EXPECT_FALSE(ParseGoldTimeline(json{{"happenings", {h}}}, &error));
  return error;
}

TEST(TimelineEval, BadGoldIsAnErrorWithPlaceAndReason) {
  std::string error;
  EXPECT_FALSE(ParseGoldTimeline(json::array(), &error));
  EXPECT_EQ(error, "the gold timeline is not a JSON object");
  EXPECT_FALSE(ParseGoldTimeline(json::object(), &error));
  EXPECT_EQ(error, "gold timeline: no \"happenings\" array");
  EXPECT_EQ(GoldError("date", "\"2025-13\""),
            "happenings[0] (h1): date \"2025-13\" is not YYYY, YYYY-MM or YYYY-MM-DD");
  EXPECT_EQ(GoldError("sources", "[]"), "happenings[0] (h1): \"sources\" is empty");
  EXPECT_EQ(GoldError("keywords", "[\"\"]"), "happenings[0] (h1): keywords[0] is not a non-empty string");
  EXPECT_EQ(GoldError("multi_source", "true"), "happenings[0] (h1): \"multi_source\" is true but there are 1 sources");
  EXPECT_EQ(GoldError("disagreements", R"([{"kind": "mood", "sides": []}])"),
            "happenings[0] (h1).disagreements[0]: kind \"mood\" is not agent, number, date, attribute or framing");
  EXPECT_EQ(GoldError("disagreements", R"([{"kind": "agent", "sides": [{"files": ["a.txt"]}, {"files": ["z.txt"]}]}])"),
            "happenings[0] (h1).disagreements[0].sides[1]: file \"z.txt\" is not a source of the happening");
  const json twice = {{"happenings",
                       {{{"id", "h"}, {"date", "2025"}, {"sources", {"a"}}, {"keywords", {"k"}}},
                        {{"id", "h"}, {"date", "2025"}, {"sources", {"a"}}, {"keywords", {"k"}}}}}};
  EXPECT_FALSE(ParseGoldTimeline(twice, &error));
  EXPECT_EQ(error, "happenings[1]: duplicate id \"h\"");
}

TEST(TimelineEval, BadTimelineIsAnErrorWithPlaceAndReason) {
  std::string error;
  EXPECT_FALSE(ParseOutputTimeline(json::parse(R"({"documents": []})"), &error));
  EXPECT_EQ(error, "timeline: no \"events\" array");
  EXPECT_FALSE(ParseOutputTimeline(
      json::parse(R"({"documents": [], "events": [{"id": "e1", "mentions": [{"doc": "d9", "sentence": "s"}]}]})"),
      &error));
  EXPECT_EQ(error, "events[0] (e1).mentions[0]: unknown document \"d9\"");
  EXPECT_FALSE(ParseOutputTimeline(
      json::parse(R"({"documents": [{"id": "d1"}], "events": [{"id": "e1", "date": 2025, "mentions": []}]})"), &error));
  EXPECT_EQ(error, "events[0] (e1): \"date\" is not a string");
  EXPECT_FALSE(ParseOutputTimeline(
      json::parse(R"({"documents": [], "events": [], "conflicts": [{"event": "e5", "kind": "agent"}]})"), &error));
  EXPECT_EQ(error, "conflicts[0]: unknown event \"e5\"");
}

TEST(TimelineEval, FileErrorsNameTheFile) {
  const fs::path dir = fs::temp_directory_path() / ("chronicle_timeline_eval_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string bad = (dir / "bad.json").string();
  const std::string good = (dir / "gold.json").string();
  std::ofstream(bad) << "{ not json";
  std::ofstream(good) << kGold;
  std::string error;
  EXPECT_FALSE(ReadGoldTimeline(bad, &error));
  EXPECT_EQ(error.rfind(bad + ": not valid JSON: ", 0), 0u) << error;
  EXPECT_FALSE(ReadOutputTimeline((dir / "missing.json").string(), &error));
  EXPECT_EQ(error, (dir / "missing.json").string() + ": cannot open: No such file or directory");
  EXPECT_FALSE(RunTimelineEval(good, bad, &error));
  EXPECT_EQ(error.rfind(bad + ": not valid JSON", 0), 0u) << error;
  std::ofstream(bad) << R"({"happenings": [{"id": "x", "date": "soon", "sources": ["a"], "keywords": ["k"]}]})";
  EXPECT_FALSE(ReadGoldTimeline(bad, &error));
  EXPECT_EQ(error, bad + ": happenings[0] (x): date \"soon\" is not YYYY, YYYY-MM or YYYY-MM-DD");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace chronicle::eval
